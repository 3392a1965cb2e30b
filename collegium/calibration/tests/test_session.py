"""The calibration session (issue 15 part 4): set by the moderator, sent to each invited reviewer
as a calendar invitation (the same UID when it moves, a higher SEQUENCE; cancelled when removed
or the reviewer is no longer invited), in their calendar feed and named on their home page."""

from datetime import date, time, timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from collegium.calendars.tests.helpers import read_feed
from collegium.calibration import services, todos
from collegium.calibration.models import CalibrationPack, Invitation

pytestmark = pytest.mark.django_db

LATER = timedelta(days=40)


def session_day() -> date:
    return timezone.localdate() + LATER


def uid(pack: CalibrationPack) -> str:
    return f"calibration-session-{pack.pk}@testserver"


def sent_to(person) -> list:
    return [message for message in mail.outbox if message.to == [person.email]]


def attached(message) -> tuple[str, Event]:
    """The message's calendar: its METHOD and its one event."""
    ((content, mimetype),) = [(a[1], a[2]) for a in message.attachments if a[0].endswith(".ics")]
    calendar = Calendar.from_ical(content)
    assert f"method={calendar['method']}" in mimetype
    (event,) = calendar.walk("VEVENT")
    assert isinstance(event, Event)
    return str(calendar["method"]), event


