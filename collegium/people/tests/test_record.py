"""people:record, the full register entry: the reviewer, their head, moderators, admins."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from collegium.people.dates import monday_of
from collegium.people.models import (
    AvailableWeek,
    Blackout,
    CapacityApproval,
    DeclaredConflict,
    FormerEmployment,
    PastReview,
)
from collegium.people.tests.helpers import is_sign_in_redirect, text_of


@pytest.fixture
def entry(home_staff, school_leader, school_b, school_c, school_d, lead_reviewer):
    """Hana (home school A, led by school_leader) with one of everything."""
    today = date.today()
    CapacityApproval.objects.create(
        reviewer=home_staff, academic_year=2025, days=12, approved_by=school_leader
    )
    AvailableWeek.objects.create(
        reviewer=home_staff, week_starting=monday_of(today) + timedelta(weeks=2)
    )
    Blackout.objects.create(
        reviewer=home_staff,
        starts_on=today + timedelta(days=5),
        ends_on=today + timedelta(days=6),
        reason="School production",
    )
    DeclaredConflict.objects.create(reviewer=home_staff, school=school_b, reason="Former governor")
    FormerEmployment.objects.create(reviewer=home_staff, school=school_c, left_on=date(2023, 7, 21))
    PastReview.objects.create(
        reviewer=lead_reviewer.reviewer_profile,
        school=home_staff.home_school,
        reviewed_on=today - timedelta(days=100),
    )
    return home_staff


def url(profile):
    return reverse("people:record", args=[profile.pk])


@pytest.mark.django_db
def test_the_reviewer_reads_everything_and_may_edit(client_for, entry):
    response = client_for(entry.user).get(url(entry))
    assert response.status_code == 200
    text = text_of(response)
    assert "2025/26 12 Sam Leader" in text
    assert "Week starting" in text
    assert "School production" in text
    assert "Ash Primary School 900001 Their home school" in text
    assert (
        "Damson School 900004 In the same trust as their home school (Oak Learning Trust)" in text
    )
    assert "Beech Primary School 900002 Declared: Former governor" in text
    assert "Cedar Academy 900003 They worked there until 21 July 2023" in text
    assert "Cedar Academy 900003 Its staff reviewed their home school on" in text
    for link in (
        "Edit the profile",
        "Add training",
        "Change the weeks available",
        "Add blackout dates",
        "Declare a conflict of interest",
        "Add former employment",
        "Add a past review",
        "Change history",
        "Withdraw",
    ):
        assert link in text


@pytest.mark.django_db
def test_the_home_school_leader_reads_but_does_not_edit(client_for, entry, school_leader):
    response = client_for(school_leader).get(url(entry))
    assert response.status_code == 200
    text = text_of(response)
    assert "School production" in text and "Change history" in text and "Approve days" in text
    assert "Edit the profile" not in text and "Add training" not in text


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["moderator", "network_admin"])
def test_moderators_and_admins_read_the_record(client_for, entry, persona, request):
    response = client_for(request.getfixturevalue(persona)).get(url(entry))
    assert response.status_code == 200
    assert "School production" in text_of(response)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "persona", ["outsider", "reviewer", "lead_reviewer", "governor", "coordinator", "adjudicator"]
)
def test_others_are_refused(client_for, entry, persona, request):
    assert client_for(request.getfixturevalue(persona)).get(url(entry)).status_code == 403


@pytest.mark.django_db
def test_a_leader_of_another_school_is_refused(client_for, profile, school_leader):
    assert client_for(school_leader).get(url(profile)).status_code == 403


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in(client_for, entry):
    assert is_sign_in_redirect(client_for(None).get(url(entry)))


@pytest.mark.django_db
def test_an_unknown_record_is_not_found(client_for, moderator):
    assert client_for(moderator).get(reverse("people:record", args=[9999])).status_code == 404


@pytest.mark.django_db
def test_the_history_link_opens_the_reviewers_history(client_for, reviewer, profile):
    history = reverse("audit:history", args=["people.reviewerprofile", profile.pk])
    assert client_for(reviewer).get(history).status_code == 200
    assert client_for(reviewer).get(url(profile)).content.decode().count(history) == 1
