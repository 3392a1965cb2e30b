"""R6 judgements: each strand with the school's own rating, the team's proposals and the agreed
judgement; proposing, agreeing, the findings, the check before agreeing the whole (shown, then
confirmed) and closing the review."""

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from collegium import access
from collegium.frameworks.levels import scale_labels, strand_levels
from collegium.frameworks.models import Area, Strand
from collegium.pages import posted, render_page
from collegium.reviews.forms.visit import AgreeJudgementForm, FindingsForm, JudgementForm
from collegium.reviews.models import Findings, Judgement, JudgementProposal, Review, TeamMember
from collegium.reviews.selectors import (
    agreement_check,
    proposals_for,
    reads_evidence,
    self_evaluation_for,
)
from collegium.reviews.services import closing
from collegium.reviews.services import judgements as services
from collegium.reviews.services.evidence import place_of
from collegium.reviews.views.evidence import when
from collegium.selfevaluation.models import SelfEvaluation, StrandEvaluation
from collegium.selfevaluation.selectors import entries_by_strand


@dataclass
class StrandRow:
    strand: Strand
    school: StrandEvaluation | None
    judgement: Judgement | None
    proposals: list[JudgementProposal] = field(default_factory=list)


@dataclass
class AreaRows:
    area: Area
    rows: list[StrandRow] = field(default_factory=list)


def _areas(
    review: Review,
    self_evaluation: SelfEvaluation | None,
    proposals: QuerySet[JudgementProposal],
) -> list[AreaRows]:
    school = entries_by_strand(self_evaluation) if self_evaluation else {}
    judgements = {j.strand_id: j for j in review.judgements.prefetch_related("evidence")}
    proposals = proposals.prefetch_related("evidence__author__reviewer__user")
    areas = []
    for area in review.framework_version.areas.prefetch_related("strands"):
        rows = [
            StrandRow(strand, school.get(strand.pk), judgements.get(strand.pk))
            for strand in area.strands.all()
        ]
        areas.append(AreaRows(area, rows))
    by_strand = {row.strand.pk: row for area in areas for row in area.rows}
    for proposal in proposals:
        by_strand[proposal.strand_id].proposals.append(proposal)
    return areas


