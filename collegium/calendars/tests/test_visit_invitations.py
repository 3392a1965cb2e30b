"""The emails of a review visit (scheduled, a place on the team, moved) carry the visit as
iCalendar: one UID throughout, SEQUENCE raised when the dates move."""

from datetime import timedelta

import pytest
from django.core import mail
from icalendar import Calendar

from collegium.reviews.services.planning import move_review
from collegium.reviews.services.planning_types import review_dates
from collegium.reviews.services.team import add_team_member_by_hand
from collegium.reviews.tests.planning_helpers import (
    free_for,
    free_monday,
    schedule_qa_review,
)

pytestmark = pytest.mark.django_db


def visits_sent_to(person, subject_start: str):
    """The visit attached to each email the person got with this subject: (METHOD, event)."""
    found = []
    for message in mail.outbox:
        if message.to != [person.email] or not message.subject.startswith(subject_start):
            continue
        ((name, content, mimetype),) = [a for a in message.attachments if a[0].endswith(".ics")]
        assert mimetype.startswith("text/calendar")
        calendar = Calendar.from_ical(content)
        (event,) = calendar.walk("VEVENT")
        found.append((str(calendar["method"]), event))
    return found


def test_the_visit_is_sent_scheduled_then_moved_with_one_uid(
    cluster,
    school_a,
    school_b,
    school_c,
    coordinator,
    school_leader,
    reviewer,
    outsider,
    framework_version,
    django_capture_on_commit_callbacks,
):
    start = free_monday()
    with django_capture_on_commit_callbacks(execute=True):
        review = schedule_qa_review(coordinator, cluster, school_a, framework_version, start)
    uid = f"review-visit-{review.pk}@testserver"
    ((method, scheduled),) = visits_sent_to(school_leader, "Review scheduled")
    assert method == "REQUEST" and str(scheduled["uid"]) == uid
    assert scheduled.decoded("dtstart") == start
    assert scheduled.decoded("dtend") == review_dates(start, 3)[-1] + timedelta(days=1)
    assert scheduled["sequence"] == 0

    free_for(reviewer.reviewer_profile, start, 3)
    with django_capture_on_commit_callbacks(execute=True):
        add_team_member_by_hand(coordinator, review, reviewer.reviewer_profile, "peer")
    ((_, placed),) = visits_sent_to(reviewer, "You are on the review team")
    assert str(placed["uid"]) == uid and placed["sequence"] == 0

    later = free_monday(weeks_ahead=8)
    free_for(reviewer.reviewer_profile, later, 3)
    with django_capture_on_commit_callbacks(execute=True):
        move_review(coordinator, review, later, 3)
    for person in (school_leader, reviewer):
        ((method, moved),) = visits_sent_to(person, "Review moved")
        assert method == "REQUEST" and str(moved["uid"]) == uid
        assert moved["sequence"] == 1
        assert moved.decoded("dtstart") == later
    assert [m for m in mail.outbox if m.to == [outsider.email]] == []
