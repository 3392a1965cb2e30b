"""P4: conflicts_for and has_conflict, one test per rule and one per near miss."""

from datetime import date, timedelta

import pytest

from collegium.people.conflicts import Conflict, conflicts_for, has_conflict
from collegium.people.models import DeclaredConflict, FormerEmployment, PastReview
from collegium.people.services.register import update_profile

TODAY = date(2025, 11, 20)


def urns(conflicts: list[Conflict]) -> set[int]:
    return {c.school_urn for c in conflicts}


@pytest.fixture(autouse=True)
def _cycle(settings):
    settings.REVIEW_CYCLE_YEARS = 2
    settings.FORMER_EMPLOYMENT_YEARS = 5


@pytest.mark.django_db
def test_own_school_is_a_conflict(profile, school_b, school_c):
    conflicts = conflicts_for(profile, TODAY)
    assert conflicts[0] == Conflict(school_b.urn, school_b.name, "Their home school")
    assert has_conflict(profile, school_b, TODAY) == "Their home school"
    assert has_conflict(profile, school_c, TODAY) is None


@pytest.mark.django_db
def test_schools_in_the_same_trust_are_conflicts(home_staff, school_a, school_d, school_b):
    conflicts = conflicts_for(home_staff, TODAY)
    assert urns(conflicts) == {school_a.urn, school_d.urn}
    reason = "In the same trust as their home school (Oak Learning Trust)"
    assert has_conflict(home_staff, school_d, TODAY) == reason
    assert has_conflict(home_staff, school_b, TODAY) is None


@pytest.mark.django_db
def test_blank_trust_names_do_not_match_each_other(profile, school_b, school_c):
    assert school_b.trust_name == "" and school_c.trust_name == ""
    assert urns(conflicts_for(profile, TODAY)) == {school_b.urn}
    assert has_conflict(profile, school_c, TODAY) is None


@pytest.mark.django_db
def test_former_employment_within_the_years_is_a_conflict(profile, school_c):
    FormerEmployment.objects.create(
        reviewer=profile, school=school_c, left_on=TODAY - timedelta(days=4 * 365)
    )
    assert school_c.urn in urns(conflicts_for(profile, TODAY))
    assert str(has_conflict(profile, school_c, TODAY)).startswith("They worked there until")


@pytest.mark.django_db
def test_former_employment_six_years_ago_is_not_a_conflict(profile, school_c):
    FormerEmployment.objects.create(reviewer=profile, school=school_c, left_on=date(2019, 11, 1))
    assert school_c.urn not in urns(conflicts_for(profile, TODAY))
    assert has_conflict(profile, school_c, TODAY) is None


@pytest.mark.django_db
def test_former_employment_uses_the_setting(profile, school_c, settings):
    FormerEmployment.objects.create(reviewer=profile, school=school_c, left_on=date(2019, 11, 1))
    settings.FORMER_EMPLOYMENT_YEARS = 7
    assert has_conflict(profile, school_c, TODAY) is not None


@pytest.mark.django_db
def test_a_school_whose_staff_reviewed_the_home_school_is_a_conflict(
    profile, lead_reviewer, school_c
):
    # Lena (home school C) reviewed Rhys's home school B last year: Rhys must not review C.
    PastReview.objects.create(
        reviewer=lead_reviewer.reviewer_profile,
        school=profile.home_school,
        reviewed_on=date(2024, 12, 1),
        as_lead=True,
    )
    conflict = [c for c in conflicts_for(profile, TODAY) if c.school_urn == school_c.urn]
    assert conflict == [
        Conflict(
            school_c.urn, school_c.name, "Its staff reviewed their home school on 1 December 2024"
        )
    ]
    assert has_conflict(profile, school_c, TODAY) is not None


@pytest.mark.django_db
def test_a_review_before_the_last_cycle_is_not_a_conflict(profile, lead_reviewer, school_c):
    PastReview.objects.create(
        reviewer=lead_reviewer.reviewer_profile,
        school=profile.home_school,
        reviewed_on=date(2022, 11, 1),
    )
    assert school_c.urn not in urns(conflicts_for(profile, TODAY))
    assert has_conflict(profile, school_c, TODAY) is None


@pytest.mark.django_db
def test_reviews_by_colleagues_of_the_same_school_are_not_reciprocal(profile, home_staff, school_a):
    # Hana (school A) reviewing Rhys's school B makes B conflicted for A's staff, not for Rhys.
    PastReview.objects.create(reviewer=home_staff, school=school_a, reviewed_on=date(2025, 3, 1))
    assert school_a.urn not in urns(conflicts_for(profile, TODAY))
    PastReview.objects.create(
        reviewer=home_staff, school=profile.home_school, reviewed_on=date(2025, 3, 1)
    )
    assert school_a.urn in urns(conflicts_for(profile, TODAY))


@pytest.mark.django_db
def test_declared_conflicts_are_conflicts(profile, school_d):
    DeclaredConflict.objects.create(
        reviewer=profile, school=school_d, reason="My sister teaches there"
    )
    assert Conflict(school_d.urn, school_d.name, "Declared: My sister teaches there") in (
        conflicts_for(profile, TODAY)
    )
    assert has_conflict(profile, school_d, TODAY) == "Declared: My sister teaches there"


@pytest.mark.django_db
def test_several_reasons_for_one_school_are_all_given(home_staff, school_d):
    DeclaredConflict.objects.create(
        reviewer=home_staff, school=school_d, reason="Chair of governors"
    )
    assert has_conflict(home_staff, school_d, TODAY) == (
        "In the same trust as their home school (Oak Learning Trust); Declared: Chair of governors"
    )


@pytest.mark.django_db
def test_moving_home_school_keeps_the_old_school_as_a_conflict(
    profile, school_b, school_c, reviewer
):
    update_profile(
        reviewer,
        profile,
        home_school=school_c,
        job_title="Head",
        phases=["primary"],
        subjects=[],
        years_in_senior_leadership=7,
    )
    assert str(has_conflict(profile, school_b)).startswith("They worked there until")


@pytest.mark.django_db
def test_conflicts_cost_a_handful_of_queries(
    home_staff, school_c, lead_reviewer, django_assert_max_num_queries
):
    PastReview.objects.create(
        reviewer=lead_reviewer.reviewer_profile,
        school=home_staff.home_school,
        reviewed_on=date(2025, 1, 1),
    )
    FormerEmployment.objects.create(reviewer=home_staff, school=school_c, left_on=date(2024, 1, 1))
    with django_assert_max_num_queries(5):
        conflicts_for(home_staff, TODAY)
    with django_assert_max_num_queries(3):
        has_conflict(home_staff, school_c, TODAY)
