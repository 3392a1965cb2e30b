"""people:add-blackout and removing a blackout."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.people.models import Blackout
from collegium.people.tests.helpers import is_sign_in_redirect, register_state, text_of

SOON = date.today() + timedelta(days=10)


def url(profile):
    return reverse("people:add-blackout", args=[profile.pk])


def data(**changes):
    base = {
        "starts_on": SOON.isoformat(),
        "ends_on": (SOON + timedelta(days=2)).isoformat(),
        "reason": "Year 6 residential",
    }
    return base | changes


@pytest.mark.django_db
def test_the_reviewer_adds_a_blackout(client_for, reviewer, profile):
    response = client_for(reviewer).post(url(profile), data(), follow=True)
    assert "The blackout dates have been added." in text_of(response)
    assert "Year 6 residential" in text_of(response)
    blackout = Blackout.objects.get(reviewer=profile)
    assert (blackout.starts_on, blackout.ends_on) == (SOON, SOON + timedelta(days=2))
    assert AuditEvent.objects.filter(action=verbs.BLACKOUT_ADDED).exists()


@pytest.mark.django_db
def test_a_single_day_is_allowed(client_for, reviewer, profile):
    client_for(reviewer).post(url(profile), data(ends_on=SOON.isoformat()))
    assert Blackout.objects.filter(starts_on=SOON, ends_on=SOON).exists()


@pytest.mark.django_db
def test_an_end_before_the_start_is_refused(client_for, reviewer, profile):
    before = register_state()
    response = client_for(reviewer).post(
        url(profile), data(ends_on=(SOON - timedelta(days=1)).isoformat())
    )
    assert response.status_code == 400
    assert "The last day must be the same as or after the first day" in text_of(response)
    assert register_state() == before


@pytest.mark.django_db
def test_others_are_refused(client_for, profile, outsider, home_staff, school_leader):
    before = register_state()
    assert client_for(outsider).post(url(profile), data()).status_code == 403
    assert client_for(school_leader).post(url(home_staff), data()).status_code == 403
    assert is_sign_in_redirect(client_for(None).post(url(profile), data()))
    assert register_state() == before


@pytest.mark.django_db
def test_the_reviewer_removes_a_blackout(client_for, reviewer, profile, outsider):
    blackout = Blackout.objects.create(reviewer=profile, starts_on=SOON, ends_on=SOON)
    remove = reverse("people:remove-item", args=[profile.pk, "blackout", blackout.pk])
    assert client_for(outsider).post(remove).status_code == 403
    assert Blackout.objects.exists()
    response = client_for(reviewer).post(remove, follow=True)
    assert "The blackout dates have been removed." in text_of(response)
    assert not Blackout.objects.exists()
    assert AuditEvent.objects.filter(action=verbs.BLACKOUT_REMOVED).exists()
