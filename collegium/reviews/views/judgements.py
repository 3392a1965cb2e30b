"""R6 judgements: each strand with the school's own rating, the team's proposals and the agreed
judgement; proposing, agreeing, the findings, the check before agreeing the whole (shown, then
confirmed) and closing the review."""

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from collegium import access
from collegium.frameworks.levels import scale_labels, strand_levels
from collegium.frameworks.models import Area, Strand
from collegium.pages import form_page, posted, render_page
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
from collegium.types import AuthenticatedHttpRequest


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


def _helpers(review: Review) -> dict[str, Any]:
    """What the judgement pages' templates call: times, level labels, whether judging is open."""
    labels = scale_labels(review.framework_version)  # read once, not once per level shown
    return {
        "when": when,
        "level_label": lambda strand, level: (
            strand_levels(strand, labels).get(level, "") if level else ""
        ),
        "judging": review.status == Review.Status.VISIT,
    }


def _overview(request: HttpRequest, review: Review) -> dict[str, Any]:
    findings = Findings.objects.filter(review=review).select_related(
        "priority_strand", "excellence_strand"
    )
    self_evaluation = self_evaluation_for(request.user, review)
    proposals = proposals_for(request.user, review)  # none for the school during the visit
    return {
        "review": review,
        "areas": _areas(review, self_evaluation, proposals),
        "self_evaluated": self_evaluation is not None,
        "proposals_shown": reads_evidence(request.user, review),
        "findings": findings.first(),
        "missing": _missing_for_the_lead(request, review),
        "not_closing": closing.reasons_not_to_close(review),
        **_helpers(review),
    }


def _missing_for_the_lead(request: HttpRequest, review: Review) -> list[str]:
    """What is left to agree; only the lead, who agrees the judgements, is shown it."""
    if review.status != Review.Status.VISIT or not access.can(request.user, "review.lead", review):
        return []
    return services.missing_for_agreement(review)


@login_required
def judgements(request: HttpRequest, pk: int) -> HttpResponse:
    review = access.get_review_for(request.user, pk)
    context = _overview(request, review) | {"form": None}
    return render_page(request, "reviews/judgements.html", context)


def _strand(review: Review, strand_pk: int) -> Strand:
    return access.get_part(
        Strand.objects.select_related("area"), pk=strand_pk, area__version=review.framework_version
    )


def _anchor(strand: Strand) -> str:
    """The id of the strand's section on the judgements page."""
    return f"strand-{strand.pk}"


def _strand_url(review: Review, strand: Strand) -> str:
    """Back to the strand just saved on the long judgements page, where its message is shown
    (tagged with the strand's anchor) rather than at the top, out of sight."""
    return reverse("reviews:judgements", args=[review.pk]) + f"#{_anchor(strand)}"


def _judgement_args(data: dict[str, Any]) -> tuple[int | None, str, list[int]]:
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
def propose(request: AuthenticatedHttpRequest, pk: int, strand_pk: int) -> HttpResponse:
    review = access.get_review_for(request.user, pk, "review.record_evidence")
    strand = _strand(review, strand_pk)

    def apply(data: dict[str, Any]) -> None:
        place = place_of(request.user, review)
        if place is None:
            raise PermissionDenied
        services.propose_judgement(request.user, review, place, strand, *_judgement_args(data))

    return form_page(
        request,
        JudgementForm(review, strand, posted(request)),
        apply,
        done=f"Your proposed judgement of {strand} has been saved",
        next_url=_strand_url(review, strand),
        page=lambda: {"review": review, "strand": strand, "agreeing": False, **_helpers(review)},
        template="reviews/judgement_form.html",
        tags=_anchor(strand),
    )


@login_required
def agree(request: AuthenticatedHttpRequest, pk: int, strand_pk: int) -> HttpResponse:
    review = access.get_review_for(request.user, pk, "review.lead")
    strand = _strand(review, strand_pk)
    proposals = review.proposals.filter(strand=strand).select_related("proposed_by__reviewer__user")
    peer_proposed = any(p.proposed_by.role != TeamMember.Role.LEAD for p in proposals)
    initial = _initial(review.judgements.filter(strand=strand).first())

    def apply(data: dict[str, Any]) -> None:
        reason = data.get("no_peer_reason", "")
        args = _judgement_args(data)
        services.agree_judgement(request.user, review, strand, *args, no_peer_reason=reason)

    page = {"review": review, "strand": strand, "agreeing": True, "proposals": proposals}
    return form_page(
        request,
        AgreeJudgementForm(review, strand, peer_proposed, posted(request), initial=initial),
        apply,
        done=f"The judgement of {strand} has been agreed",
        next_url=_strand_url(review, strand),
        page=lambda: page | _helpers(review),
        template="reviews/judgement_form.html",
        tags=_anchor(strand),
    )


@login_required
def findings(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    review = access.get_review_for(request.user, pk, "review.lead")
    existing = Findings.objects.filter(review=review).first()
    initial = {}
    if existing is not None:
        initial = {name: getattr(existing, name) for name in services.FINDINGS_FIELDS}
        initial = {name.removesuffix("_id"): value for name, value in initial.items()}
    return form_page(
        request,
        FindingsForm(review, posted(request), initial=initial),
        lambda data: services.agree_findings(request.user, review, **data),
        done="The findings and the improvement priority have been agreed",
        next_url=reverse("reviews:judgements", args=[review.pk]),
        page=lambda: {"review": review, **_helpers(review)},
        template="reviews/findings.html",
    )


@login_required
def agree_all(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The check page: every strand, each member's latest proposal and the agreed level; only
    its confirmation (a POST, which the service checks in full) locks the judgements."""
    review = access.get_review_for(request.user, pk, "review.lead")

    def context() -> dict[str, Any]:
        return {
            "review": review,
            "areas": agreement_check(review),
            "missing": services.missing_for_agreement(review),
            **_helpers(review),
        }

    return form_page(
        request,
        Form(posted(request)),
        lambda _: services.agree_judgements(request.user, review),
        done="The judgements have been agreed and can no longer be changed",
        next_url=reverse("reviews:judgements", args=[review.pk]),
        page=context,
        template="reviews/judgements_check.html",
    )


@require_POST
@login_required
def close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The judgements page's button; a refusal shows that page again with the reason."""
    review = access.get_review_for(request.user, pk, "review.lead")
    return form_page(
        request,
        Form(request.POST),
        lambda _: closing.close_review(request.user, review),
        done="The review has been closed",
        next_url=reverse("reviews:judgements", args=[review.pk]),
        page=lambda: _overview(request, review),
        template="reviews/judgements.html",
    )
