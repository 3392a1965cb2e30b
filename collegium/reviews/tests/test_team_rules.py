"""The team rules (R1, P3, P4): every rule kept and broken, through the optimiser's functions."""

from datetime import date, time, timedelta

import pytest
from django.core.exceptions import ValidationError

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.people.dates import current_academic_year
from collegium.people.models import (
    Accreditation,
    Blackout,
    CapacityApproval,
    ReviewerProfile,
    Role,
    RoleGrant,
)
from collegium.reviews.models import Activity, Review, TeamMember
from collegium.reviews.services.team import add_team_member, remove_team_member, set_locked
from collegium.reviews.tests.planning_helpers import free_for, free_monday
from conftest import make_school, make_user

LEAD, PEER = TeamMember.Role.LEAD, TeamMember.Role.PEER


@pytest.fixture
def plan(school_a, cluster, framework_version) -> Review:
    return Review.objects.create(
        school=school_a,
        cluster=cluster,
        kind=Review.Kind.QUALITY_ASSURANCE,
        framework_version=framework_version,
        start_date=free_monday(),
        days=3,
    )


def new_reviewer(name, school, review=None, **free) -> ReviewerProfile:
    profile = ReviewerProfile.objects.create(
        user=make_user(name),
        home_school=school,
        job_title="Deputy headteacher",
        phases=["primary"],
        years_in_senior_leadership=5,
    )
    if review is not None:
        free_for(profile, review.start_date, review.days, **free)
    return profile


@pytest.fixture
def lead(lead_reviewer, plan) -> ReviewerProfile:
    profile = lead_reviewer.reviewer_profile
    free_for(profile, plan.start_date, plan.days)
    return profile


@pytest.fixture
def peer(reviewer, plan) -> ReviewerProfile:
    profile = reviewer.reviewer_profile
    free_for(profile, plan.start_date, plan.days)
    return profile


def refused(review, profile, role, message):
    before = TeamMember.objects.count()
    with pytest.raises(ValidationError) as error:
        add_team_member(None, review, profile, role)
    assert message in " ".join(error.value.messages)
    assert TeamMember.objects.count() == before


def test_a_lead_and_a_peer_join_the_team_and_it_is_recorded(coordinator, plan, lead, peer):
    add_team_member(coordinator, plan, lead, LEAD)
    member = add_team_member(coordinator, plan, peer, PEER)
    assert [(m.reviewer, m.role) for m in plan.team.order_by("role")] == [
        (lead, LEAD),
        (peer, PEER),
    ]
    assert member.added_by == coordinator
    event = AuditEvent.objects.filter(action=verbs.TEAM_MEMBER_ADDED).order_by("pk").last()
    assert event is not None
    assert event.after == {"reviewer_id": peer.pk, "role": PEER, "locked": False}


def test_the_same_person_twice(plan, peer):
    add_team_member(None, plan, peer, PEER)
    refused(plan, peer, LEAD, "Rhys Reviewer is already on the team")


def test_a_second_lead(plan, lead, school_b):
    add_team_member(None, plan, lead, LEAD)
    other = new_reviewer("Olu Other", school_b, plan)
    refused(plan, other, LEAD, "already has a lead reviewer, Lena Lead: remove them")


def test_at_most_four_peers_on_a_quality_assurance_review(plan, la):
    for n in range(4):
        school = make_school(la, 910000 + n, f"Peer School {n}")
        add_team_member(None, plan, new_reviewer(f"Peer {n}", school, plan), PEER)
    fifth = new_reviewer("Peer Five", make_school(la, 910009, "Fifth School"), plan)
    refused(plan, fifth, PEER, "has at most 4 peer reviewers: remove one before adding Peer Five")


def test_a_head_to_head_review_has_no_peers(plan, peer):
    Review.objects.filter(pk=plan.pk).update(kind=Review.Kind.HEAD_TO_HEAD, days=1)
    plan.refresh_from_db()
    refused(plan, peer, PEER, "A head-to-head review has no peer reviewers")


def test_a_lead_of_a_quality_assurance_review_must_be_accredited(plan, peer):
    refused(plan, peer, LEAD, "Rhys Reviewer cannot lead a quality assurance review")


def test_an_accreditation_that_lapses_before_the_review_is_not_enough(plan, lead):
    Accreditation.objects.filter(reviewer=lead).update(expires_on=plan.start_date)
    refused(plan, lead, LEAD, "current on the review's start date")


def test_a_cluster_review_lead_must_be_accredited_too(plan, peer):
    Review.objects.filter(pk=plan.pk).update(kind=Review.Kind.CLUSTER, days=2)
    plan.refresh_from_db()
    refused(plan, peer, LEAD, "cannot lead a cluster peer review")


def test_a_head_to_head_lead_is_the_visiting_head_without_accreditation(plan, peer, reviewer):
    Review.objects.filter(pk=plan.pk).update(kind=Review.Kind.HEAD_TO_HEAD, days=1)
    plan.refresh_from_db()
    refused(plan, peer, LEAD, "the lead is the visiting head, a leader of their home school")
    RoleGrant.objects.create(user=reviewer, role=Role.SCHOOL_LEADER, school=peer.home_school)
    assert add_team_member(None, plan, peer, LEAD).role == LEAD


