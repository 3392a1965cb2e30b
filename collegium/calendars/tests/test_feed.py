"""The personal calendar feed: each person's own visits, timetable, workshops and deadlines,
and nothing they could not open on its page."""

from datetime import date, datetime, time, timedelta

import pytest

from collegium.calendars.services import invitation
from collegium.calendars.tests.helpers import feed_url, read_feed
from collegium.improvement.models import Workshop
from collegium.improvement.tests.conftest import make_plan
from collegium.reports.models import Report
from collegium.reports.tests.conftest import agree_judgements
from collegium.reviews.models import Activity, Review
from collegium.reviews.services.planning_types import review_dates

pytestmark = pytest.mark.django_db


def visit_uid(review: Review) -> str:
    return f"review-visit-{review.pk}@testserver"


def activity(review, kind, member=None, day=1, at=time(9)) -> Activity:
    return Activity.objects.create(
        review=review,
        day=day,
        starts_at=at,
        ends_at=time(at.hour + 1),
        kind=kind,
        reviewer=member,
    )


def test_a_reviewer_sees_the_visit_their_activities_and_team_meetings(
    client, review, reviewer, lead_reviewer
):
    peer = review.team.get(reviewer=reviewer.reviewer_profile)
    lead = review.team.get(reviewer=lead_reviewer.reviewer_profile)
    mine = activity(review, Activity.Kind.LESSON_VISIT, peer, day=2, at=time(10))
    meeting = activity(review, Activity.Kind.TEAM_MEETING, day=1, at=time(8))
    leads_own = activity(review, Activity.Kind.MEETING_GOVERNORS, lead, day=1, at=time(14))

    events = read_feed(client, reviewer)

    visit = events[visit_uid(review)]
    days = review_dates(review.start_date, review.days)
    assert visit.decoded("dtstart") == days[0]
    assert visit.decoded("dtend") == days[-1] + timedelta(days=1)  # all day, end exclusive
    assert "Ash Primary School" in str(visit["summary"])
    assert str(visit["url"]) == f"http://testserver/reviews/{review.pk}/"
    lesson = events[f"review-activity-{mine.pk}@testserver"]
    assert lesson.decoded("dtstart") == datetime(
        days[1].year, days[1].month, days[1].day, 10, tzinfo=lesson.decoded("dtstart").tzinfo
    )
    assert lesson["dtstart"].params["TZID"] == "Europe/London"
    assert f"review-activity-{meeting.pk}@testserver" in events
    assert f"review-activity-{leads_own.pk}@testserver" not in events


def test_the_head_sees_the_whole_timetable_and_the_self_evaluation_due(
    client, review, school_leader, lead_reviewer
):
    lead = review.team.get(reviewer=lead_reviewer.reviewer_profile)
    leads_own = activity(review, Activity.Kind.MEETING_GOVERNORS, lead)
    events = read_feed(client, school_leader)
    assert visit_uid(review) in events
    assert f"review-activity-{leads_own.pk}@testserver" in events
    due = events[f"self-evaluation-due-{review.pk}@testserver"]
    assert due.decoded("dtstart") < review.start_date
    assert "Self-evaluation due" in str(due["summary"])


def test_people_not_on_the_review_do_not_get_its_visit(
    client, review, outsider, coordinator, governor, school_b
):
    for person in (outsider, coordinator, governor):
        events = read_feed(client, person)
        assert visit_uid(review) not in events, person
        assert not any("self-evaluation" in uid for uid in events)


def test_a_cancelled_review_leaves_the_calendar(client, review, reviewer):
    review.status = Review.Status.CANCELLED
    review.save(update_fields=["status"])
    assert visit_uid(review) not in read_feed(client, reviewer)


def test_the_feed_keeps_the_uid_and_sequence_of_the_invitations(client, review, reviewer):
    for start in (review.start_date, review.start_date + timedelta(days=7)):
        invitation(f"review-visit-{review.pk}", title="Visit", start=start, end=start)
    assert events_sequence(read_feed(client, reviewer), review) == 1


def events_sequence(events, review) -> int:
    return int(events[visit_uid(review)]["sequence"])


def test_workshops_are_in_the_invited_peoples_calendars_at_their_time(
    client, review, lead_reviewer, school_leader, reviewer
):
    agreed = agree_judgements(review, lead_reviewer)
    workshop = Workshop.objects.create(
        review=agreed,
        held_on=date(2027, 3, 3),
        starts_at=time(16),
        ends_at=time(17, 30),
        location="Staff room",
    )
    workshop.attendees.set([school_leader])
    uid = f"workshop-{workshop.pk}@testserver"
    event = read_feed(client, school_leader)[uid]
    start = event.decoded("dtstart")
    assert (start.date(), start.hour, str(start.tzinfo)) == (date(2027, 3, 3), 16, "Europe/London")
    assert event.decoded("dtend").minute == 30
    assert str(event["location"]) == "Staff room"
    assert uid not in read_feed(client, reviewer)  # on the team, but not invited


def test_deadlines_are_all_day_events_for_the_people_who_meet_them(
    client, review, lead_reviewer, school_leader, reviewer, governor
):
    agreed = agree_judgements(review, lead_reviewer)
    plan = make_plan(agreed, school_leader)
    milestone = plan.actions.get().milestones.get()
    due = date.today() + timedelta(days=6)
    Report.objects.filter(review=agreed).delete()
    report = Report.objects.create(
        review=agreed, status=Report.Status.ACCURACY_CHECK, accuracy_check_due=due
    )
    check_uid = f"accuracy-check-due-{report.pk}@testserver"
    milestone_uid = f"milestone-{milestone.pk}@testserver"

    head = read_feed(client, school_leader)
    assert head[check_uid].decoded("dtstart") == due
    assert head[check_uid].decoded("dtend") == due + timedelta(days=1)
    assert head[milestone_uid].decoded("dtstart") == milestone.due_on
    assert check_uid in read_feed(client, lead_reviewer)  # the lead answers the comments
    peer = read_feed(client, reviewer)
    assert check_uid not in peer and milestone_uid not in peer
    assert milestone_uid not in read_feed(client, governor)


def test_an_unknown_address_is_not_found(client, reviewer):
    assert client.get("/calendar/feed/not-a-real-token.ics").status_code == 404


def test_a_suspended_persons_calendar_is_no_longer_served(client, review, reviewer):
    url = feed_url(reviewer)
    assert client.get(url).status_code == 200
    reviewer.is_active = False
    reviewer.save(update_fields=["is_active"])
    assert client.get(url).status_code == 404


def test_each_address_serves_only_its_own_persons_events(client, review, reviewer, outsider):
    assert visit_uid(review) in read_feed(client, reviewer)
    assert feed_url(outsider) != feed_url(reviewer)
    assert visit_uid(review) not in read_feed(client, outsider)
