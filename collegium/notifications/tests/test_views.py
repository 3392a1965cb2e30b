"""The notifications page, marking as read, the unread count in the header and the choice of
emails: each person sees and changes only their own."""

import pytest
from django.core import mail
from django.utils import timezone

from collegium.notifications.models import EmailState, Frequency, Notification, Preference
from collegium.notifications.services import notify

LIST, READ_ALL, SETTINGS = "/notifications/", "/notifications/read/", "/notifications/settings/"


def tell(person, subject):
    (made,) = notify(
        [person],
        "judgement-changed",
        subject=subject,
        context={"body": "Details."},
        link="/reviews/1/",
    )
    return made


@pytest.fixture
def mine(outsider):
    return tell(outsider, "Your review moved")


@pytest.fixture
def theirs(reviewer):
    return tell(reviewer, "Someone else's secret")


def test_the_page_lists_only_your_own_newest_first(client_for, outsider, mine, theirs):
    newer = tell(outsider, "A newer thing")
    page = client_for(outsider).get(LIST).content.decode()
    assert "Your review moved" in page and "A newer thing" in page
    assert page.index("A newer thing") < page.index("Your review moved")
    assert "Someone else&#39;s secret" not in page and "Someone else's secret" not in page
    assert 'href="http://testserver/reviews/1/"' in page
    assert "You have 2 unread notifications." in page
    assert newer.email_state == EmailState.WAITING


def test_the_header_shows_the_unread_count(client_for, outsider, mine):
    page = client_for(outsider).get("/").content.decode()
    assert 'href="/notifications/">Notifications <strong' in page
    assert '1<span class="govuk-visually-hidden"> unread</span>' in page
    mine.read_at = timezone.now()
    mine.save()
    page = client_for(outsider).get("/").content.decode()
    assert 'href="/notifications/">Notifications</a>' in page


def test_anyone_not_signed_in_is_sent_to_sign_in(client_for, mine):
    for url in (LIST, SETTINGS, f"/notifications/{mine.pk}/read/", READ_ALL):
        response = (
            client_for(None).get(url) if url in (LIST, SETTINGS) else (client_for(None).post(url))
        )
        assert response.status_code == 302 and "/account/" in response["Location"]
    assert Notification.objects.get(pk=mine.pk).read_at is None


def test_marking_one_as_read(client_for, outsider, mine):
    response = client_for(outsider).post(f"/notifications/{mine.pk}/read/")
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.read_at is not None
    page = client_for(outsider).get(LIST).content.decode()
    assert "You have no unread notifications." in page


def test_marking_someone_elses_as_read_is_not_found(client_for, outsider, theirs):
    response = client_for(outsider).post(f"/notifications/{theirs.pk}/read/")
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_marking_all_as_read_leaves_other_peoples(client_for, outsider, mine, theirs):
    tell(outsider, "Another")
    response = client_for(outsider).post(READ_ALL, follow=True)
    assert "All your notifications are marked as read." in response.content.decode()
    assert not Notification.objects.filter(recipient=outsider, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_marking_as_read_needs_a_post(client_for, outsider, mine):
    assert client_for(outsider).get(f"/notifications/{mine.pk}/read/").status_code == 405
    mine.refresh_from_db()
    assert mine.read_at is None


def test_choosing_a_daily_digest(client_for, outsider, reviewer):
    page = client_for(outsider).get(SETTINGS).content.decode()
    assert "How we email you" in page and "Send each email straight away" in page
    response = client_for(outsider).post(SETTINGS, {"frequency": Frequency.DAILY}, follow=True)
    assert "Your email choice is saved." in response.content.decode()
    assert Preference.objects.get(person=outsider).frequency == Frequency.DAILY
    assert not Preference.objects.filter(person=reviewer).exists()
    tell(outsider, "Kept for the digest")
    assert Notification.objects.get(recipient=outsider).email_state == EmailState.IN_DIGEST
    assert not mail.outbox


def test_an_invalid_choice_is_refused_and_changes_nothing(client_for, outsider):
    response = client_for(outsider).post(SETTINGS, {"frequency": "hourly"})
    assert response.status_code == 400
    assert "Choose how we should email you from the list" in response.content.decode()
    response = client_for(outsider).post(SETTINGS, {})
    assert response.status_code == 400
    assert not Preference.objects.exists()


def test_the_list_is_paginated(client_for, outsider):
    for number in range(55):
        tell(outsider, f"Thing {number}")
    page = client_for(outsider).get(LIST).content.decode()
    assert "55 notifications, newest first, 1 to 50 shown" in page
    assert "Thing 54" in page and "Thing 0<" not in page
    page = client_for(outsider).get(LIST + "?page=2").content.decode()
    assert "Thing 0<" in page
