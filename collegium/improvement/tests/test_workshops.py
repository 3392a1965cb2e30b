"""The improvement workshop: scheduled by the coordinator once the priority is agreed, with
invitations (notifications, emailed with the workshop as iCalendar), moved until recorded, then
recorded with the scrutiny of the priority."""

import smtplib
from datetime import date, timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.improvement.models import Workshop
from collegium.improvement.services import workshops
from collegium.notifications.digest import send_digests
from collegium.notifications.models import EmailState, Frequency, Notification, Preference
from collegium.notifications.services import BACKOFF, send_each, to_retry
from collegium.reviews.models import Review
from tests.term_time import last_term_day, term_day


def next_week() -> date:
    """Five school working days from today: workshops are held in term time."""
    return term_day(5)


def held_earlier() -> date:
    """A school working day on or before today, on which a workshop can have been held."""
    return last_term_day()


def audited(action: str) -> tuple[dict, dict]:
    """The before and after of the one audit event with this action."""
    event = AuditEvent.objects.get(action=action)
    return event.before or {}, event.after or {}


def schedule(coordinator, review, people, held_on=None, **kwargs):
    with TestCase.captureOnCommitCallbacks(execute=True):  # emailed once the change commits
        return workshops.schedule_workshop(
            coordinator, review, held_on or next_week(), "Ash Primary School, staff room", people,
            **kwargs,
        )  # fmt: skip


def calendar_of(message) -> tuple[str, Event]:
    """The METHOD of the message's one .ics attachment, and its event."""
    ((name, content, mimetype),) = message.attachments
    assert name == "invite.ics" and mimetype.startswith("text/calendar")
    calendar = Calendar.from_ical(content)
    (event,) = calendar.walk("VEVENT")
    assert isinstance(event, Event) and f"method={calendar['method']}" in mimetype
    return str(calendar["method"]), event


def html_of(message: Any) -> str:
    """The HTML part of an email sent through notify."""
    ((html, kind),) = message.alternatives
    assert kind == "text/html"
    return str(html)


def schedule_held(coordinator, review, people):
    """A workshop whose day has come: scheduled when it was still ahead."""
    held = held_earlier()
    return schedule(coordinator, review, people, held_on=held, today=held)


def test_people_connected_are_leaders_team_and_coordinators(
    agreed_review, school_leader, reviewer, lead_reviewer, coordinator, governor, outsider
):
    people = set(workshops.people_connected(agreed_review))
    assert people == {school_leader, reviewer, lead_reviewer, coordinator}
    labels = dict(workshops.attendee_choices(agreed_review))
    assert labels[school_leader.pk] == "Sam Leader (school leader)"
    assert labels[reviewer.pk] == "Rhys Reviewer (review team)"
    assert labels[coordinator.pk] == "Cora Coordinator (cluster coordinator)"


def test_scheduling_invites_the_chosen_attendees_by_email(
    agreed_review, coordinator, school_leader, lead_reviewer
):
    workshop = schedule(
        coordinator, agreed_review, [school_leader, lead_reviewer], other_attendees="Jo, SENCo"
    )
    assert set(workshop.attendees.all()) == {school_leader, lead_reviewer}
    assert workshop.other_attendees == "Jo, SENCo"
    assert sorted(m.to[0] for m in mail.outbox) == [lead_reviewer.email, school_leader.email]
    invitation = mail.outbox[0]
    day = next_week()
    assert invitation.subject == f"Improvement workshop for Ash Primary School on {day:%-d %B %Y}"
    assert f"will be held on {day:%A %-d %B %Y}, 3:30pm to 5pm" in invitation.body
    assert "at Ash Primary School, staff room." in invitation.body
    assert "catch up quickly" in invitation.body  # the agreed priority
    method, event = calendar_of(invitation)
    assert method == "REQUEST" and str(event["uid"]) == f"workshop-{workshop.pk}@testserver"
    assert event.decoded("dtstart").date() == day
    assert audited(verbs.WORKSHOP_SCHEDULED)[1]["attendees"] == ["Lena Lead", "Sam Leader"]
    sent = Notification.objects.filter(event="workshop-invited")
    assert {n.recipient for n in sent} == {school_leader, lead_reviewer}
    assert {n.email_state for n in sent} == {EmailState.SENT}


