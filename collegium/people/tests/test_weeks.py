"""people:weeks: the reviewer ticks the weeks of the next 40 they are available."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.people.dates import coming_mondays
from collegium.people.models import AvailableWeek
from collegium.people.tests.helpers import after_of, is_sign_in_redirect, register_state, text_of


def url(profile):
    return reverse("people:weeks", args=[profile.pk])


def weeks(profile):
    return sorted(profile.available_weeks.values_list("week_starting", flat=True))


@pytest.mark.django_db
def test_the_next_40_weeks_are_offered(client_for, reviewer, profile):
    text = text_of(client_for(reviewer).get(url(profile)))
    assert text.count("Week starting Monday") == 40
    first = coming_mondays()[0]
    assert f"Week starting Monday {first:%-d %B %Y}" in text


@pytest.mark.django_db
def test_the_reviewer_adds_and_removes_weeks(client_for, reviewer, profile):
    offered = coming_mondays()
    past = offered[0] - timedelta(weeks=10)
    AvailableWeek.objects.create(reviewer=profile, week_starting=past)
    client = client_for(reviewer)
    client.post(url(profile), {"weeks": [offered[1].isoformat(), offered[5].isoformat()]})
    assert weeks(profile) == [past, offered[1], offered[5]]
    response = client.post(url(profile), {"weeks": [offered[5].isoformat()]}, follow=True)
    assert "The weeks available have been saved." in text_of(response)
    assert weeks(profile) == [past, offered[5]]  # weeks outside the 40 are kept
    events = AuditEvent.objects.filter(action=verbs.AVAILABLE_WEEKS_CHANGED).order_by("pk")
    assert [after_of(e)["available_weeks"] for e in events] == [
        [offered[1].isoformat(), offered[5].isoformat()],
        [offered[5].isoformat()],
    ]


@pytest.mark.django_db
def test_a_week_not_offered_is_refused(client_for, reviewer, profile):
    before = register_state()
    response = client_for(reviewer).post(url(profile), {"weeks": [date(2001, 1, 1).isoformat()]})
    assert response.status_code == 400
    assert "Select a valid choice" in text_of(response)
    assert register_state() == before


@pytest.mark.django_db
def test_others_are_refused(client_for, profile, outsider, moderator):
    before = register_state()
    week = coming_mondays()[0].isoformat()
    assert client_for(outsider).post(url(profile), {"weeks": [week]}).status_code == 403
    assert client_for(moderator).post(url(profile), {"weeks": [week]}).status_code == 403
    assert is_sign_in_redirect(client_for(None).get(url(profile)))
    assert register_state() == before
