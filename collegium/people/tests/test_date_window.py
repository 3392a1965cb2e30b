"""Accreditation, blackout and training dates outside the service's window are refused
(any year from 1 to 9999 used to be accepted), and nothing changes."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from collegium.people.tests.helpers import register_state, text_of

LAST_YEAR = timezone.localdate().year + 10
WINDOW = f"between 1 January 2000 and 31 December {LAST_YEAR}"
SOON = date.today() + timedelta(days=10)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("granted", "expires", "message"),
    [
        (SOON, "9999-12-31", f"Expiry date must be {WINDOW}"),
        ("0001-01-01", SOON, f"Date granted must be {WINDOW}"),
    ],
)
def test_an_accreditation_far_outside_the_window_is_refused(
    client_for, moderator, profile, granted, expires, message
):
    before = register_state()
    url = reverse("people:grant-accreditation", args=[profile.pk])
    response = client_for(moderator).post(url, {"granted_on": granted, "expires_on": expires})
    assert response.status_code == 400
    assert message in text_of(response)
    assert register_state() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("starts", "ends", "message"),
    [
        ("0001-01-01", SOON, f"First day must be {WINDOW}"),
        (SOON, "9999-12-31", f"Last day must be {WINDOW}"),
    ],
)
def test_a_blackout_far_outside_the_window_is_refused(
    client_for, reviewer, profile, starts, ends, message
):
    before = register_state()
    url = reverse("people:add-blackout", args=[profile.pk])
    response = client_for(reviewer).post(
        url, {"starts_on": starts, "ends_on": ends, "reason": "Residential"}
    )
    assert response.status_code == 400
    assert message in text_of(response)
    assert register_state() == before


@pytest.mark.django_db
def test_someone_else_cannot_add_a_blackout(client_for, outsider, profile):
    before = register_state()
    url = reverse("people:add-blackout", args=[profile.pk])
    response = client_for(outsider).post(
        url, {"starts_on": SOON, "ends_on": SOON, "reason": "Residential"}
    )
    assert response.status_code in (403, 404)
    assert register_state() == before
