"""Setting the focus, moving, cancelling and starting a review: each refusal says why."""

from datetime import time, timedelta

import pytest
from django.core.exceptions import ValidationError

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.people.models import Blackout
from collegium.reviews.models import Activity, Review, TeamMember
from collegium.reviews.services.planning import (
    cancel_review,
    move_review,
    set_focus,
    start_visit,
    team_shortfall,
)
from collegium.reviews.tests.planning_helpers import free_for, free_monday
from tests.term_time import term_monday

Status = Review.Status


def activity(review, day, hour):
    return Activity.objects.create(
        review=review, day=day, starts_at=time(hour), ends_at=time(hour + 1), kind="learning_walk"
    )


def test_the_school_sets_the_focus_nominee_and_limit(school_leader, review):
    set_focus(school_leader, review, " Writing in key stage 2 ", "Pat Deputy", "Deputy head", 4)
    review.refresh_from_db()
    assert (review.focus, review.nominee_name, review.nominee_role) == (
        "Writing in key stage 2",
        "Pat Deputy",
        "Deputy head",
    )
    assert review.max_activities_per_day == 4
    event = AuditEvent.objects.get(action=verbs.REVIEW_FOCUS_SET)
    assert (event.before or {})["focus"] == "Reading in key stage 1"


def test_the_limit_cannot_fall_below_a_day_s_activities(school_leader, review):
    for hour in (9, 10, 11):
        activity(review, 2, hour)
    with pytest.raises(ValidationError, match="Day 2 already has 3 activities: remove some"):
        set_focus(school_leader, review, "Maths", "Pat", "Deputy", 2)
    review.refresh_from_db()
    assert review.max_activities_per_day == 6 and review.focus == "Reading in key stage 1"


@pytest.mark.parametrize("status", [Status.AGREED, Status.CLOSED, Status.CANCELLED])
def test_the_focus_is_fixed_after_the_visit(school_leader, review, status):
    Review.objects.filter(pk=review.pk).update(status=status)
    with pytest.raises(ValidationError, match="before the judgements are agreed"):
        set_focus(school_leader, review, "Maths", "Pat", "Deputy", 2)


def test_the_coordinator_moves_a_review_when_the_team_is_free(coordinator, review):
    new_start = free_monday(5)
    for member in review.team.all():
        free_for(member.reviewer, new_start, 2)
    move_review(coordinator, review, new_start, 2)
    review.refresh_from_db()
    assert (review.start_date, review.days) == (new_start, 2)
    event = AuditEvent.objects.get(action=verbs.REVIEW_MOVED)
    assert (event.after or {})["days"] == 2


def test_a_move_the_team_cannot_make_is_refused(coordinator, review):
    new_start = free_monday(5)
    for member in review.team.all():
        free_for(member.reviewer, new_start, 3)
    rhys = review.team.get(role=TeamMember.Role.PEER).reviewer
    Blackout.objects.create(reviewer=rhys, starts_on=new_start, ends_on=new_start)
    old = review.start_date
    with pytest.raises(
        ValidationError, match="Rhys Reviewer is not available from .*change the dates or the team"
    ):
        move_review(coordinator, review, new_start, 3)
    review.refresh_from_db()
    assert review.start_date == old


def test_a_review_is_not_shortened_below_its_timetable(coordinator, review):
    # In term time, so the only reason to refuse is the timetable (the fixture's Monday two
    # weeks ahead falls in the holidays in December).
    Review.objects.filter(pk=review.pk).update(start_date=term_monday(2))
    review.refresh_from_db()
    activity(review, 3, 9)
    with pytest.raises(ValidationError, match="Day 3 has activities in the timetable"):
        move_review(coordinator, review, review.start_date, 2)


def test_a_moved_review_still_starts_on_a_working_day(coordinator, review):
    with pytest.raises(ValidationError, match="not a working day"):
        move_review(coordinator, review, review.start_date + timedelta(days=5), 3)


def test_only_a_review_in_planning_moves(coordinator, review):
    Review.objects.filter(pk=review.pk).update(status=Status.VISIT)
    with pytest.raises(ValidationError, match="only move the review while it is being planned"):
        move_review(coordinator, review, review.start_date, 3)


def test_cancel_a_review_in_planning_or_visit(coordinator, review):
    cancel_review(coordinator, review)
    review.refresh_from_db()
    assert review.status == Status.CANCELLED
    with pytest.raises(ValidationError, match="You cannot cancel a review that is cancelled"):
        cancel_review(coordinator, review)


def test_the_visit_needs_a_full_team(lead_reviewer, review):
    review.team.filter(role=TeamMember.Role.PEER).delete()
    assert team_shortfall(review) == "The team needs 2 more peer reviewers"
    with pytest.raises(
        ValidationError, match="The team needs 2 more peer reviewers before the visit"
    ):
        start_visit(lead_reviewer, review, today=review.start_date)
    review.team.all().delete()
    with pytest.raises(ValidationError, match="The team needs a lead reviewer before"):
        start_visit(lead_reviewer, review, today=review.start_date)
    review.refresh_from_db()
    assert review.status == Status.PLANNING


def test_the_lead_starts_the_visit_with_a_full_team(lead_reviewer, review, la):
    from collegium.reviews.tests.test_team_rules import new_reviewer
    from conftest import make_school

    extra = new_reviewer("Second Peer", make_school(la, 930001, "Fir School"))
    TeamMember.objects.create(review=review, reviewer=extra, role=TeamMember.Role.PEER)
    assert team_shortfall(review) is None
    start_visit(lead_reviewer, review, today=review.start_date)
    review.refresh_from_db()
    assert review.status == Status.VISIT
    with pytest.raises(
        ValidationError, match="You cannot start the visit of a review that is visit"
    ):
        start_visit(lead_reviewer, review, today=review.start_date)


def full_team(review, la):
    from collegium.reviews.tests.test_team_rules import new_reviewer
    from conftest import make_school

    extra = new_reviewer("Second Peer", make_school(la, 930001, "Fir School"))
    TeamMember.objects.create(review=review, reviewer=extra, role=TeamMember.Role.PEER)


def test_the_visit_does_not_start_before_its_first_day(lead_reviewer, review, la):
    full_team(review, la)
    first_day = review.start_date
    for today in (first_day - timedelta(days=8), first_day - timedelta(days=1)):
        with pytest.raises(ValidationError) as refused:
            start_visit(lead_reviewer, review, today=today)
        assert refused.value.messages == [
            f"The visit can start on its first day, {first_day:%A %-d %B %Y}, not before."
        ]
    review.refresh_from_db()
    assert review.status == Status.PLANNING
    assert not AuditEvent.objects.filter(action=verbs.VISIT_STARTED).exists()


def test_the_visit_starts_on_or_after_its_first_day(lead_reviewer, review, la):
    full_team(review, la)
    start_visit(lead_reviewer, review, today=review.start_date + timedelta(days=1))
    review.refresh_from_db()
    assert review.status == Status.VISIT


def test_the_visit_is_not_started_early_through_its_page(client_for, lead_reviewer, review, la):
    full_team(review, la)
    response = client_for(lead_reviewer).post(f"/reviews/{review.pk}/start/")
    assert response.status_code == 400
    assert f"The visit can start on its first day, {review.start_date:%A %-d %B %Y}" in (
        response.text
    )
    review.refresh_from_db()
    assert review.status == Status.PLANNING
