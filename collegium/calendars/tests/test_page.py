"""The calendar page: the person's own feed address with how to add it, and its reset."""

import hashlib
import re

import pytest

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.calendars.models import CalendarFeed
from collegium.calendars.tests.helpers import feed_url
from collegium.privacy.services import erase, restore, suspend

pytestmark = pytest.mark.django_db


def address_on(page: str) -> str:
    """The feed's path as the page shows it, or "" when the page does not show it."""
    found = re.search(r'id="https-url"[^>]*>http://testserver(/calendar/feed/[^<]+\.ics)<', page)
    return found.group(1) if found else ""


def test_the_page_shows_the_persons_own_new_address_once(client_for, client, reviewer, outsider):
    other = feed_url(outsider)
    page = client_for(reviewer).get("/calendar/")
    assert page.status_code == 200
    text = page.text
    shown = address_on(text)
    token = shown.removeprefix("/calendar/feed/").removesuffix(".ics")
    assert f"webcal://testserver/calendar/feed/{token}.ics" in text
    assert "Outlook" in text and "Google Calendar" in text and "Apple Calendar" in text
    assert other not in text
    assert client.get(shown).status_code == 200
    assert AuditEvent.objects.filter(action=verbs.CALENDAR_ADDRESS_CREATED).count() == 2
    # Only a digest is kept: the address is not stored, and not shown again.
    feed = CalendarFeed.objects.get(user=reviewer)
    assert feed.digest == hashlib.sha256(token.encode()).hexdigest() and token not in feed.digest
    again = client_for(reviewer).get("/calendar/").text
    assert token not in again and address_on(again) == ""
    assert "Reset the address to see a new one" in again
    assert CalendarFeed.objects.get(user=reviewer).digest == feed.digest  # still the same address
    assert client.get(shown).status_code == 200


def test_the_home_page_links_to_the_calendar_page(client_for, reviewer, outsider):
    for person in (reviewer, outsider):  # everyone signed in has a calendar
        assert 'href="/calendar/"' in client_for(person).get("/").text


def test_someone_not_signed_in_is_asked_to_sign_in(client_for, reviewer):
    old = feed_url(reviewer)
    anonymous = client_for(None)
    assert anonymous.get("/calendar/").status_code == 302
    response = anonymous.post("/calendar/reset/")
    assert response.status_code == 302 and "sign-in" in response["Location"]
    assert feed_url(reviewer) == old


def test_resetting_makes_the_old_address_stop_working(client_for, client, reviewer, outsider):
    old = feed_url(reviewer)
    others = feed_url(outsider)
    signed_in = client_for(reviewer)
    confirm = signed_in.get("/calendar/reset/")
    assert confirm.status_code == 200 and "Reset your calendar address?" in confirm.text
    assert client.get(old).status_code == 200  # asking is not resetting

    response = signed_in.post("/calendar/reset/", follow=True)

    assert "The old address no longer works" in response.text
    new = address_on(response.text)  # the new address is shown once, right after the reset
    assert new and new != old
    assert address_on(signed_in.get("/calendar/").text) == ""
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    assert feed_url(outsider) == others  # only the person's own address changes
    assert client.get(others).status_code == 200
    event = AuditEvent.objects.get(action=verbs.CALENDAR_ADDRESS_RESET)
    assert event.actor == reviewer
    assert old.split("/")[-1].removesuffix(".ics") not in str(event.before) + str(event.after)


def test_erasing_a_person_removes_their_calendar_address(
    client_for, client, network_admin, reviewer
):
    old = feed_url(reviewer)
    erase(network_admin, reviewer)
    assert not CalendarFeed.objects.filter(user=reviewer).exists()
    assert client.get(old).status_code == 404


def test_suspending_a_person_ends_their_address_and_restoring_does_not_bring_it_back(
    client_for, client, network_admin, reviewer
):
    old = feed_url(reviewer)
    suspend(network_admin, reviewer)
    assert not CalendarFeed.objects.filter(user=reviewer).exists()
    restore(network_admin, reviewer)
    assert client.get(old).status_code == 404
    page = client_for(reviewer).get("/calendar/").text  # a new address, shown once
    assert address_on(page) and address_on(page) != old