def _render(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    review = context["review"]
    labels = scale_labels(review.framework_version)  # read once, not once per level shown
    helpers = {
        "when": when,
        "level_label": lambda strand, level: (
            strand_levels(strand, labels).get(level, "") if level else ""
        ),
        "judging": review.status == Review.Status.VISIT,
    }
    return render_page(request, f"reviews/{template}", context | helpers)


def _overview(request: HttpRequest, review: Review, form: Form | None = None) -> HttpResponse:
    findings = Findings.objects.filter(review=review).select_related(
        "priority_strand", "excellence_strand"
    )
    self_evaluation = self_evaluation_for(request.user, review)
    proposals = proposals_for(request.user, review)  # none for the school during the visit
    context = {
        "review": review,
        "form": form,
        "areas": _areas(review, self_evaluation, proposals),
        "self_evaluated": self_evaluation is not None,
        "proposals_shown": reads_evidence(request.user, review),
        "findings": findings.first(),
        "missing": _missing_for_the_lead(request, review),
        "not_closing": closing.reasons_not_to_close(review),
    }
    return _render(request, "judgements.html", context)


def _missing_for_the_lead(request: HttpRequest, review: Review) -> list[str]:
    """What is left to agree; only the lead, who agrees the judgements, is shown it."""
    if review.status != Review.Status.VISIT or not access.can(request.user, "review.lead", review):
        return []
    return services.missing_for_agreement(review)


@login_required
def judgements(request: HttpRequest, pk: int) -> HttpResponse:
    return _overview(request, access.get_review_for(request.user, pk))


def _strand(review: Review, strand_pk: int) -> Strand:
    return get_object_or_404(
        Strand.objects.select_related("area"), pk=strand_pk, area__version=review.framework_version
    )


def _anchor(strand: Strand) -> str:
    """The id of the strand's section on the judgements page."""
    return f"strand-{strand.pk}"


def _saved(request: HttpRequest, review: Review, strand: Strand, message: str) -> HttpResponse:
    """Back to the strand just saved on the long judgements page, its message shown beside it
    (tagged with the strand's anchor) rather than at the top, out of sight."""
    messages.success(request, message, extra_tags=_anchor(strand))
    return redirect(reverse("reviews:judgements", args=[review.pk]) + f"#{_anchor(strand)}")


def _judgement_args(form: JudgementForm) -> tuple[int | None, str, list[int]]:
    data = form.cleaned_data
    return data.get("level"), data["rationale"], data["evidence"]


def _initial(judgement: Judgement | None) -> dict[str, Any]:
    if judgement is None:
        return {}
    return {
        "level": judgement.level,
        "rationale": judgement.rationale,
        "evidence": list(judgement.evidence.values_list("pk", flat=True)),
        "no_peer_reason": judgement.no_peer_reason,
    }


@login_required
def propose(request: HttpRequest, pk: int, strand_pk: int) -> HttpResponse:
    review = access.get_review_for(request.user, pk, "review.record_evidence")
    strand = _strand(review, strand_pk)
    form = JudgementForm(review, strand, posted(request))
    if request.method == "POST" and form.is_valid():
        place = place_of(request.user, review)
        if place is None:
            raise PermissionDenied
        try:
            services.propose_judgement(request.user, review, place, strand, *_judgement_args(form))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _saved(
                request, review, strand, f"Your proposed judgement of {strand} has been saved"
            )
    context = {"review": review, "strand": strand, "form": form, "agreeing": False}
    return _render(request, "judgement_form.html", context)


@login_required
def agree(request: HttpRequest, pk: int, strand_pk: int) -> HttpResponse:
    review = access.get_review_for(request.user, pk, "review.lead")
    strand = _strand(review, strand_pk)
    proposals = review.proposals.filter(strand=strand).select_related("proposed_by__reviewer__user")
    peer_proposed = any(p.proposed_by.role != TeamMember.Role.LEAD for p in proposals)
    initial = _initial(review.judgements.filter(strand=strand).first())
    form = AgreeJudgementForm(review, strand, peer_proposed, posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data.get("no_peer_reason", "")
        try:
            services.agree_judgement(
                request.user, review, strand, *_judgement_args(form), no_peer_reason=reason
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _saved(request, review, strand, f"The judgement of {strand} has been agreed")
    context = {
        "review": review,
        "strand": strand,
        "form": form,
        "agreeing": True,
        "proposals": proposals,
    }
    return _render(request, "judgement_form.html", context)


@login_required
def findings(request: HttpRequest, pk: int) -> HttpResponse:
    review = access.get_review_for(request.user, pk, "review.lead")
    existing = Findings.objects.filter(review=review).first()
    initial = {}
    if existing is not None:
        initial = {name: getattr(existing, name) for name in services.FINDINGS_FIELDS}
        initial = {name.removesuffix("_id"): value for name, value in initial.items()}
    form = FindingsForm(review, posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.agree_findings(request.user, review, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The findings and the improvement priority have been agreed")
            return redirect("reviews:judgements", pk=review.pk)
    return _render(request, "findings.html", {"review": review, "form": form})


@login_required
def agree_all(request: HttpRequest, pk: int) -> HttpResponse:
    """The check page: every strand, each member's latest proposal and the agreed level; only
    its confirmation (a POST, which the service checks in full) locks the judgements."""
    review = access.get_review_for(request.user, pk, "review.lead")
    form = Form(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.agree_judgements(request.user, review)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, "The judgements have been agreed and can no longer be changed"
            )
            return redirect("reviews:judgements", pk=review.pk)
    context = {
        "review": review,
        "form": form,
        "areas": agreement_check(review),
        "missing": services.missing_for_agreement(review),
    }
    return _render(request, "judgements_check.html", context)


@require_POST
@login_required
def close(request: HttpRequest, pk: int) -> HttpResponse:
    review = access.get_review_for(request.user, pk, "review.lead")
    form = Form(request.POST)
    try:
        closing.close_review(request.user, review)
    except ValidationError as error:
        form.add_error(None, error)
        return _overview(request, review, form)
    messages.success(request, "The review has been closed")
    return redirect("reviews:judgements", pk=review.pk)
