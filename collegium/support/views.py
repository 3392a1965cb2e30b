"""I2 pages: support between schools. The school with a need asks a school that could help;
the school asked answers; either school records the support given; schools publish offers."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from collegium import access
from collegium.accounts.models import User
from collegium.improvement.models import SupportNeed
from collegium.pages import confirm_page, form_page, posted, render_page
from collegium.pagination import paginate
from collegium.schools.models import School
from collegium.support import services
from collegium.support.forms import (
    LONGEST_URN,
    AnswerForm,
    DistanceForm,
    OfferForm,
    RequestForm,
    SessionForm,
)
from collegium.support.models import SupportRequest
from collegium.support.selectors import brokerage, lists
from collegium.types import AuthenticatedHttpRequest


def _request_url(support: SupportRequest) -> str:
    return reverse("support:request", args=[support.pk])


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Support between schools, for the leaders of each school the person leads: the first rows
    of each list, with a link to the whole list."""
    access.require(request.user, "support.offer")
    context = {"panels": lists.support_panels(lists.schools_led(request.user))}
    return render_page(request, "support/index.html", context)


@require_GET
@login_required
def school_list(request: HttpRequest, urn: int, kind: str) -> HttpResponse:
    """One whole list of a school's support (requests received or sent, offers), a page at a
    time."""
    school = access.get_school_for(request.user, urn, "support.offer")
    if kind not in lists.KINDS:
        raise Http404("There is no such list of support.")
    page, pagination = paginate(request, lists.rows_of(school, kind))
    context = {"school": school, "kind": kind, "page": page, "pagination": pagination}
    return render_page(request, "support/list.html", context)


@require_GET
@login_required
def request_page(request: HttpRequest, pk: int) -> HttpResponse:
    support = access.get_support_request_for(request.user, pk)
    user = request.user
    sessions, days_left = lists.given_under(support)
    leads = access.roles_of(user).leads
    if support.offering_school_id in leads:
        side = "asked"
    elif support.requesting_school_id in leads:
        side = "asking"
    else:
        side = ""  # a coordinator, who sees both schools' requests
    context = {
        "support": support,
        "side": side,
        "sessions": sessions,
        "can_answer": access.can(user, "support.respond", support),
        "can_withdraw": access.can(user, "support.request", support.need.plan),
        "can_record": days_left > 0 and access.can(user, "support.record", support),
    }
    return render_page(request, "support/request.html", context)


@require_GET
@login_required
def need(request: HttpRequest, pk: int) -> HttpResponse:
    """The schools that could help with one need, each with its reasons."""
    found = access.get_support_need_for(request.user, pk, "support.request")
    form = DistanceForm(request.GET or None)
    within = form.km(brokerage.WITHIN_KM)
    suggestions = brokerage.suggest_schools(found, 10, request.user, within)
    context = {
        "form": form,
        "within": within,
        "need": found,
        "plan": found.plan,
        "suggestions": suggestions,
        "none_nearby": brokerage.none_nearby(suggestions),
        "requests": brokerage.requests_seen(found, request.user),
        "can_ask": access.can(request.user, "support.request", found.plan),
    }
    return render_page(request, "support/need.html", context)


@login_required
def send(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Ask a school for support with a need: a suggested school comes chosen (`?urn=`), or the
    head finds one by its name or URN. The page says why the school chosen could help."""
    found = access.get_support_need_for(request.user, pk, "support.request")
    data = posted(request)
    form = RequestForm(data, initial={} if data is not None else {"school": request.GET.get("urn")})
    school = _chosen_school(form)

    def ask(data: dict[str, Any]) -> SupportRequest:
        offer = brokerage.matching_offer(found, data["school"])
        return services.send_request(request.user, found, data["school"], data["message"], offer)

    return form_page(
        request,
        form,
        ask,
        done=f"Your request has been sent to {school.name if school else 'the school'}.",
        next_url=_request_url,
        page=lambda: _send_context(found, school),
        template="support/send.html",
    )


def _send_context(need: SupportNeed, school: School | None) -> dict[str, Any]:
    """Why the school chosen could help (its evidence alone is read). A school already chosen
    (from a suggestion, or found by its name) is shown as text, not a box."""
    chosen = brokerage.explain(need, school) if school is not None else None
    return {"need": need, "plan": need.plan, "school": school, "chosen": chosen}


def _chosen_school(form: RequestForm) -> School | None:
    if form.is_bound:
        school = form.cleaned_data.get("school") if "school" not in form.errors else None
        return school if isinstance(school, School) else None
    urn = str(form.initial.get("school") or "").strip()
    if not (urn.isascii() and urn.isdigit() and len(urn) <= LONGEST_URN):
        return None
    return lists.school_with_urn(int(urn))


def _answer(actor: User, support: SupportRequest, data: dict[str, Any]) -> SupportRequest:
    if data["answer"] == AnswerForm.ACCEPT:
        return services.accept_request(actor, support, data["days_agreed"], data["response"])
    return services.decline_request(actor, support, data["response"])


@login_required
def answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    support = access.get_support_request_for(request.user, pk, "support.respond")
    form = AnswerForm(posted(request))
    accepts = form.is_bound and form.is_valid() and form.cleaned_data["answer"] == form.ACCEPT
    said = "accepted" if accepts else "declined"
    return form_page(
        request,
        form,
        lambda data: _answer(request.user, support, data),
        done=f"You have {said} the request. {support.review.school.name} has been told by email.",
        next_url=_request_url(support),
        page={"support": support},
        template="support/answer.html",
    )


@login_required
def withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    support = access.get_support_request_for(request.user, pk)
    access.require(request.user, "support.request", support.need.plan)
    page = {
        "title": "Withdraw your request for support",
        "caption": f"{support.review.school.name}: {support.need.strand.title}",
        "summary": f"{support.offering_school.name} will be told by email that you no longer "
        "need this support.",
        "button": "Withdraw the request",
        "cancel_url": _request_url(support),
    }
    return confirm_page(
        request,
        lambda: services.withdraw_request(request.user, support),
        done="Your request has been withdrawn.",
        next_url=_request_url(support),
        page=page,
    )


@login_required
def session(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    support = access.get_support_request_for(request.user, pk, "support.record")
    return form_page(
        request,
        SessionForm(posted(request)),
        lambda data: services.record_session(request.user, support, **data),
        done="The support given has been recorded.",
        next_url=_request_url(support),
        page={"support": support},
        template="support/session.html",
    )


@login_required
def offer(request: AuthenticatedHttpRequest, urn: int) -> HttpResponse:
    school = access.get_school_for(request.user, urn, "support.offer")
    return form_page(
        request,
        OfferForm(posted(request)),
        lambda data: services.publish_offer(request.user, school, **data),
        done="Your offer has been published: schools that need it will see it.",
        next_url=reverse("support:home"),
        page={"school": school},
        template="support/offer.html",
    )


@login_required
def offer_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = access.get_offer_for(request.user, pk)
    page = {
        "title": "Withdraw your offer of support",
        "caption": f"{found.school.name}: {found.strand.title}",
        "summary": "Schools will no longer be pointed to this offer. Requests already sent "
        "under it stay as they are.",
        "button": "Withdraw the offer",
        "cancel_url": reverse("support:home"),
    }
    return confirm_page(
        request,
        lambda: services.withdraw_offer(request.user, found),
        done="Your offer has been withdrawn.",
        next_url=reverse("support:home"),
        page=page,
    )
