"""The builder turns register and review rows into the optimiser's dataclasses."""

from datetime import timedelta

import pytest

from collegium.allocation import LEAD, allocate
from collegium.allocations.problem import build, focus_subjects
from collegium.people.models import DeclaredConflict, FormerEmployment, PastReview
from collegium.reviews.models import TeamMember


def by_name(built):
    return {v.name: v for v in built.reviewers}


@pytest.mark.django_db
def test_rows_become_reviews_and_reviewers(cluster, open_review, ready, school_a):
    built = build(cluster)
    [review] = built.reviews
    assert (review.id, review.school_id, review.phase, review.week) == (
        open_review.pk,
        school_a.pk,
        "primary",
        1,
    )
    assert review.peers == 2  # the quality assurance review's smallest team
    assert review.subjects == {"English", "Mathematics"}
    people = by_name(built)
    assert set(people) == {"Lena Lead", "Rhys Reviewer", "Dora Dale", "Eli Elm", "Fay Fir"}
    assert people["Lena Lead"].accredited_lead and not people["Rhys Reviewer"].accredited_lead
    assert people["Rhys Reviewer"].weeks == {1}
    assert people["Rhys Reviewer"].capacity == 3  # 10 approved days, 3-day reviews
    assert people["Rhys Reviewer"].phases == {"primary"}
    assert people["Dora Dale"].trust_id == review.trust_id is not None  # Oak Learning Trust
    assert people["Eli Elm"].trust_id is None


@pytest.mark.django_db
def test_a_declared_conflict_is_one_the_optimiser_respects(cluster, open_review, ready, school_a):
    built = build(cluster)
    chosen = {a.reviewer_id for a in allocate(built.reviews, built.reviewers).assignments}
    assert ready["eli"].pk in chosen and ready["fay"].pk not in chosen
    DeclaredConflict.objects.create(reviewer=ready["eli"], school=school_a, reason="My sister")
    built = build(cluster)
    assert school_a.pk in by_name(built)["Eli Elm"].declared_conflicts
    result = allocate(built.reviews, built.reviewers)
    chosen = {a.reviewer_id for a in result.assignments}
    assert ready["eli"].pk not in chosen and ready["fay"].pk in chosen
    assert result.certificate.total_violations == 0


@pytest.mark.django_db
def test_history_former_employment_and_last_cycle(cluster, open_review, ready, school_a):
    last_year = open_review.start_date - timedelta(days=365)
    PastReview.objects.create(
        reviewer=ready["eli"],
        school=school_a,
        reviewed_on=last_year,
    )
    FormerEmployment.objects.create(
        reviewer=ready["dora"],
        school=school_a,
        left_on=last_year,
    )
    built = build(cluster)
    people = by_name(built)
    assert school_a.pk in people["Eli Elm"].reviewed_schools
    assert school_a.pk in people["Dora Dale"].former_schools
    assert ready["eli"].home_school_id in built.reviews[0].last_cycle_partners


@pytest.mark.django_db
def test_existing_members_are_locked_and_count_in_the_team(cluster, open_review, ready):
    TeamMember.objects.create(review=open_review, reviewer=ready["lena"], role=LEAD)
    built = build(cluster)
    assert [(a.reviewer_id, a.role) for a in built.locked] == [(ready["lena"].pk, LEAD)]
    result = allocate(built.reviews, built.reviewers, locked=built.locked)
    lead = [a for a in result.assignments if a.role == LEAD]
    assert [a.reviewer_id for a in lead] == [ready["lena"].pk]


@pytest.mark.django_db
def test_a_full_team_leaves_nothing_to_allocate(cluster, open_review, ready):
    for key, role in (("lena", "lead"), ("rhys", "peer"), ("dora", "peer")):
        TeamMember.objects.create(review=open_review, reviewer=ready[key], role=role)
    assert build(cluster).reviews == []


def test_focus_words_name_subjects():
    assert focus_subjects("Phonics, and science in year 2") == {"English", "Science"}
    assert focus_subjects("Attendance") == frozenset()
