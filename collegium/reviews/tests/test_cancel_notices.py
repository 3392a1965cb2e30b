"""A cancelled review tells the school's leaders and the team, and a reviewer removed from a
team is told: each email carries the visit as METHOD:CANCEL, with the UID of their calendar
feed and a higher SEQUENCE, so calendars remove it."""

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from collegium.calendars.tests.helpers import read_feed
from collegium.notifications.models import Notification
from collegium.reviews.models import Review, TeamMember
from collegium.reviews.services.team import add_team_member_by_hand, remove_team_member
from collegium.reviews.tests.planning_helpers import (
    free_for,
    free_monday,
    schedule_qa_review,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(
    cluster,
    school_a,
    school_b,
    school_c,
    coordinator,
    reviewer,
    lead_reviewer,
    framework_version,
    django_capture_on_commit_callbacks,
):
    """A review of school A planned with Lena as lead and Rhys as peer, the invitations sent."""
    start = free_monday()
    with django_capture_on_commit_callbacks(execute=True):
        review = schedule_qa_review(coordinator, cluster, school_a, framework_version, start)
        for person, role in ((lead_reviewer, "lead"), (reviewer, "peer")):
            free_for(person.reviewer_profile, start, 3)
            add_team_member_by_hand(coordinator, review, person.reviewer_profile, role)
    mail.outbox.clear()
    return review


def cancellations_to(person, subject_start: str):
    """The calendar event of each email the person got with this subject, checked to be a
    cancellation."""
    found = []
    for message in mail.outbox:
        if message.to != [person.email] or not message.subject.startswith(subject_start):
            continue
        ((_, content, mimetype),) = [a for a in message.attachments if a[0].endswith(".ics")]
        assert mimetype.startswith("text/calendar") and "method=CANCEL" in mimetype
        calendar = Calendar.from_ical(content)
        assert calendar["method"] == "CANCEL"
        (event,) = calendar.walk("VEVENT")
        assert event["status"] == "CANCELLED"
        found.append(event)
    return found


def test_cancelling_tells_the_school_and_the_team_with_a_cancellation(
    client,
    client_for,
    review,
    coordinator,
    school_leader,
    reviewer,
    lead_reviewer,
    outsider,
    django_capture_on_commit_callbacks,
):
    uid = f"review-visit-{review.pk}@testserver"
    sent = read_feed(client, reviewer)[uid]["sequence"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(coordinator).post(reverse("reviews:cancel", args=[review.pk]))
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == Review.Status.CANCELLED
    for person in (school_leader, reviewer, lead_reviewer):
        (event,) = cancellations_to(person, "Review cancelled: Ash Primary School")
        assert str(event["uid"]) == uid and event["sequence"] > sent
        message = next(m for m in mail.outbox if m.to == [person.email])
        assert "quality assurance review of Ash Primary School" in message.body
        assert "has been cancelled" in message.body
    assert not [m for m in mail.outbox if m.to == [outsider.email]]
    assert uid not in read_feed(client, reviewer)  # the feed drops the visit too


@pytest.mark.parametrize("who", ["reviewer", "school_leader", "outsider"])
def test_others_cannot_cancel_and_nobody_is_told(
    request, client_for, review, who, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(request.getfixturevalue(who)).post(
            reverse("reviews:cancel", args=[review.pk])
        )
    assert response.status_code in (403, 404)
    review.refresh_from_db()
    assert review.status == Review.Status.PLANNING
    assert mail.outbox == []
    assert not Notification.objects.filter(event="review-cancelled").exists()


def test_a_reviewer_removed_from_the_team_gets_a_cancellation(
    client,
    client_for,
    review,
    coordinator,
    reviewer,
    lead_reviewer,
    school_leader,
    django_capture_on_commit_callbacks,
):
    uid = f"review-visit-{review.pk}@testserver"
    sent = read_feed(client, reviewer)[uid]["sequence"]
    member = TeamMember.objects.get(review=review, reviewer=reviewer.reviewer_profile)
    url = reverse("reviews:remove-member", args=[review.pk, member.pk])
    for person in (reviewer, lead_reviewer, school_leader):  # only the coordinator may
        assert client_for(person).post(url).status_code in (403, 404)
    assert TeamMember.objects.filter(pk=member.pk).exists() and mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        assert client_for(coordinator).post(url).status_code == 302
    (event,) = cancellations_to(reviewer, "You are no longer on the review team")
    assert str(event["uid"]) == uid and event["sequence"] > sent
    assert "where you were peer reviewer" in mail.outbox[0].body
    assert [m.to for m in mail.outbox] == [[reviewer.email]]  # the others keep the visit
    assert uid not in read_feed(client, reviewer)
    assert uid in read_feed(client, lead_reviewer)


def test_a_reviewer_who_takes_themselves_off_is_told_they_declined(
    review, reviewer, django_capture_on_commit_callbacks
):
    member = TeamMember.objects.get(review=review, reviewer=reviewer.reviewer_profile)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        remove_team_member(reviewer, member)  # as declining a place does
    (message,) = mail.outbox
    assert message.subject == "You declined your place on the review of Ash Primary School"
    assert "You declined your place as peer reviewer on the team" in message.body
