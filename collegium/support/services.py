"""I2: support between schools. The school with a need sends a request to a school that could
help; the school asked accepts (with the days it can give) or declines (with a reason); the
school asking may withdraw while it awaits a reply; either school records the support given.
Schools also publish standing offers. Every change is audited; the other school is emailed.

Each function checks who may act (a refusal is a ValidationError in the user's words, so a
view that authorised already never sees it) and the state of the request, under a row lock so
two answers sent at once cannot both succeed.
"""

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from collegium import access
from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.frameworks.models import FrameworkVersion, Strand
from collegium.improvement.models import ActionPlan, SupportNeed
from collegium.improvement.services.plans import lock_plan
from collegium.links import site_link
from collegium.notifications.services import notify
from collegium.people.models import Role, RoleGrant
from collegium.schools.models import School
from collegium.support.models import StandingOffer, SupportRequest, SupportSession
from collegium.support.selectors.brokerage import days_text, schools_that_can_answer
from collegium.words import lower_first

Status = SupportRequest.Status
OPEN = (Status.SENT, Status.ACCEPTED)  # a school has one open request per need at a time
REQUEST_FIELDS = ["status", "days_agreed", "response", "responded_by_id", "responded_at"]
OFFER_FIELDS = ["school_id", "strand_id", "description", "days_available", "is_open"]
SESSION_FIELDS = ["request_id", "given_on", "days", "given_by", "what"]
ANSWERED = {
    Status.ACCEPTED: "This request has already been accepted",
    Status.DECLINED: "This request has already been declined",
    Status.WITHDRAWN: "This request was withdrawn by the school that sent it",
}


def _require(actor: User, action: str, obj: Any, message: str) -> None:
    if not access.can(actor, action, obj):
        raise ValidationError(message)


def lock_request(request: SupportRequest) -> SupportRequest:
    """Re-read the request with a row lock, so two answers cannot both be applied."""
    return SupportRequest.objects.select_for_update().get(pk=request.pk)


def _check_awaiting(request: SupportRequest) -> None:
    if request.status != Status.SENT:
        raise ValidationError(ANSWERED[Status(request.status)])


def check_can_ask(need: SupportNeed, school: School, offer: StandingOffer | None) -> None:
    plan = need.plan
    if plan.status == ActionPlan.Status.COMPLETED:
        raise ValidationError("This action plan is completed, so support can no longer be asked")
    if school.pk == plan.review.school_id:
        raise ValidationError("You cannot ask your own school for support")
    if not school.is_open:
        raise ValidationError(f"{school.name} is closed")
    open_request = need.requests.filter(offering_school=school, status__in=OPEN).first()
    if open_request is not None:
        if open_request.status == Status.ACCEPTED:
            raise ValidationError(
                f"{school.name} has already accepted a request for this need: record the "
                "support given under that request, or add a new support need"
            )
        raise ValidationError(
            f"You have already asked {school.name} for support with this need and are waiting "
            "for a reply. You can ask again if it declines or you withdraw your request."
        )
    if offer is not None and (offer.school_id != school.pk or not offer.is_open):
        raise ValidationError(f"{school.name} no longer offers this support")
    if not schools_that_can_answer([school.pk]):
        raise ValidationError(
            f"No one at {school.name} uses Collegium yet, so nobody there could answer your "
            "request. Ask a suggested school, or a school in the network."
        )


def send_request(
    actor: User,
    need: SupportNeed,
    school: School,
    message: str,
    offer: StandingOffer | None = None,
) -> SupportRequest:
    _require(actor, "support.request", need.plan, "Only the school's leaders can ask for support")
    with transaction.atomic():
        lock_plan(need.plan)  # waits for any edit of the plan, such as removing this need
        need = SupportNeed.objects.select_for_update().select_related("plan").get(pk=need.pk)
        check_can_ask(need, school, offer)
        try:
            with transaction.atomic():
                request = SupportRequest.objects.create(
                    need=need, offering_school=school, offer=offer, message=message, sent_by=actor
                )
        except IntegrityError:
            raise ValidationError(
                f"You have already asked {school.name} for support with this need"
            ) from None  # another request to the school was sent at the same moment
        record_change(
            actor, verbs.SUPPORT_REQUEST_SENT, request, None, snapshot(request, REQUEST_FIELDS)
        )
    _email_leaders(
        request,
        "support-requested",
        f"{need.plan.review.school.name} asks for your school's support",
        _request_body(request),
    )
    return request