@pytest.fixture
def emailed(django_capture_on_commit_callbacks):
    """Runs a change and sends the emails it leaves for after its commit."""

    def run(change, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return change(*args, **kwargs)

    return run


def set_session(moderator, pack, **changes) -> CalibrationPack:
    when: dict[str, Any] = dict(
        session_on=session_day(),
        starts_at=time(15, 30),
        ends_at=time(17),
        place="Room 4, Ash Primary School",
    )
    when |= changes
    return services.set_session(moderator, pack, **when)


def session_form(**changes) -> dict[str, str]:
    return {
        "session_on": str(session_day()),
        "session_starts_at": "3:30pm",
        "session_ends_at": "17:00",
        "session_place": "https://meet.example.org/calibration",
        "grades_due_on": str(session_day() - timedelta(days=7)),
    } | changes


def test_the_moderator_sets_the_session_on_the_pack_page(client_for, moderator, draft_pack):
    url = reverse("calibration:session", args=[draft_pack.pk])
    response = client_for(moderator).post(url, session_form())
    assert response.status_code == 302
    pack = CalibrationPack.objects.get(pk=draft_pack.pk)
    assert (pack.session_on, pack.session_starts_at, pack.session_ends_at) == (
        session_day(),
        time(15, 30),
        time(17),
    )
    assert pack.session_place == "https://meet.example.org/calibration"
    assert pack.grades_due_on == session_day() - timedelta(days=7)
    page = client_for(moderator).get(reverse("calibration:pack", args=[pack.pk])).content
    assert f"{session_day():%A %-d %B %Y}, 3:30pm to 5pm" in page.decode()


@pytest.mark.parametrize("who", ["reviewer", "lead_reviewer", "outsider"])
def test_only_a_moderator_may_set_the_session(client_for, draft_pack, who, request):
    person = request.getfixturevalue(who)
    url = reverse("calibration:session", args=[draft_pack.pk])
    assert client_for(person).post(url, session_form()).status_code == 403
    remove = reverse("calibration:remove_session", args=[draft_pack.pk])
    assert client_for(person).post(remove).status_code == 403
    assert not CalibrationPack.objects.get(pk=draft_pack.pk).has_session


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"session_ends_at": "3pm"}, "The end time must be after the start time"),
        ({"session_ends_at": "3:30pm"}, "The end time must be after the start time"),
        (
            {"session_on": str(timezone.localdate() - timedelta(days=1))},
            "The date of the session must be today or later",
        ),
        ({"session_on": "31 February"}, "Enter the date of the session as a real date"),
        ({"session_starts_at": "teatime"}, "Enter the start time as a time"),
        ({"session_starts_at": ""}, "Enter the start time"),
        (
            {"grades_due_on": str(timezone.localdate() - timedelta(days=1))},
            "The date grades are due must be today or later",
        ),
        (
            {"grades_due_on": str(session_day() + timedelta(days=1))},
            "Grades must be due by the day of the session",
        ),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(
    client_for, moderator, draft_pack, changes, message
):
    url = reverse("calibration:session", args=[draft_pack.pk])
    response = client_for(moderator).post(url, session_form(**changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    pack = CalibrationPack.objects.get(pk=draft_pack.pk)
    assert not pack.has_session and pack.grades_due_on is None


def test_a_closed_exercise_keeps_its_session(moderator, open_pack):
    services.close_pack(moderator, open_pack)
    with pytest.raises(ValidationError, match="has closed"):
        set_session(moderator, open_pack)


def test_opening_the_exercise_sends_the_session_for_the_calendar(
    moderator, draft_pack, reviewer, django_capture_on_commit_callbacks
):
    set_session(moderator, draft_pack)
    services.invite(moderator, draft_pack, [reviewer.reviewer_profile])
    assert mail.outbox == []  # a draft's reviewers hear nothing yet
    with django_capture_on_commit_callbacks(execute=True):
        services.open_pack(moderator, draft_pack)
    (message,) = sent_to(reviewer)
    assert "3:30pm to 5pm" in message.body
    method, event = attached(message)
    assert method == "REQUEST"
    assert str(event["uid"]) == uid(draft_pack)
    assert event["sequence"] == 0
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert (start.date(), start.time(), str(start.tzinfo)) == (
        session_day(),
        time(15, 30),
        "Europe/London",
    )
    assert event["dtstart"].params["TZID"] == "Europe/London"
    assert (end.date(), end.time()) == (session_day(), time(17))
    assert str(event["location"]) == "Room 4, Ash Primary School"


def test_a_moved_session_is_the_same_event_with_a_higher_sequence(
    moderator, open_pack, reviewer, lead_reviewer, emailed
):
    emailed(set_session, moderator, open_pack)
    (first,) = sent_to(reviewer)
    mail.outbox.clear()
    emailed(set_session, moderator, open_pack, starts_at=time(16), ends_at=time(18))
    for person in (reviewer, lead_reviewer):
        (message,) = sent_to(person)
        assert message.subject == f"Calibration session moved: {open_pack.title}"
        assert "It was on" in message.body and "3:30pm to 5pm" in message.body
        method, event = attached(message)
        assert method == "REQUEST"
        assert str(event["uid"]) == uid(open_pack) == str(attached(first)[1]["uid"])
        assert event["sequence"] == 1
        assert event.decoded("dtstart").time() == time(16)


def test_changing_only_the_due_date_sends_nothing(moderator, open_pack, emailed):
    emailed(set_session, moderator, open_pack)
    mail.outbox.clear()
    emailed(set_session, moderator, open_pack, grades_due_on=session_day())
    assert mail.outbox == []


def test_a_removed_session_is_cancelled_in_every_calendar(
    client_for, moderator, open_pack, reviewer, lead_reviewer, emailed
):
    emailed(set_session, moderator, open_pack)
    mail.outbox.clear()
    url = reverse("calibration:remove_session", args=[open_pack.pk])
    response = emailed(client_for(moderator).post, url)
    assert response.status_code == 302
    assert not CalibrationPack.objects.get(pk=open_pack.pk).has_session
    for person in (reviewer, lead_reviewer):
        (message,) = sent_to(person)
        method, event = attached(message)
        assert (method, str(event["status"])) == ("CANCEL", "CANCELLED")
        assert str(event["uid"]) == uid(open_pack)
        assert event["sequence"] == 1


def test_a_reviewer_no_longer_invited_has_the_session_cancelled(
    client_for, moderator, open_pack, reviewer, lead_reviewer, emailed
):
    emailed(set_session, moderator, open_pack)
    mail.outbox.clear()
    invitation = Invitation.objects.get(pack=open_pack, reviewer=reviewer.reviewer_profile)
    url = reverse("calibration:withdraw", args=[invitation.pk])
    assert client_for(lead_reviewer).post(url).status_code == 403
    assert emailed(client_for(moderator).post, url).status_code == 302
    assert not Invitation.objects.filter(pk=invitation.pk).exists()
    (message,) = mail.outbox
    assert message.to == [reviewer.email]
    method, event = attached(message)
    assert (method, str(event["uid"])) == ("CANCEL", uid(open_pack))


def test_a_reviewer_who_submitted_stays_invited(client_for, moderator, open_pack, reviewer):
    invitation = Invitation.objects.get(pack=open_pack, reviewer=reviewer.reviewer_profile)
    levels = {item.pk: item.reference_level for item in open_pack.items.all()}
    services.submit_grades(reviewer, invitation, levels)
    response = client_for(moderator).post(reverse("calibration:withdraw", args=[invitation.pk]))
    assert response.status_code == 400
    assert "has already submitted grades" in response.content.decode()
    assert Invitation.objects.filter(pk=invitation.pk).exists()


def test_withdrawing_twice_at_once_is_refused_the_second_time(moderator, open_pack, reviewer):
    invitation = Invitation.objects.get(pack=open_pack, reviewer=reviewer.reviewer_profile)
    services.withdraw_invitation(moderator, invitation)
    with pytest.raises(ValidationError, match="Rhys Reviewer is no longer invited"):
        services.withdraw_invitation(moderator, invitation)  # the page loaded it before


def test_the_feed_holds_the_session_for_invited_reviewers_only(
    client, moderator, open_pack, reviewer, outsider
):
    set_session(moderator, open_pack, grades_due_on=session_day() - timedelta(days=7))
    events = read_feed(client, reviewer)
    session = events[uid(open_pack)]
    assert session.decoded("dtstart").time() == time(15, 30)
    assert str(session["summary"]) == f"Calibration session: {open_pack.title}"
    due = [e for key, e in events.items() if key.startswith("calibration-grades-due-")]
    assert [e.decoded("dtstart") for e in due] == [session_day() - timedelta(days=7)]
    assert uid(open_pack) in read_feed(client, moderator)
    assert not any(key.startswith("calibration") for key in read_feed(client, outsider))


def test_a_draft_exercise_is_not_in_the_feed_yet(client, moderator, draft_pack, reviewer):
    services.invite(moderator, draft_pack, [reviewer.reviewer_profile])
    set_session(moderator, draft_pack)
    assert uid(draft_pack) not in read_feed(client, reviewer)


def test_the_to_do_names_the_session_and_is_due_when_grades_are(moderator, open_pack, reviewer):
    set_session(moderator, open_pack, grades_due_on=session_day() - timedelta(days=2))
    (todo,) = todos.to_dos(reviewer, timezone.localdate())
    assert f"before its session on {session_day():%A %-d %B}" in todo.text
    assert todo.due == session_day() - timedelta(days=2)
