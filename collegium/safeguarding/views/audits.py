"""G1 pages of a school's audit: the person's schools, a school's audits, starting one, the audit
with every item, rating an item, submitting it to the board, the board's review and its PDF."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from collegium import access
from collegium.context.selectors import offrolling_of
from collegium.pages import confirm_page, form_page, posted, render_page
from collegium.reports.pdf import pdf_response
from collegium.safeguarding import selectors
from collegium.safeguarding.forms import BoardReviewForm, RateItemForm, StartAuditForm
from collegium.safeguarding.models import SafeguardingAudit
from collegium.safeguarding.services import audits
from collegium.schools.models import School


def audit_url(audit: SafeguardingAudit) -> str:
    return reverse("safeguarding:audit", args=[audit.pk])


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The person's schools; oversight goes to the network's status."""
    roles = access.roles_of(request.user)
    urns = roles.leads | roles.governs | roles.safeguards
    if not urns:
        if access.can(request.user, "safeguarding.oversee"):
            return redirect("safeguarding:oversight")
        raise PermissionDenied
    schools = School.objects.filter(pk__in=urns).order_by("name")
    statuses = selectors.statuses_of(schools, timezone.localdate())
    return render_page(request, "safeguarding/home.html", {"statuses": statuses})


@require_GET
@login_required
def school(request: HttpRequest, urn: int) -> HttpResponse:
    """A school's audits, status and oversight visits (oversight reads no audit it is not shown)."""
    found = access.get_school_for(request.user, urn, "safeguarding.status")
    today = timezone.localdate()
    context = {
        "school": found,
        "status": selectors.status_of(found, today),
        "audits": selectors.audits_of(found),
        "visits": selectors.visits_of(found),
        "refusal": audits.start_refusal(found),
        "today": today,
    }
    return render_page(request, "safeguarding/school.html", context)


@login_required
def start(request: HttpRequest, urn: int) -> HttpResponse:
    found = access.get_school_for(request.user, urn, "safeguarding.audit")
    reaudit = selectors.is_reaudit(found, timezone.localdate())
    return form_page(
        request,
        StartAuditForm(posted(request)),
        lambda data: audits.start_audit(request.user, found, data["version"]),
        done="The audit has been started",
        next_url=audit_url,
        page={
            "title": "Start a re-audit" if reaudit else "Start this year's audit",
            "caption": found.name,
            "intro": _start_intro(found),
            "button": "Start the audit",
            "cancel_url": reverse("safeguarding:school", args=[found.pk]),
        },
    )


def _start_intro(found: School) -> list[str]:
    last = selectors.last_reviewed(found)
    if last is None:
        return [
            "Rate every item of the template red, amber or green, with the evidence you "
            "looked at, then give every red or amber item an action."
        ]
    return [
        f"The audit starts from the last one, reviewed by the board on "
        f"{last.board_met_on:%-d %B %Y}: its open actions are carried into the new audit."
    ]


@require_GET
@login_required
def audit(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.get_audit_for(request.user, pk)
    page = selectors.audit_page(found, timezone.localdate())
    leaving = offrolling_of(found.school)  # the census counts' cohorts, for the leaving-roll items
    context = {"page": page, "audit": found, "leaving": leaving}
    return render_page(request, "safeguarding/audit.html", context)


@login_required
def rate(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    found = access.get_audit_for(request.user, pk, "safeguarding.audit")
    item = access.get_part(selectors.items_of(found), pk=item_pk)
    rated = found.ratings.filter(item=item).values("rating", "evidence", "notes").first()
    form = RateItemForm(posted(request), initial=dict(rated) if rated else None)

    def apply(data: dict[str, Any]) -> Any:
        return audits.rate_item(request.user, found, item, **data)

    return form_page(
        request,
        form,
        apply,
        done=f"{item.code} has been rated",
        next_url=f"{audit_url(found)}#item-{item.code}",
        page={"audit": found, "item": item, "previous": selectors.previous_ratings(found)},
        template="safeguarding/rate.html",
    )


@login_required
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.get_audit_for(request.user, pk, "safeguarding.audit")
    counts = selectors.counts_of(found)
    return confirm_page(
        request,
        lambda: audits.submit_audit(request.user, found),
        done="The audit has been submitted to the governing board",
        next_url=audit_url(found),
        page={
            "title": "Submit the audit to the governing board",
            "caption": found.school.name,
            "summary": f"{counts.red} red, {counts.amber} amber and {counts.green} green items.",
            "warning": "Once submitted, the ratings no longer change.",
            "button": "Submit the audit",
            "cancel_url": audit_url(found),
        },
    )


@login_required
def board_review(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.get_audit_for(request.user, pk, "safeguarding.board_review")

    def apply(data: dict[str, Any]) -> Any:
        return audits.record_board_review(request.user, found, **data)

    return form_page(
        request,
        BoardReviewForm(posted(request)),
        apply,
        done="The board's review has been recorded",
        next_url=audit_url(found),
        page={"audit": found, "counts": selectors.counts_of(found)},
        template="safeguarding/board_review.html",
    )


@require_GET
@login_required
def audit_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The audit and its action plan for the governing board, as a PDF."""
    found = access.get_audit_for(request.user, pk)
    context = {"page": selectors.audit_page(found, timezone.localdate()), "audit": found}
    filename = f"safeguarding-audit-{found.school_id}-{found.started_on:%Y-%m-%d}.pdf"
    return pdf_response(request, "safeguarding/pdf/audit.html", context, filename)