ANSWER_VERBS = {
    Status.ACCEPTED: verbs.SUPPORT_REQUEST_ACCEPTED,
    Status.DECLINED: verbs.SUPPORT_REQUEST_DECLINED,
    Status.WITHDRAWN: verbs.SUPPORT_REQUEST_WITHDRAWN,
}


def _answer(actor: User, request: SupportRequest, status: str, **fields: Any) -> SupportRequest:
    with transaction.atomic():
        request = lock_request(request)
        _check_awaiting(request)
        before = snapshot(request, REQUEST_FIELDS)
        request.status = status
        for name, value in fields.items():
            setattr(request, name, value)
        request.save()
        after = snapshot(request, REQUEST_FIELDS)
        record_change(actor, ANSWER_VERBS[Status(status)], request, before, after)
    return request


def accept_request(
    actor: User, request: SupportRequest, days_agreed: Decimal, response: str = ""
) -> SupportRequest:
    _require(
        actor,
        "support.respond",
        request,
        f"Only the leaders of {request.offering_school.name} can answer this request",
    )
    if days_agreed is None or days_agreed <= 0:
        raise ValidationError("Enter the days of support you can give, like 2 or 1.5")
    request = _answer(
        actor,
        request,
        Status.ACCEPTED,
        days_agreed=days_agreed,
        response=response,
        responded_by=actor,
        responded_at=timezone.now(),
    )
    _email_requester(request, "accepted")
    return request


def decline_request(actor: User, request: SupportRequest, reason: str) -> SupportRequest:
    _require(
        actor,
        "support.respond",
        request,
        f"Only the leaders of {request.offering_school.name} can answer this request",
    )
    if not reason.strip():
        raise ValidationError("Enter the reason you cannot give this support")
    request = _answer(
        actor,
        request,
        Status.DECLINED,
        response=reason,
        responded_by=actor,
        responded_at=timezone.now(),
    )
    _email_requester(request, "declined")
    return request


def withdraw_request(actor: User, request: SupportRequest) -> SupportRequest:
    _require(
        actor,
        "support.request",
        request.need.plan,
        "Only the leaders of the school that sent this request can withdraw it",
    )
    request = _answer(actor, request, Status.WITHDRAWN)
    _email_leaders(
        request,
        "support-withdrawn",
        f"{request.review.school.name} has withdrawn its request for support",
        f"{request.review.school.name} no longer needs the support it asked for:\n\n"
        f"{request.message}\n\nNo reply is needed.\n\nCollegium",
    )
    return request


def record_session(
    actor: User,
    request: SupportRequest,
    given_on: date,
    days: Decimal,
    given_by: str,
    what: str,
) -> SupportSession:
    _require(
        actor,
        "support.record",
        request,
        "Only the leaders of the two schools can record support given under this request",
    )
    with transaction.atomic():
        request = lock_request(request)
        if request.status != Status.ACCEPTED:
            status = lower_first(request.get_status_display())
            raise ValidationError(
                f"Support can be recorded only under an accepted request: this one is {status}"
            )
        if given_on > date.today():
            raise ValidationError("The date the support was given must be today or in the past")
        sent_on = timezone.localdate(request.sent_at)
        if given_on < sent_on:
            raise ValidationError(
                "The date the support was given cannot be before the request was sent, "
                f"on {sent_on.day} {sent_on:%B %Y}"
            )
        if days is None or days <= 0:
            raise ValidationError("Enter the days of support given, like 1 or 0.5")
        _check_within_agreed(request, days)
        session = SupportSession.objects.create(
            request=request,
            given_on=given_on,
            days=days,
            given_by=given_by,
            what=what,
            recorded_by=actor,
        )
        record_change(
            actor, verbs.SUPPORT_GIVEN_RECORDED, session, None, snapshot(session, SESSION_FIELDS)
        )
    return session