def test_a_workshop_in_the_past_is_refused(agreed_review, coordinator):
    with pytest.raises(ValidationError, match="today or later"):
        schedule(coordinator, agreed_review, [], held_on=date.today() - timedelta(days=1))
    assert not Workshop.objects.exists()


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        (date(2027, 8, 10), "Tuesday 10 August 2027 is in the school holidays (summer): choose a "
         "day in term time"),
        (date(2027, 10, 27), "Wednesday 27 October 2027 is in the school holidays (autumn half "
         "term)"),
        (date(2027, 10, 9), "Saturday 9 October 2027 is not a working day"),
    ],
)  # fmt: skip
def test_a_workshop_is_held_in_term_time(agreed_review, coordinator, school_leader, day, reason):
    with pytest.raises(ValidationError) as refused:
        schedule(coordinator, agreed_review, [school_leader], held_on=day, today=day)
    assert refused.value.message_dict["held_on"][0].startswith(reason)
    assert not Workshop.objects.exists()
    assert mail.outbox == []


def test_only_people_connected_to_the_review_can_be_invited(agreed_review, coordinator, outsider):
    with pytest.raises(ValidationError, match="school's leaders"):
        schedule(coordinator, agreed_review, [outsider])
    assert not Workshop.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize("status", [Review.Status.PLANNING, Review.Status.VISIT])
def test_no_workshop_before_the_judgements_are_agreed(review, coordinator, status):
    review.status = status
    review.save()
    with pytest.raises(ValidationError, match="after the review team has agreed"):
        schedule(coordinator, review, [])
    assert not Workshop.objects.exists()


def test_no_workshop_without_an_agreed_priority(review, coordinator):
    review.status = Review.Status.AGREED
    review.save()
    with pytest.raises(ValidationError, match="has not recorded an agreed improvement priority"):
        schedule(coordinator, review, [])


def test_moving_the_workshop_tells_the_attendees(agreed_review, coordinator, school_leader):
    schedule(coordinator, agreed_review, [school_leader])
    later = term_day(5, after=next_week())
    workshop = schedule(coordinator, agreed_review, [school_leader], held_on=later)
    assert Workshop.objects.get().held_on == later == workshop.held_on
    moved = mail.outbox[-1]
    assert (
        moved.subject == f"Moved: Improvement workshop for Ash Primary School on {later:%-d %B %Y}"
    )
    assert f"has moved. It is now on {later:%A %-d %B %Y}" in moved.body
    method, event = calendar_of(moved)
    assert method == "REQUEST" and event["sequence"] == 1
    assert event.decoded("dtstart").date() == later
    before, after = audited(verbs.WORKSHOP_MOVED)
    assert (before["held_on"], after["held_on"]) == (
        next_week().isoformat(),
        later.isoformat(),
    )


def test_changing_only_who_is_invited_tells_just_those_added_and_removed(
    agreed_review, coordinator, school_leader, lead_reviewer
):
    schedule(coordinator, agreed_review, [school_leader, lead_reviewer])
    mail.outbox.clear()
    schedule(coordinator, agreed_review, [school_leader, coordinator])
    sent, day = {m.to[0]: m.subject for m in mail.outbox}, next_week()
    assert sent == {
        coordinator.email: f"Improvement workshop for Ash Primary School on {day:%-d %B %Y}",
        lead_reviewer.email: "No longer invited: improvement workshop for Ash Primary School",
    }
    (removed,) = [m for m in mail.outbox if m.to == [lead_reviewer.email]]
    assert "no longer on the list of people invited" in removed.body
    assert f"{day:%A %-d %B %Y}" in removed.body
    method, event = calendar_of(removed)
    assert method == "CANCEL" and str(event["status"]) == "CANCELLED"


def test_the_invitation_links_to_the_reviews_improvement_page(
    agreed_review, coordinator, school_leader, settings
):
    settings.SITE_URL = "https://collegium.example.org/"
    schedule(coordinator, agreed_review, [school_leader])
    link = f"https://collegium.example.org/improvement/reviews/{agreed_review.pk}/"
    assert link in mail.outbox[0].body
    assert f'href="{link}"' in html_of(mail.outbox[0])
    assert Notification.objects.get().link == link


def test_someone_on_the_daily_digest_gets_the_invitation_there(
    agreed_review, coordinator, school_leader, lead_reviewer
):
    Preference.objects.create(person=school_leader, frequency=Frequency.DAILY)
    workshop = schedule(coordinator, agreed_review, [school_leader, lead_reviewer])
    assert [m.to for m in mail.outbox] == [[lead_reviewer.email]]  # not straight away
    waiting = Notification.objects.get(recipient=school_leader)
    assert waiting.email_state == EmailState.IN_DIGEST
    mail.outbox.clear()
    send_digests()
    (digest,) = mail.outbox
    assert digest.to == [school_leader.email]
    assert waiting.subject in digest.body
    method, event = calendar_of(digest)
    assert method == "REQUEST" and str(event["uid"]) == f"workshop-{workshop.pk}@testserver"
    waiting.refresh_from_db()
    assert waiting.email_state == EmailState.SENT


