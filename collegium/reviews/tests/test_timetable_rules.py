"""The conduct rules (R3): each rule on its own, kept and broken, and the timetable services."""

from datetime import time

import pytest
from django.core.exceptions import ValidationError

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.reviews.models import Activity, Review, TeamMember
from collegium.reviews.services import timetable
from collegium.reviews.services.timetable import (
    CONDUCT_RULES,
    add_activity,
    change_activity,
    remove_activity,
)

Kind = Activity.Kind


def fields(**overrides):
    base = dict(day=1, starts_at=time(9), ends_at=time(10), kind=Kind.LEARNING_WALK)
    return base | overrides


@pytest.fixture
def peer(review) -> TeamMember:
    return review.team.get(role=TeamMember.Role.PEER)


def refused(actor, review, message, **overrides):
    before = Activity.objects.count()
    with pytest.raises(ValidationError) as error:
        add_activity(actor, review, **fields(**overrides))
    assert message in " ".join(error.value.messages)
    assert Activity.objects.count() == before


def test_every_rule_is_in_the_list():
    names = [rule.__name__ for rule in CONDUCT_RULES]
    assert names == [
        "within_review_days",
        "ends_after_start",
        "ends_by_six",
        "deep_dive_named",
        "one_deep_dive_per_leader",
        "host_leader_paired",
        "within_daily_limit",
        "reviewer_on_team",
        "reviewer_not_double_booked",
    ]


def test_an_activity_is_added_and_recorded(school_leader, review, peer):
    activity = add_activity(school_leader, review, **fields(reviewer=peer, notes="Year 2"))
    assert activity.pk and activity.reviewer == peer
    event = AuditEvent.objects.get(action=verbs.ACTIVITY_ADDED)
    assert (event.after or {})["day"] == 1 and (event.after or {})["reviewer_id"] == peer.pk


def test_ends_by_six(school_leader, review):
    ok = add_activity(school_leader, review, **fields(starts_at=time(17), ends_at=time(18)))
    assert ok.pk
    refused(
        school_leader,
        review,
        "Activities must end by 18:00: change the end time of ‘Meeting with parents’ to 18:00 "
        "or earlier",
        kind=Kind.MEETING_PARENTS,
        starts_at=time(17, 30),
        ends_at=time(18, 30),
    )


def test_ends_after_it_starts(school_leader, review):
    refused(school_leader, review, "must end after it starts", starts_at=time(11), ends_at=time(10))


@pytest.mark.parametrize("day", [0, 4])
def test_a_day_of_the_review(school_leader, review, day):
    refused(school_leader, review, "The review lasts 3 days: choose a day from 1 to 3", day=day)


def test_a_deep_dive_names_its_subject_and_leader(school_leader, review):
    refused(
        school_leader,
        review,
        "names its subject and the member of staff",
        kind=Kind.DEEP_DIVE,
        subject="History",
    )


def test_no_two_deep_dives_led_by_the_same_member_of_staff(school_leader, review):
    dive = dict(kind=Kind.DEEP_DIVE, led_by_staff="Ms Khan")
    add_activity(school_leader, review, **fields(subject="History", **dive))
    refused(
        school_leader,
        review,
        "No two subject deep-dives may be led by the same member of staff: Ms Khan already "
        "leads ‘Subject deep-dive: History’ on day 1",
        day=2,
        subject="Geography",
        kind=Kind.DEEP_DIVE,
        led_by_staff=" ms khan ",
    )
    assert add_activity(
        school_leader,
        review,
        **fields(day=2, subject="Geography", kind=Kind.DEEP_DIVE, led_by_staff="Mr Ode"),
    )


def test_a_host_leader_goes_with_a_visiting_reviewer(school_leader, review, peer):
    message = "The school asks for a host leader on ‘Lesson visit’: enter the host leader"
    refused(
        school_leader,
        review,
        message,
        kind=Kind.LESSON_VISIT,
        needs_host_leader=True,
        reviewer=peer,
    )
    refused(
        school_leader,
        review,
        message,
        kind=Kind.LESSON_VISIT,
        needs_host_leader=True,
        host_leader="Mr Ode",
    )
    paired = fields(
        kind=Kind.LESSON_VISIT, needs_host_leader=True, host_leader="Mr Ode", reviewer=peer
    )
    assert add_activity(school_leader, review, **paired)


