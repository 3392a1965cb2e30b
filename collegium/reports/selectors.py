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
from collegium.calendars.services import ONE_DAY, Entry
from collegium.frameworks.levels import scale_labels, strand_levels
from collegium.frameworks.models import Area, Strand
from collegium.links import site_link
from collegium.people.dates import academic_year_label, current_academic_year
from collegium.quality.models import Moderation, SampledReview
from collegium.reports.models import AccuracyComment, Report
from collegium.reviews.models import Findings, Judgement, JudgementRevision, Review, TeamMember
from collegium.reviews.selectors import self_evaluation_for_review
from collegium.schools.models import Census, Phase, School
from collegium.selfevaluation.models import SelfEvaluation
from collegium.selfevaluation.selectors import entries_by_strand
from collegium.types import Person


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
            evidence_count=strand.notes,
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


def may_read_text(user: Person, report: Report) -> bool:
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


@dataclass(frozen=True)
class ContextFigure:
    """One figure of the school's context from the register, with the academic year it is for."""

    label: str
    value: str
    year: str  # "2024/25"


@dataclass(frozen=True)
class SummaryCard:
    """The public summary at a glance, short enough to read on a phone: the school's context
    (N1), the agreed findings (R6), the moderation state (Q1) and any change since (C1)."""

    phase: str  # "Primary, ages 4 to 11"; "" when the register gives none
    figures: list[ContextFigure]
    figures_out_of_date: bool  # the census is more than two years older than the review
    findings: Findings | None
    moderation: str
    changes: list[JudgementChange]

    @property
    def corrections(self) -> str:
        """ "2 judgements changed since the review team agreed them (by moderation, after a
        complaint)", "" when none changed."""
        if not self.changes:
            return ""
        one = len(self.changes) == 1
        used = {change.source for change in self.changes}
        sources = [words for source, words in SOURCE_WORDS.items() if source in used]
        what = "1 judgement" if one else f"{len(self.changes)} judgements"
        how = f" ({', '.join(sources)})" if sources else ""
        return f"{what} changed since the review team agreed {'it' if one else 'them'}{how}"


def summary_card(report: Report) -> SummaryCard:
    """What the published summary shows beside its text, in at most five queries."""
    review = report.review
    findings = Findings.objects.filter(review=review).select_related(
        "priority_strand", "excellence_strand"
    )
    figures, out_of_date = _context_figures(review)
    return SummaryCard(
        phase=_phase(review.school),
        figures=figures,
        figures_out_of_date=out_of_date,
        findings=findings.first(),
        moderation=moderation_state(review),
        changes=revisions_of(review),
    )


def _phase(school: School) -> str:
    if school.phase == Phase.NOT_APPLICABLE:
        return ""
    ages = ""
    if school.age_low is not None and school.age_high is not None:
        ages = f", ages {school.age_low} to {school.age_high}"
    return f"{school.get_phase_display()}{ages}"


def _context_figures(review: Review) -> tuple[list[ContextFigure], bool]:
    """Size and intake from the school's census for the year of the review (or the latest before
    it): only the figures the register holds; and whether that census is more than two years
    older than the review (newer figures were not imported)."""
    review_year = current_academic_year(review.start_date) + 1  # census years are the year's end
    census = (
        Census.objects.filter(school_id=review.school_id, year__lte=review_year)
        .order_by("-year")
        .first()
    )
    if census is None:
        return [], False
    year = academic_year_label(census.year - 1)
    shown = [
        ("Pupils on roll", None if census.pupils is None else f"{census.pupils:,}"),
        ("Free school meals (FSM)", _pct(census.pct_fsm_ever, "eligible in the last 6 years")),
        ("English as an additional language (EAL)", _pct(census.pct_eal, "of pupils")),
        ("Special educational needs (SEN)", _pct(census.pct_sen, "of pupils")),
    ]
    figures = [ContextFigure(label, value, year) for label, value in shown if value is not None]
    return figures, census.year < review_year - 2


def _pct(value: float | None, words: str) -> str | None:
    return None if value is None else f"{value:.1f}% {words}"


def moderation_state(review: Review) -> str:
    """Whether a moderator checked the review's judgements, as the public reads it."""
    moderation = Moderation.objects.filter(review_id=review.pk).first()
    if moderation is not None and moderation.is_completed and moderation.completed_at:
        return f"Moderated on {timezone.localdate(moderation.completed_at):%-d %B %Y}"
    if moderation is not None:
        return "Sampled for moderation: a moderator is checking the judgements"
    if SampledReview.objects.filter(review_id=review.pk).exists():
        return "Sampled for moderation: not moderated yet"
    return "Not sampled for moderation"


def calendar_entries(user: Person) -> list[Entry]:
    """Factual accuracy checks due (collegium/calendars): for the leaders of the school, who
    check the report, and the review's lead reviewer, who answers the school's points."""
    roles = access.roles_of(user)
    scope = Q(review__school_id__in=roles.leads)
    if roles.reviewer_id is not None:
        scope |= Q(review__team__reviewer_id=roles.reviewer_id, review__team__role="lead")
    reports = (
        Report.objects.filter(scope, status=Report.Status.ACCURACY_CHECK)
        .exclude(accuracy_check_due=None)
        .select_related("review__school", "review__cluster")
        .distinct()
        .order_by("accuracy_check_due", "pk")
    )
    return [
        Entry(
            key=f"accuracy-check-due-{report.pk}",
            title=f"Factual accuracy check due: {report.review.school.name}",
            start=report.accuracy_check_due,
            end=report.accuracy_check_due + ONE_DAY,
            description="The last day for the school to send its factual accuracy comments on "
            "the review's report.",
            url=site_link("reports:report", report.pk),
        )
        for report in reports
        if report.accuracy_check_due is not None and access.can(user, "report.view", report)
    ]
