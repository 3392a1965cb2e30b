"""I2 pages: support between schools. The school with a need asks a school that could help;
the school asked answers; either school records the support given; schools publish offers."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from collegium import access
from collegium.improvement import brokerage
from collegium.improvement.forms.support import (
    LONGEST_URN,
    AnswerForm,
    OfferForm,
    RequestForm,
    SessionForm,
)
from collegium.improvement.models import (
    SupportNeed,
)
from collegium.improvement.selectors.support import KINDS, rows_of, support_panels
from collegium.improvement.services import support as services
from collegium.pages import posted
from collegium.pagination import paginate
from collegium.schools.models import School


@require_GET
@login_required
def support_home(request: HttpRequest) -> HttpResponse:
    """Support between schools, for the leaders of each school the person leads: the first rows
    of each list, with a link to the whole list."""
    access.require(request.user, "support.offer")
    leads = access.roles_of(request.user).leads
    schools = list(School.objects.filter(pk__in=leads).order_by("name", "pk"))
    context = {"panels": support_panels(schools)}
    return render(request, "improvement/support/index.html", context)


@require_GET
@login_required
def support_list(request: HttpRequest, urn: int, kind: str) -> HttpResponse:
    """One whole list of a school's support (requests received or sent, offers), a page at a
    time."""
    school = access.get_school_for(request.user, urn, "support.offer")
    if kind not in KINDS:
        raise Http404("There is no such list of support.")
    page, pagination = paginate(request, rows_of(school, kind))
    context = {"school": school, "kind": kind, "page": page, "pagination": pagination}
    return render(request, "improvement/support/list.html", context)


@require_GET
@login_required
def support_request(request: HttpRequest, pk: int) -> HttpResponse:
    support = access.get_support_request_for(request.user, pk)
    user = request.user
    sessions = list(support.sessions.select_related("recorded_by"))
    days_left = (support.days_agreed or 0) - sum(session.days for session in sessions)
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
    return render(request, "improvement/support/request.html", context)


@require_GET
@login_required
def support_need(request: HttpRequest, pk: int) -> HttpResponse:
    """The schools that could help with one need, each with its reasons."""
    need = access.get_support_need_for(request.user, pk, "support.request")
    suggestions = brokerage.suggest_schools(need, limit=10, user=request.user)
    context = {
        "need": need,
        "plan": need.plan,
        "suggestions": suggestions,
        "none_nearby": brokerage.none_nearby(suggestions),
        "requests": access.visible(request.user, "support.view", need.requests.all()),
        "can_ask": access.can(request.user, "support.request", need.plan),
    }
    return render(request, "improvement/support/need.html", context)


@login_required
def support_send(request: HttpRequest, pk: int) -> HttpResponse:
    need = access.get_support_need_for(request.user, pk, "support.request")
    if request.method != "POST":
        form = RequestForm(initial={"school": request.GET.get("urn", "")})
        return _send_page(request, need, form)
    form = RequestForm(request.POST)
    if not form.is_valid():
        return _send_page(request, need, form)
    school = form.cleaned_data["school"]
    try:
        sent = services.send_request(
            request.user,
            need,
            school,
            form.cleaned_data["message"],
            brokerage.matching_offer(need, school),
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _send_page(request, need, form)
    messages.success(request, f"Your request has been sent to {school.name}.")
    return redirect("improvement:support_request", pk=sent.pk)


def _send_page(request: HttpRequest, need: SupportNeed, form: RequestForm) -> HttpResponse:
    """The form, with why the school chosen could help (its evidence alone is read). A school
    already chosen (from a suggestion, or found by its name) is shown as text, not a box."""
    school = _chosen_school(form)
    chosen = brokerage.explain(need, school) if school is not None else None
    context = {"need": need, "plan": need.plan, "form": form, "school": school, "chosen": chosen}
    status = 400 if form.errors else 200
    return render(request, "improvement/support/send.html", context, status=status)


def _chosen_school(form: RequestForm) -> School | None:
    if form.is_bound:
        school = form.cleaned_data.get("school") if "school" not in form.errors else None
        return school if isinstance(school, School) else None
    urn = str(form.initial.get("school") or "").strip()
    if not (urn.isascii() and urn.isdigit() and len(urn) <= LONGEST_URN):
        return None
    return School.objects.filter(pk=int(urn)).first()


def _form_page(request: HttpRequest, template: str, form: Form, **context: Any) -> HttpResponse:
    status = 400 if form.errors else 200
    return render(request, template, {"form": form, **context}, status=status)


@login_required
def support_answer(request: HttpRequest, pk: int) -> HttpResponse:
    support = access.get_support_request_for(request.user, pk, "support.respond")
    template = "improvement/support/answer.html"
    if request.method != "POST":
        return _form_page(request, template, AnswerForm(), support=support)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _form_page(request, template, form, support=support)
    data = form.cleaned_data
    try:
        if data["answer"] == AnswerForm.ACCEPT:
            services.accept_request(request.user, support, data["days_agreed"], data["response"])
            done = "You have accepted the request"
        else:
            services.decline_request(request.user, support, data["response"])
            done = "You have declined the request"
    except ValidationError as error:
        form.add_error(None, error)
        return _form_page(request, template, form, support=support)
    messages.success(request, f"{done}. {support.review.school.name} has been told by email.")
    return redirect("improvement:support_request", pk=support.pk)


@require_POST
@login_required
def support_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    support = access.get_support_request_for(request.user, pk)
    access.require(request.user, "support.request", support.need.plan)
    try:
        services.withdraw_request(request.user, support)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Your request has been withdrawn.")
    return redirect("improvement:support_request", pk=support.pk)


@login_required
def support_session(request: HttpRequest, pk: int) -> HttpResponse:
    support = access.get_support_request_for(request.user, pk, "support.record")
    template = "improvement/support/session.html"
    if request.method != "POST":
        return _form_page(request, template, SessionForm(), support=support)
    form = SessionForm(request.POST)
    if not form.is_valid():
        return _form_page(request, template, form, support=support)
    try:
        services.record_session(request.user, support, **form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, error)
        return _form_page(request, template, form, support=support)
    messages.success(request, "The support given has been recorded.")
    return redirect("improvement:support_request", pk=support.pk)


@login_required
def support_offer(request: HttpRequest, urn: int) -> HttpResponse:
    school = access.get_school_for(request.user, urn, "support.offer")
    template = "improvement/support/offer.html"
    form = OfferForm(posted(request))
    if request.method != "POST" or not form.is_valid():
        return _form_page(request, template, form, school=school)
    try:
        services.publish_offer(request.user, school, **form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, error)
        return _form_page(request, template, form, school=school)
    messages.success(request, "Your offer has been published: schools that need it will see it.")
    return redirect("improvement:support")


@require_POST
@login_required
def support_offer_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    offer = access.get_offer_for(request.user, pk)
    try:
        services.withdraw_offer(request.user, offer)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Your offer has been withdrawn.")
    return redirect("improvement:support")