def test_a_failed_invitation_is_recorded_as_failed_and_sent_later(
    agreed_review, coordinator, school_leader, lead_reviewer, monkeypatch
):
    real_send = EmailMultiAlternatives.send

    def refuses_the_leader(message, fail_silently=False):
        if message.to == [school_leader.email]:
            raise smtplib.SMTPRecipientsRefused({school_leader.email: (451, b"Try again later")})
        return real_send(message, fail_silently)

    monkeypatch.setattr(EmailMultiAlternatives, "send", refuses_the_leader)
    schedule(coordinator, agreed_review, [school_leader, lead_reviewer])
    assert [m.to for m in mail.outbox] == [[lead_reviewer.email]]
    failed = Notification.objects.get(recipient=school_leader)
    assert failed.email_state == EmailState.FAILED and failed.emailed_at is None
    assert "Try again later" in failed.last_error
    monkeypatch.setattr(EmailMultiAlternatives, "send", real_send)
    Notification.objects.update(last_tried_at=timezone.now() - BACKOFF[0])
    assert send_each(to_retry()) == 1  # what the worker does
    assert mail.outbox[-1].to == [school_leader.email]
    assert calendar_of(mail.outbox[-1])[0] == "REQUEST"
    failed.refresh_from_db()
    assert failed.email_state == EmailState.SENT


def test_the_invitation_is_in_the_invited_persons_notifications(
    client_for, agreed_review, coordinator, school_leader, lead_reviewer, outsider
):
    lead_reviewer.email = ""
    lead_reviewer.save()
    schedule(coordinator, agreed_review, [school_leader, lead_reviewer])
    subject = f"Improvement workshop for Ash Primary School on {next_week():%-d %B %Y}"
    listed = reverse("notifications:list")
    assert subject in client_for(school_leader).get(listed).text
    assert subject in client_for(lead_reviewer).get(listed).text  # no address: listed only
    assert Notification.objects.get(recipient=lead_reviewer).email_state == (EmailState.NOT_EMAILED)
    assert subject not in client_for(outsider).get(listed).text
    assert [m.to for m in mail.outbox] == [[school_leader.email]]


def test_recording_the_workshop(agreed_review, coordinator, school_leader, lead_reviewer):
    workshop = schedule_held(coordinator, agreed_review, [school_leader, lead_reviewer])
    workshops.record_workshop(
        school_leader, workshop, [school_leader], "", "We asked why catch-up stalls.", "Good."
    )
    workshop.refresh_from_db()
    assert workshop.is_recorded
    assert list(workshop.attendees.all()) == [school_leader]
    assert AuditEvent.objects.filter(action=verbs.WORKSHOP_RECORDED, actor=school_leader).exists()


def test_a_recorded_workshop_cannot_be_moved(agreed_review, coordinator, school_leader):
    workshop = schedule_held(coordinator, agreed_review, [])
    workshops.record_workshop(school_leader, workshop, [], "", "Scrutinised.", "")
    with pytest.raises(ValidationError, match="can no longer be moved"):
        schedule(coordinator, agreed_review, [])
    assert Workshop.objects.get().held_on == held_earlier()


def test_a_workshop_is_recorded_only_once_it_has_taken_place(
    agreed_review, coordinator, school_leader
):
    workshop = schedule(coordinator, agreed_review, [])
    with pytest.raises(ValidationError, match="once it has taken place"):
        workshops.record_workshop(school_leader, workshop, [], "", "Scrutinised.", "")
    assert not Workshop.objects.get().is_recorded


def test_recording_needs_the_scrutiny(agreed_review, coordinator, school_leader):
    workshop = schedule_held(coordinator, agreed_review, [])
    with pytest.raises(ValidationError, match="scrutinised the priority"):
        workshops.record_workshop(school_leader, workshop, [], "", "  ", "Notes only")
    assert not Workshop.objects.get().is_recorded


def test_moving_the_workshop_keeps_notes_recorded_meanwhile(
    agreed_review, coordinator, school_leader, monkeypatch
):
    workshop = schedule(coordinator, agreed_review, [school_leader])
    state, calls = workshops._state, list[Workshop]()

    def noted_meanwhile(found: Workshop) -> dict:
        """Someone saves notes on the workshop just after it is read to be moved."""
        if not calls:
            Workshop.objects.filter(pk=found.pk).update(notes="Bring the reading data")
        calls.append(found)
        return state(found)

    monkeypatch.setattr(workshops, "_state", noted_meanwhile)
    moved_to = term_day(1, after=next_week())
    schedule(coordinator, agreed_review, [school_leader], held_on=moved_to)
    workshop.refresh_from_db()
    assert workshop.held_on == moved_to
    assert workshop.notes == "Bring the reading data"