def test_the_school_s_daily_limit(school_leader, review):
    Review.objects.filter(pk=review.pk).update(max_activities_per_day=2)
    review.refresh_from_db()
    add_activity(school_leader, review, **fields())
    add_activity(school_leader, review, **fields(starts_at=time(11), ends_at=time(12)))
    refused(
        school_leader,
        review,
        "The school allows at most 2 activities a day and day 1 already has 2",
        starts_at=time(13),
        ends_at=time(14),
    )
    assert add_activity(school_leader, review, **fields(day=2))


def test_the_reviewer_is_on_this_review_s_team(
    school_leader, review, school_b, cluster, framework_version, peer
):
    other = Review.objects.create(
        school=school_b,
        cluster=cluster,
        kind="cluster",
        framework_version=framework_version,
        start_date=review.start_date,
        days=1,
    )
    stranger = TeamMember.objects.create(review=other, reviewer=peer.reviewer, role="peer")
    refused(
        school_leader,
        review,
        "Choose a visiting reviewer from this review's team",
        reviewer=stranger,
    )


def test_a_reviewer_is_not_in_two_places_at_once(school_leader, review, peer):
    add_activity(school_leader, review, **fields(reviewer=peer))
    refused(
        school_leader,
        review,
        "Rhys Reviewer is already at ‘Learning walk’ from 09:00 to 10:00 on day 1",
        kind=Kind.WORK_SCRUTINY,
        starts_at=time(9, 30),
        ends_at=time(10, 30),
        reviewer=peer,
    )
    assert add_activity(
        school_leader, review, **fields(starts_at=time(10), ends_at=time(11), reviewer=peer)
    )


def test_change_an_activity_under_the_same_rules(school_leader, review):
    activity = add_activity(school_leader, review, **fields())
    change_activity(school_leader, activity, ends_at=time(11))
    activity.refresh_from_db()
    assert activity.ends_at == time(11)
    with pytest.raises(ValidationError, match="Activities must end by 18:00"):
        change_activity(school_leader, activity, starts_at=time(17), ends_at=time(19))
    activity.refresh_from_db()
    assert (activity.starts_at, activity.ends_at) == (time(9), time(11))
    event = AuditEvent.objects.get(action=verbs.ACTIVITY_CHANGED)
    assert (event.before or {})["ends_at"] == "10:00" and (event.after or {})["ends_at"] == "11:00"


def test_a_changed_deep_dive_does_not_clash_with_itself(school_leader, review):
    dive = add_activity(
        school_leader, review, **fields(kind=Kind.DEEP_DIVE, subject="Art", led_by_staff="Ms Khan")
    )
    assert change_activity(school_leader, dive, ends_at=time(10, 30)).ends_at == time(10, 30)


def test_remove_an_activity(school_leader, review):
    activity = add_activity(school_leader, review, **fields())
    remove_activity(school_leader, activity)
    assert not review.activities.exists()
    assert AuditEvent.objects.filter(action=verbs.ACTIVITY_REMOVED).exists()


@pytest.mark.parametrize(
    "status", [Review.Status.AGREED, Review.Status.CLOSED, Review.Status.CANCELLED]
)
def test_the_timetable_is_fixed_after_the_visit(school_leader, review, status):
    activity = add_activity(school_leader, review, **fields())
    Review.objects.filter(pk=review.pk).update(status=status)
    refused(
        school_leader, review, "The timetable can only change while the review is being planned"
    )
    with pytest.raises(ValidationError, match="can only change"):
        change_activity(school_leader, activity, ends_at=time(11))
    with pytest.raises(ValidationError, match="can only change"):
        remove_activity(school_leader, activity)
    assert review.activities.get().ends_at == time(10)


def test_the_timetable_changes_during_the_visit(lead_reviewer, review):
    Review.objects.filter(pk=review.pk).update(status=Review.Status.VISIT)
    assert add_activity(lead_reviewer, review, **fields())


def test_conduct_problems_lists_every_broken_rule(review):
    activity = Activity(review=review, **fields(day=9, ends_at=time(19), kind=Kind.DEEP_DIVE))
    problems = timetable.conduct_problems(review, activity)
    assert len(problems) == 3
