"""Support requests, answers, support given and standing offers: what is allowed, what is
refused (and that a refusal changes nothing), the emails and the audit trail."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.frameworks.models import Area, Framework, FrameworkVersion, Strand
from collegium.improvement.models import ActionPlan
from collegium.people.models import Role
from collegium.support import services
from collegium.support.models import StandingOffer, SupportRequest, SupportSession
from collegium.support.tests.test_brokerage import agreed_review_of, strand
from conftest import grant, make_user

Status = SupportRequest.Status


@pytest.fixture
def beech_head(school_b):
    return grant(make_user("Bea Head"), Role.SCHOOL_LEADER, school=school_b)


@pytest.fixture
def damson_head(school_d):
    return grant(make_user("Dan Head"), Role.SCHOOL_LEADER, school=school_d)


@pytest.fixture
def need(plan, school_b, framework_version):
    agreed_review_of(school_b, framework_version, {"A2S1": 1})  # Beech is strong in the strand
    return plan.support_needs.get()


@pytest.fixture
def sent(need, school_leader, school_b, beech_head):
    request = services.send_request(school_leader, need, school_b, "Could we visit?")
    mail.outbox.clear()
    return request


@pytest.fixture
def accepted(sent, beech_head):
    request = services.accept_request(beech_head, sent, Decimal("2"), "Happy to help")
    mail.outbox.clear()
    return request


def refused(call, *args, **kwargs) -> str:
    with pytest.raises(ValidationError) as error:
        call(*args, **kwargs)
    return " ".join(error.value.messages)


def test_a_request_is_sent_audited_and_emailed_to_the_school_asked(
    need, school_leader, school_b, beech_head, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # emailed once it commits
        request = services.send_request(school_leader, need, school_b, "Could we visit in May?")
    assert request.status == Status.SENT and request.sent_by == school_leader
    (email,) = mail.outbox
    assert email.to == [beech_head.email]
    assert email.subject == "Ash Primary School asks for your school's support"
    assert "Could we visit in May?" in email.body
    assert f"/improvement/support/requests/{request.pk}/" in email.body
    assert AuditEvent.objects.filter(action=verbs.SUPPORT_REQUEST_SENT).count() == 1


def test_a_school_whose_leaders_do_not_use_collegium_is_refused(need, school_leader, school_d):
    message = refused(services.send_request, school_leader, need, school_d, "Help?")
    assert message.startswith("No one at Damson School uses Collegium yet")
    assert not SupportRequest.objects.exists() and not mail.outbox


def test_any_school_whose_leaders_use_collegium_may_be_asked(
    need, school_leader, school_d, damson_head
):
    request = services.send_request(school_leader, need, school_d, "Could you help?")
    assert request.offering_school == school_d


def test_one_open_request_per_need_and_school(sent, school_leader, school_b, beech_head):
    message = refused(services.send_request, school_leader, sent.need, school_b, "Again")
    assert message == (
        "You have already asked Beech Primary School for support with this need and are "
        "waiting for a reply. You can ask again if it declines or you withdraw your request."
    )
    services.accept_request(beech_head, sent, Decimal("2"))
    message = refused(services.send_request, school_leader, sent.need, school_b, "Again")
    assert message == (
        "Beech Primary School has already accepted a request for this need: record the "
        "support given under that request, or add a new support need"
    )
    assert SupportRequest.objects.count() == 1


@pytest.mark.parametrize("close", ["decline", "withdraw"])
def test_a_school_may_be_asked_again_once_a_request_is_closed(
    sent, school_leader, school_b, beech_head, close
):
    if close == "decline":
        services.decline_request(beech_head, sent, "Not this term")
    else:
        services.withdraw_request(school_leader, sent)
    again = services.send_request(school_leader, sent.need, school_b, "Next term?")
    assert again.status == Status.SENT and again.pk != sent.pk
    assert "waiting for a reply" in refused(
        services.send_request, school_leader, sent.need, school_b, "Third time"
    )
    assert SupportRequest.objects.count() == 2


def test_the_database_refuses_two_open_requests_to_the_same_school(sent, school_b):
    with pytest.raises(IntegrityError), transaction.atomic():
        SupportRequest.objects.create(need=sent.need, offering_school=school_b, message="Twin")
    SupportRequest.objects.create(
        need=sent.need, offering_school=school_b, message="Old", status=Status.DECLINED
    )


def test_emails_link_to_the_request_by_its_full_address(
    need, school_leader, school_b, beech_head, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://collegium.example.org/"
    with django_capture_on_commit_callbacks(execute=True):  # emailed once it commits
        request = services.send_request(school_leader, need, school_b, "Could we visit in May?")
        services.accept_request(beech_head, request, Decimal("1"))
    address = f"https://collegium.example.org/improvement/support/requests/{request.pk}/"
    asked, answered = mail.outbox
    assert f"Accept or decline the request in Collegium: {address}\n" in asked.body
    assert f"See the request in Collegium: {address}\n" in answered.body


def test_a_school_cannot_ask_itself(need, school_leader, school_a):
    assert refused(services.send_request, school_leader, need, school_a, "Hi") == (
        "You cannot ask your own school for support"
    )


def test_a_completed_plan_cannot_ask(need, school_leader, school_b):
    ActionPlan.objects.filter(pk=need.plan_id).update(status=ActionPlan.Status.COMPLETED)
    need.refresh_from_db()
    assert "completed" in refused(services.send_request, school_leader, need, school_b, "Hi")


def test_only_the_schools_leaders_can_ask(need, governor, school_b):
    assert "Only the school's leaders" in refused(
        services.send_request, governor, need, school_b, "Hi"
    )


def test_accepting_emails_the_head_who_asked(
    sent, beech_head, school_leader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = services.accept_request(beech_head, sent, Decimal("2.5"), "Happy to help")
    assert request.status == Status.ACCEPTED and request.days_agreed == Decimal("2.5")
    (email,) = mail.outbox
    assert email.to == [school_leader.email]
    assert email.subject == "Beech Primary School has accepted your request for support"
    assert "Days agreed: 2.5" in email.body and "Happy to help" in email.body
    event = AuditEvent.objects.get(action=verbs.SUPPORT_REQUEST_ACCEPTED)
    assert (event.before or {})["status"] == "sent"
    assert (event.after or {})["status"] == "accepted"


def test_declining_needs_a_reason_and_emails_it(
    sent, beech_head, school_leader, django_capture_on_commit_callbacks
):
    assert "reason" in refused(services.decline_request, beech_head, sent, " ")
    with django_capture_on_commit_callbacks(execute=True):
        services.decline_request(beech_head, sent, "Our reading lead is on leave this term")
    (email,) = mail.outbox
    assert email.subject == "Beech Primary School has declined your request for support"
    assert "on leave" in email.body


def test_a_request_is_answered_once(accepted, beech_head):
    message = refused(services.decline_request, beech_head, accepted, "Changed our mind")
    assert message == "This request has already been accepted"
    accepted.refresh_from_db()
    assert accepted.status == Status.ACCEPTED and not mail.outbox


def test_a_stale_copy_cannot_answer_a_second_time(sent, beech_head):
    stale = SupportRequest.objects.get(pk=sent.pk)
    services.accept_request(beech_head, sent, Decimal("1"))
    assert "already been accepted" in refused(services.decline_request, beech_head, stale, "No")
    assert SupportRequest.objects.get(pk=sent.pk).status == Status.ACCEPTED


def test_the_school_asking_cannot_answer_its_own_request(sent, school_leader):
    message = refused(services.accept_request, school_leader, sent, Decimal("2"))
    assert message == "Only the leaders of Beech Primary School can answer this request"
    assert SupportRequest.objects.get(pk=sent.pk).status == Status.SENT


def test_withdrawing_while_awaiting_a_reply(
    sent, school_leader, beech_head, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_request(school_leader, sent)
    assert SupportRequest.objects.get(pk=sent.pk).status == Status.WITHDRAWN
    assert mail.outbox[0].to == [beech_head.email]
    assert refused(services.accept_request, beech_head, sent, Decimal("1")) == (
        "This request was withdrawn by the school that sent it"
    )


def test_an_answered_request_cannot_be_withdrawn(accepted, school_leader, beech_head):
    assert refused(services.withdraw_request, school_leader, accepted) == (
        "This request has already been accepted"
    )
    assert "Only the leaders of the school that sent" in refused(
        services.withdraw_request, beech_head, accepted
    )


def sent_days_ago(request: SupportRequest, days: int) -> None:
    request.sent_at = timezone.now() - timedelta(days=days)
    request.save(update_fields=["sent_at"])


def test_either_school_records_support_given(accepted, beech_head, school_leader):
    sent_days_ago(accepted, 3)
    yesterday = date.today() - timedelta(days=1)
    services.record_session(beech_head, accepted, yesterday, Decimal("1"), "Jo, reading lead", "A")
    services.record_session(school_leader, accepted, yesterday, Decimal("0.5"), "Jo", "B")
    assert sum(s.days for s in SupportSession.objects.all()) == Decimal("1.5")
    assert AuditEvent.objects.filter(action=verbs.SUPPORT_GIVEN_RECORDED).count() == 2


def test_support_cannot_be_recorded_under_a_declined_request(sent, beech_head):
    services.decline_request(beech_head, sent, "No capacity")
    message = refused(
        services.record_session, beech_head, sent, date.today(), Decimal("1"), "Jo", "Visit"
    )
    assert message == "Support can be recorded only under an accepted request: this one is declined"
    assert not SupportSession.objects.exists()


def test_support_cannot_be_recorded_by_another_school(accepted, damson_head):
    message = refused(
        services.record_session, damson_head, accepted, date.today(), Decimal("1"), "Jo", "A"
    )
    assert "Only the leaders of the two schools" in message
    assert not SupportSession.objects.exists()


def test_support_given_cannot_be_in_the_future(accepted, beech_head):
    tomorrow = date.today() + timedelta(days=1)
    assert "today or in the past" in refused(
        services.record_session, beech_head, accepted, tomorrow, Decimal("1"), "Jo", "A"
    )


def test_support_cannot_be_given_before_the_request_was_sent(accepted, beech_head):
    sent_days_ago(accepted, 3)
    sent_on = timezone.localdate(accepted.sent_at)
    message = refused(
        services.record_session,
        beech_head,
        accepted,
        sent_on - timedelta(days=1),
        Decimal("1"),
        "Jo",
        "A",
    )
    assert message == (
        "The date the support was given cannot be before the request was sent, "
        f"on {sent_on.day} {sent_on:%B %Y}"
    )
    services.record_session(beech_head, accepted, sent_on, Decimal("1"), "Jo", "A")
    assert SupportSession.objects.count() == 1


def test_support_given_cannot_go_above_the_days_agreed(accepted, beech_head, school_leader):
    today = date.today()
    services.record_session(beech_head, accepted, today, Decimal("1.5"), "Jo", "A")
    message = refused(services.record_session, beech_head, accepted, today, Decimal("1"), "Jo", "B")
    assert message == "That would be more than the 2 days agreed: 0.5 days are left to record"
    services.record_session(school_leader, accepted, today, Decimal("0.5"), "Jo", "C")
    message = refused(
        services.record_session, beech_head, accepted, today, Decimal("0.5"), "Jo", "D"
    )
    assert message == (
        "All 2 days agreed have already been recorded, so no more support can be recorded "
        "under this request"
    )
    assert sum(s.days for s in SupportSession.objects.all()) == Decimal("2")


def test_offers_are_published_and_withdrawn(school_leader, school_a, framework_version):
    offer = services.publish_offer(
        school_leader, school_a, strand(framework_version, "A1S1"), "Phonics", Decimal("3")
    )
    assert offer.is_open and offer.created_by == school_leader
    services.withdraw_offer(school_leader, offer)
    assert not StandingOffer.objects.get(pk=offer.pk).is_open
    assert refused(services.withdraw_offer, school_leader, offer) == (
        "This offer has already been withdrawn"
    )
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {verbs.SUPPORT_OFFERED, verbs.SUPPORT_OFFER_WITHDRAWN} <= actions


def test_an_offer_needs_a_published_strand_and_the_schools_leader(
    school_leader, school_a, school_b, framework_version
):
    draft = FrameworkVersion.objects.create(
        framework=Framework.objects.create(slug="draft", name="Draft"), number=1
    )
    area = Area.objects.create(version=draft, position=1, code="D", title="Draft area")
    unpublished = Strand.objects.create(area=area, position=1, code="D1", title="Draft strand")
    assert "published framework" in refused(
        services.publish_offer, school_leader, school_a, unpublished, "Help"
    )
    assert "Only the leaders of Beech" in refused(
        services.publish_offer, school_leader, school_b, strand(framework_version, "A1S1"), "Help"
    )
    assert not StandingOffer.objects.exists()
