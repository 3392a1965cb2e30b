"""Workshop invitations carry the workshop as iCalendar, and the workshop has a start and end
time: set on the schedule page (end after start), shown with its date."""

from datetime import time
from typing import Any

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from icalendar import Calendar

from collegium.improvement.models import Workshop
from collegium.improvement.services import workshops
from collegium.reports.tests.conftest import agree_judgements
from tests.term_time import term_day

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreed_review(review, lead_reviewer):
    return agree_judgements(review, lead_reviewer)


def attached(message):
    """The message's one calendar attachment: its METHOD and its event."""
    (name, content, mimetype), *others = message.attachments
    assert others == [] and name == "invite.ics" and mimetype.startswith("text/calendar")
    calendar = Calendar.from_ical(content)
    (event,) = calendar.walk("VEVENT")
    assert f"method={calendar['method']}" in mimetype
    return str(calendar["method"]), event


def schedule(coordinator, review, people, **kwargs):
    when: dict[str, Any] = dict(held_on=term_day(5), location="The library") | kwargs
    with TestCase.captureOnCommitCallbacks(execute=True):  # emailed once the change commits
        return workshops.schedule_workshop(
            coordinator, review, when.pop("held_on"), when.pop("location"), people, **when
        )


def test_every_invitation_carries_the_workshop(agreed_review, coordinator, school_leader, reviewer):
    held_on = term_day(5)
    workshop = schedule(coordinator, agreed_review, [school_leader, reviewer], held_on=held_on)
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        method, event = attached(message)
        assert method == "REQUEST"
        assert str(event["uid"]) == f"workshop-{workshop.pk}@testserver"
        assert event["sequence"] == 0
        start = event.decoded("dtstart")
        assert (start.date(), start.time(), str(start.tzinfo)) == (
            held_on,
            time(15, 30),
            "Europe/London",
        )
        assert event.decoded("dtend").time() == time(17)
        assert str(event["location"]) == "The library"
        assert "3:30pm to 5pm" in message.body


def test_moving_sends_the_same_event_with_a_higher_sequence(
    agreed_review, coordinator, school_leader
):
    workshop = schedule(coordinator, agreed_review, [school_leader])
    mail.outbox.clear()
    schedule(coordinator, agreed_review, [school_leader], starts_at=time(16), ends_at=time(18))
    (message,) = mail.outbox
    assert message.subject.startswith("Moved:")
    method, event = attached(message)
    assert method == "REQUEST"
    assert str(event["uid"]) == f"workshop-{workshop.pk}@testserver"
    assert event["sequence"] == 1
    assert event.decoded("dtstart").time() == time(16)


def test_someone_taken_off_the_list_gets_a_cancellation(
    agreed_review, coordinator, school_leader, reviewer
):
    workshop = schedule(coordinator, agreed_review, [school_leader, reviewer])
    mail.outbox.clear()
    schedule(coordinator, agreed_review, [school_leader])
    (message,) = mail.outbox
    assert message.to == [reviewer.email]
    method, event = attached(message)
    assert method == "CANCEL" and str(event["status"]) == "CANCELLED"
    assert str(event["uid"]) == f"workshop-{workshop.pk}@testserver"
    assert event["sequence"] == 1


def test_the_service_refuses_an_end_before_the_start(agreed_review, coordinator, school_leader):
    with pytest.raises(Exception, match="The end time must be after the start time"):
        schedule(coordinator, agreed_review, [school_leader], starts_at=time(17), ends_at=time(16))
    assert not Workshop.objects.exists() and mail.outbox == []


def form(people, starts_at="4pm", ends_at="5:30pm") -> dict:
    return {
        "held_on": term_day(5).isoformat(),
        "starts_at": starts_at,
        "ends_at": ends_at,
        "location": "The library",
        "attendees": [person.pk for person in people],
        "other_attendees": "",
    }


def test_the_schedule_page_takes_the_times(client_for, agreed_review, coordinator, school_leader):
    url = reverse("improvement:schedule-workshop", kwargs={"review_pk": agreed_review.pk})
    done = client_for(coordinator).post(url, form([school_leader]), follow=True)
    assert "4pm to 5:30pm" in done.text
    workshop = Workshop.objects.get()
    assert (workshop.starts_at, workshop.ends_at) == (time(16), time(17, 30))
    page = client_for(coordinator).get(url)
    assert 'value="16:00"' in page.text and 'value="17:30"' in page.text
    review_page = client_for(school_leader).get(f"/improvement/reviews/{agreed_review.pk}/")
    assert "4pm to 5:30pm" in review_page.text


@pytest.mark.parametrize(
    ("starts_at", "ends_at", "message"),
    [
        ("17:00", "16:00", "The end time must be after the start time"),
        ("16:00", "16:00", "The end time must be after the start time"),
        ("", "17:00", "Enter the start time"),
        ("teatime", "17:00", "Enter the start time as a time, like 15:30 or 3:30pm"),
        ("15:30", "25:00", "Enter the end time as a time, like 15:30 or 3:30pm"),
    ],
)
def test_times_are_refused_in_words(
    client_for, agreed_review, coordinator, school_leader, starts_at, ends_at, message
):
    url = reverse("improvement:schedule-workshop", kwargs={"review_pk": agreed_review.pk})
    page = client_for(coordinator).post(url, form([school_leader], starts_at, ends_at))
    assert page.status_code == 400
    assert message in page.text
    assert not Workshop.objects.exists() and mail.outbox == []


def test_people_who_may_not_schedule_are_refused(
    client_for, agreed_review, governor, outsider, school_leader
):
    url = reverse("improvement:schedule-workshop", kwargs={"review_pk": agreed_review.pk})
    assert client_for(governor).post(url, form([school_leader])).status_code == 403
    assert client_for(outsider).post(url, form([school_leader])).status_code == 404
    assert not Workshop.objects.exists() and mail.outbox == []
