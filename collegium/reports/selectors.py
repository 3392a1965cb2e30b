"""Reads for the report pages: the report strand by strand beside the school's self-evaluation,
what a reader may see of it, the school's factual accuracy comments and the published
summaries."""

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from collegium import access
from collegium.frameworks.levels import scale_labels, strand_levels
from collegium.frameworks.models import Area, Strand
from collegium.reports.models import AccuracyComment, Report
from collegium.reviews.models import Findings, Judgement, JudgementRevision, Review, TeamMember
from collegium.schools.models import School
from collegium.selfevaluation.models import SelfEvaluation
from collegium.selfevaluation.selectors import entries_by_strand, self_evaluation_for_review


@dataclass(frozen=True)
class StrandRow:
    strand: Strand
    judgement: str  # the agreed level's label, "" when not judged or not judged on a level
    rationale: str
    evidence_count: int
    self_rating: str  # the school's own rating, "" when none
    self_narrative: str


@dataclass
class AreaSection:
    area: Area
    rows: list[StrandRow] = field(default_factory=list)


@dataclass(frozen=True)
class ReportContent:
    report: Report
    team: list[TeamMember]
    areas: list[AreaSection]
    findings: Findings | None
    self_evaluation: SelfEvaluation | None
    graded: bool

    @property
    def rows(self) -> list[StrandRow]:
        return [row for area in self.areas for row in area.rows]

    @property
    def lead(self) -> TeamMember | None:
        return next((m for m in self.team if m.role == TeamMember.Role.LEAD), None)

    @cached_property
    def changes(self) -> dict[int, list["JudgementChange"]]:
        """The changes to each strand's agreed judgement since agreement, by strand id."""
        by_strand: dict[int, list[JudgementChange]] = {}
        for change in revisions_of(self.report.review):
            by_strand.setdefault(change.strand.pk, []).append(change)
        return by_strand


def report_content(report: Report) -> ReportContent:
    review = report.review
    version = review.framework_version
    labels = scale_labels(version)
    self_evaluation = self_evaluation_for_review(review)
    entries = entries_by_strand(self_evaluation) if self_evaluation else {}
    judgements = {j.strand_id: j for j in Judgement.objects.filter(review=review)}
    strands = (
        Strand.objects.filter(area__version=version)
        .select_related("area")
        .annotate(notes=Count("evidence", filter=Q(evidence__review=review), distinct=True))
        .order_by("area__position", "position")
    )
    areas: dict[int, AreaSection] = {}
    for strand in strands:
        choices = strand_levels(strand, labels)
        judgement, entry = judgements.get(strand.pk), entries.get(strand.pk)
        row = StrandRow(
            strand=strand,
            judgement=_label(choices, judgement.level if judgement else None),
            rationale=judgement.rationale if judgement else "",
            evidence_count=strand.notes,  # type: ignore[attr-defined]
            self_rating=_label(choices, entry.level if entry else None),
            self_narrative=entry.narrative if entry else "",
        )
        areas.setdefault(strand.area_id, AreaSection(strand.area)).rows.append(row)
    team = list(review.team.select_related("reviewer__user", "reviewer__home_school"))
    findings = Findings.objects.filter(review=review).select_related(
        "priority_strand", "excellence_strand"
    )
    return ReportContent(
        report, team, list(areas.values()), findings.first(), self_evaluation, bool(labels)
    )


def _label(choices: dict[int, str], level: int | None) -> str:
    return choices.get(level, "") if level is not None else ""


def may_read_text(user: Any, report: Report) -> bool:
    """The team reads the report while it is written; the school and its readers once it has
    been sent to the school."""
    if report.status != Report.Status.DRAFT:
        return True
    return access.can(user, "review.record_evidence", report.review)


@dataclass(frozen=True)
class NumberedComment:
    number: int  # the point's number in the report's comments, oldest first
    comment: AccuracyComment
    in_latest_check: bool  # raised since the report was last sent to the school


def numbered_comments(report: Report) -> list[NumberedComment]:
    comments = report.accuracy_comments.select_related("raised_by", "answered_by")
    sent = report.sent_for_check_at
    return [
        NumberedComment(number, comment, sent is not None and comment.raised_at >= sent)
        for number, comment in enumerate(comments, start=1)
    ]


def unanswered_comments(report: Report) -> list[AccuracyComment]:
    return list(report.accuracy_comments.filter(outcome=""))


def published_summaries() -> QuerySet[Report]:
    return (
        Report.objects.filter(status=Report.Status.PUBLISHED)
        .select_related("review__school", "review__framework_version__framework")
        .order_by("review__school__name", "-published_at")
    )


def published_summaries_of(school: School) -> list[Report]:
    """The school's published review summaries, the latest first (for the school's page)."""
    return list(published_summaries().filter(review__school=school).order_by("-published_at"))


def published_summary(pk: Any) -> Report | None:
    try:
        return published_summaries().filter(pk=pk).first()
    except (ValueError, TypeError):
        return None


SOURCE_WORDS: dict[str, str] = {
    JudgementRevision.Source.MODERATION: "by moderation",
    JudgementRevision.Source.COMPLAINT: "after a complaint",
}


@dataclass(frozen=True)
class JudgementChange:
    """A change to an agreed judgement after agreement, as the reports show it."""

    strand: Strand
    changed_at: datetime
    source: str
    was: str  # the level's label before, "no level" when it had none
    now: str
    reason: str  # shown in the confidential report only

    @property
    def note(self) -> str:
        words = SOURCE_WORDS.get(self.source, "")
        day = timezone.localdate(self.changed_at)
        return f"Changed on {day:%-d %B %Y} {words}: was {self.was}, now {self.now}"


def revisions_of(review: Review) -> list[JudgementChange]:
    """Every change to the review's agreed judgements (moderation, complaints), strand by strand
    and each strand's oldest first: one query, and one more for the scale's labels if any."""
    revisions = (
        JudgementRevision.objects.filter(judgement__review=review)
        .select_related("judgement__strand__area")
        .order_by(
            "judgement__strand__area__position", "judgement__strand__position", "changed_at", "pk"
        )
    )
    labels = scale_labels(review.framework_version) if revisions else {}
    return [_change(revision, labels) for revision in revisions]


def _change(revision: JudgementRevision, labels: dict[int, str]) -> JudgementChange:
    strand = revision.judgement.strand
    choices = strand_levels(strand, labels)
    return JudgementChange(
        strand=strand,
        changed_at=revision.changed_at,
        source=revision.source,
        was=_label(choices, revision.old_level) or "no level",
        now=_label(choices, revision.new_level) or "no level",
        reason=revision.reason,
    )