def test_a_reviewer_from_the_reviewed_school(plan, school_a):
    refused(plan, new_reviewer("Ash Insider", school_a, plan), PEER, "Their home school")


def test_a_conflict_of_the_same_trust_as_the_school(plan, school_d):
    refused(
        plan,
        new_reviewer("Dee Trust", school_d, plan),
        PEER,
        "has a conflict of interest with Ash Primary School: In the same trust",
    )


def test_at_most_one_member_from_each_trust(plan, la):
    one = make_school(la, 920001, "Elm One", trust_name="Elm Trust")
    two = make_school(la, 920002, "Elm Two", trust_name="Elm Trust")
    add_team_member(None, plan, new_reviewer("Ella Elm", one, plan), PEER)
    refused(plan, new_reviewer("Emil Elm", two, plan), PEER, "both come from Elm Trust")


def test_a_blackout_on_the_review_s_days(plan, peer):
    Blackout.objects.create(
        reviewer=peer,
        starts_on=plan.start_date + timedelta(days=1),
        ends_on=plan.start_date + timedelta(days=1),
    )
    refused(plan, peer, PEER, "Rhys Reviewer is not available from")


def test_a_week_not_marked_available(plan, reviewer):
    profile = reviewer.reviewer_profile
    year = current_academic_year(plan.start_date)
    CapacityApproval.objects.create(
        reviewer=profile, academic_year=year, days=10, approved_by=reviewer
    )
    refused(plan, profile, PEER, "has not marked the week of")


def test_one_review_a_week(plan, peer, school_b, school_c, cluster, framework_version):
    other = Review.objects.create(
        school=school_c,
        cluster=cluster,
        kind=Review.Kind.CLUSTER,
        framework_version=framework_version,
        start_date=plan.start_date + timedelta(days=3),
        days=1,
    )
    TeamMember.objects.create(review=other, reviewer=peer, role=PEER)
    refused(plan, peer, PEER, "already on the team reviewing Cedar Academy")
    Review.objects.filter(pk=other.pk).update(status=Review.Status.CANCELLED)
    assert add_team_member(None, plan, peer, PEER)


def test_no_approved_days(plan, school_b):
    profile = new_reviewer("Nora None", school_b)
    AvailableWeek = profile.available_weeks.model
    AvailableWeek.objects.create(reviewer=profile, week_starting=plan.start_date)
    refused(plan, profile, PEER, "Nora None's school has not approved any review days for")


def test_beyond_the_approved_days(plan, school_b, school_c, cluster, framework_version):
    profile = new_reviewer("Cap Limit", school_b, plan, approved=4)
    earlier = Review.objects.create(
        school=school_c,
        cluster=cluster,
        kind=Review.Kind.CLUSTER,
        framework_version=framework_version,
        start_date=plan.start_date - timedelta(weeks=1),
        days=2,
    )
    TeamMember.objects.create(review=earlier, reviewer=profile, role=PEER)
    refused(plan, profile, PEER, "would go beyond the 4 days their school approved")


def test_the_team_is_fixed_once_the_visit_starts(plan, peer):
    Review.objects.filter(pk=plan.pk).update(status=Review.Status.VISIT)
    refused(plan, peer, PEER, "The team can only change while the review is being planned")


def test_remove_a_member_and_the_removal_is_recorded(coordinator, plan, peer):
    member = add_team_member(None, plan, peer, PEER)
    remove_team_member(coordinator, member)
    assert not plan.team.exists()
    assert AuditEvent.objects.filter(action=verbs.TEAM_MEMBER_REMOVED, actor=coordinator).exists()


def test_a_locked_member_is_not_removed(coordinator, plan, peer):
    member = set_locked(coordinator, add_team_member(None, plan, peer, PEER), True)
    assert TeamMember.objects.get(pk=member.pk).locked
    with pytest.raises(ValidationError, match="place is locked: unlock it before removing them"):
        remove_team_member(coordinator, member)
    set_locked(coordinator, member, False)
    remove_team_member(coordinator, member)
    assert AuditEvent.objects.filter(action=verbs.TEAM_PLACE_LOCKED).exists()
    assert AuditEvent.objects.filter(action=verbs.TEAM_PLACE_UNLOCKED).exists()


def test_a_member_named_in_the_timetable_is_not_removed(plan, peer):
    member = add_team_member(None, plan, peer, PEER)
    Activity.objects.create(
        review=plan,
        day=1,
        starts_at=time(9),
        ends_at=time(10),
        kind="learning_walk",
        reviewer=member,
    )
    with pytest.raises(ValidationError, match="visiting reviewer on 1 timetable activity"):
        remove_team_member(None, member)
    assert plan.team.count() == 1


def test_no_removal_or_locking_once_the_visit_starts(plan, peer):
    member = add_team_member(None, plan, peer, PEER)
    Review.objects.filter(pk=plan.pk).update(status=Review.Status.VISIT)
    with pytest.raises(ValidationError, match="being planned"):
        remove_team_member(None, member)
    with pytest.raises(ValidationError, match="being planned"):
        set_locked(None, member, True)
    assert plan.team.get().locked is False


def test_free_monday_is_a_monday(db):
    assert free_monday().weekday() == 0 and free_monday() > date.today()