def _check_within_agreed(request: SupportRequest, days: Decimal) -> None:
    """Refuse support that would take the days given above the days agreed."""
    agreed = request.days_agreed or Decimal(0)
    given = sum((s.days for s in request.sessions.all()), Decimal(0))
    if given + days <= agreed:
        return
    left = max(agreed - given, Decimal(0))
    if left == 0:
        raise ValidationError(
            f"All {days_text(agreed)} agreed have already been recorded, so no more support "
            "can be recorded under this request"
        )
    raise ValidationError(
        f"That would be more than the {days_text(agreed)} agreed: "
        f"{days_text(left)} {'is' if left == 1 else 'are'} left to record"
    )


def publish_offer(
    actor: User,
    school: School,
    strand: Strand,
    description: str,
    days_available: Decimal | None = None,
) -> StandingOffer:
    _require(actor, "support.offer", school, f"Only the leaders of {school.name} can offer support")
    if strand.area.version.status != FrameworkVersion.Status.PUBLISHED:
        raise ValidationError("Choose a strand from a published framework")
    if days_available is not None and days_available <= 0:
        raise ValidationError("Days available must be more than 0, or leave it empty")
    with transaction.atomic():
        offer = StandingOffer.objects.create(
            school=school,
            strand=strand,
            description=description,
            days_available=days_available,
            created_by=actor,
        )
        record_change(actor, verbs.SUPPORT_OFFERED, offer, None, snapshot(offer, OFFER_FIELDS))
    return offer


def withdraw_offer(actor: User, offer: StandingOffer) -> StandingOffer:
    _require(
        actor, "support.offer", offer, f"Only the leaders of {offer.school.name} can withdraw it"
    )
    with transaction.atomic():
        offer = StandingOffer.objects.select_for_update().get(pk=offer.pk)
        if not offer.is_open:
            raise ValidationError("This offer has already been withdrawn")
        before = snapshot(offer, OFFER_FIELDS)
        offer.is_open = False
        offer.save(update_fields=["is_open"])
        record_change(
            actor, verbs.SUPPORT_OFFER_WITHDRAWN, offer, before, snapshot(offer, OFFER_FIELDS)
        )
    return offer


def leaders_of(school: School) -> list[User]:
    grants = RoleGrant.objects.filter(
        role=Role.SCHOOL_LEADER, school=school, user__is_active=True
    ).select_related("user")
    return [grant.user for grant in grants]


def _email_leaders(request: SupportRequest, event: str, subject: str, body: str) -> None:
    link = site_link("support:request", request.pk)
    notify(
        leaders_of(request.offering_school),
        event,
        subject=subject,
        context={"body": body},
        link=link,
    )


def _request_body(request: SupportRequest) -> str:
    need = request.need
    asking = need.plan.review.school.name
    sender = request.sent_by.full_name if request.sent_by else "A leader"
    lines = [
        f"{sender} of {asking} asks {request.offering_school.name} for support with "
        f"{need.strand.title}.",
        "",
        "Their message:",
        request.message,
        "",
        f"What they need: {need.description}",
    ]
    if need.days_wanted:
        lines.append(f"Days wanted: {need.days_wanted.normalize():f}")
    lines += [
        "",
        "Accept or decline the request in Collegium: " + site_link("support:request", request.pk),
        "",
        "Collegium",
    ]
    return "\n".join(lines)


def _email_requester(request: SupportRequest, answer: str) -> None:
    sender = request.sent_by
    recipients = [sender] if sender and sender.is_active and sender.email else None
    recipients = recipients or leaders_of(request.review.school)
    school = request.offering_school.name
    lines = [f"{school} has {answer} your request for support with {request.need.strand.title}."]
    if request.status == Status.ACCEPTED and request.days_agreed:
        lines.append(f"Days agreed: {request.days_agreed.normalize():f}")
    if request.response:
        lines += ["", "Their reply:", request.response]
    lines += [
        "",
        f"See the request in Collegium: {site_link('support:request', request.pk)}",
        "",
        "Collegium",
    ]
    notify(
        recipients,
        "support-answered",
        subject=f"{school} has {answer} your request for support",
        context={"body": "\n".join(lines)},
        link=site_link("support:request", request.pk),
    )
