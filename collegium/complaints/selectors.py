"""Reads for the complaint pages: one complaint with what stands behind its contested judgements,
the complaints on a review's page, the steps on a person's home page and the network admin's list
of open complaints."""

from dataclasses import dataclass
from datetime import date

from django.db.models import F, Q, QuerySet
from django.urls import reverse

from collegium import access
from collegium.audit.models import AuditEvent
from collegium.audit.selectors import Change, visible_page
from collegium.audit.services import history_of
from collegium.complaints.deadlines import day
from collegium.complaints.models import Complaint, Stage
from collegium.complaints.services import AGREED, raise_refusal
from collegium.frameworks.models import Strand
from collegium.quality.models import StrandModeration
from collegium.quality.selectors import moderation_of, strand_rows
from collegium.reviews.models import (
    EvidenceNote,
    Judgement,
    JudgementProposal,
    JudgementRevision,
    Review,
)
from collegium.types import Person

STAGE_ROLES = {2: "a moderator", 3: "an adjudicator"}


def with_review(complaints: QuerySet[Complaint]) -> QuerySet[Complaint]:
    return complaints.select_related(
        "report__review__school", "report__review__cluster", "report__review__framework_version"
    )


@dataclass(frozen=True)
class ContestedStrand:
    """A contested strand with the evidence behind its agreed judgement."""

    strand: Strand
    judgement: Judgement | None  # None while the team has not agreed it
    choices: dict[int, str]
    proposals: list[JudgementProposal]
    moderated: StrandModeration | None
    revisions: list[JudgementRevision]

    @property
    def notes(self) -> list[EvidenceNote]:
        return list(self.judgement.evidence.all()) if self.judgement else []

    def label(self, level: int | None) -> str:
        return self.choices.get(level, "Not rated") if level is not None else "Not rated"


@dataclass(frozen=True)
class ComplaintPage:
    complaint: Complaint
    stages: list[Stage]
    current: Stage
    strands: list[Strand]
    evidence: list[ContestedStrand] | None  # None: not shown to this person, or not agreed yet
    may_decide: bool
    may_respond: bool
    may_assign: bool
    history: list[tuple[AuditEvent, list[Change]]]
    late: bool


def stages_of(complaint: Complaint) -> list[Stage]:
    stages = complaint.stages.select_related("handler", "decided_by", "chosen_by")
    return list(stages.prefetch_related("revisions__judgement__strand"))


def complaint_page(complaint: Complaint, user: Person, today: date) -> ComplaintPage:
    stages = stages_of(complaint)
    current = stages[-1]
    is_open = complaint.is_open and not current.is_decided
    answerable = complaint.is_open and current.is_decided and not current.is_last
    return ComplaintPage(
        complaint=complaint,
        stages=stages,
        current=current,
        strands=list(
            complaint.strands.select_related("area").order_by("area__position", "position")
        ),
        evidence=contested_evidence(complaint, user),
        may_decide=is_open and access.can(user, "complaint.decide", complaint),
        may_respond=answerable and access.can(user, "complaint.respond", complaint),
        may_assign=is_open
        and current.number > 1
        and access.can(user, "complaint.assign", complaint),
        history=visible_page(user, list(history_of(complaint))),
        late=current.is_late(today),
    )


def contested_evidence(complaint: Complaint, user: Person) -> list[ContestedStrand] | None:
    """The evidence notes, proposals and moderation behind each contested judgement, for the
    school and the stage's handlers once the judgements are agreed (during the visit the team's
    notes are the team's, and the contested strands have no agreed judgement yet)."""
    review = complaint.review
    if review.status not in AGREED or not access.can(user, "complaint.read_evidence", complaint):
        return None
    contested = {strand.pk for strand in complaint.strands.all()}
    if not contested:
        return []
    rows = {
        row.strand.pk: row
        for row in strand_rows(review, moderation_of(review), user)
        if row.strand.pk in contested
    }
    proposals = (
        JudgementProposal.objects.filter(review=review, strand_id__in=contested)
        .select_related("proposed_by__reviewer__user")
        .prefetch_related("evidence__author__reviewer__user")
        .order_by("strand_id", "created_at")
    )
    revisions = JudgementRevision.objects.filter(
        judgement__review=review, judgement__strand_id__in=contested
    ).select_related("changed_by", "judgement")
    strands = Strand.objects.filter(pk__in=contested).select_related("area")
    return [
        ContestedStrand(
            strand=strand,
            judgement=rows[strand.pk].judgement if strand.pk in rows else None,
            choices=rows[strand.pk].choices if strand.pk in rows else {},
            proposals=[p for p in proposals if p.strand_id == strand.pk],
            moderated=rows[strand.pk].moderated if strand.pk in rows else None,
            revisions=[r for r in revisions if r.judgement.strand_id == strand.pk],
        )
        for strand in strands.order_by("area__position", "position")
    ]


def levels_to_decide(complaint: Complaint) -> list[tuple[Judgement, dict[int, str]]]:
    """The contested judgements a stage's outcome may change, with the levels each may take:
    only agreed ones, and only once the review's judgements are agreed."""
    review = complaint.review
    if review.status not in AGREED:
        return []
    contested = set(complaint.strands.values_list("pk", flat=True))
    rows = strand_rows(review, None, None)
    return [(row.judgement, row.choices) for row in rows if row.strand.pk in contested]


@dataclass(frozen=True)
class ReviewComplaints:
    may_raise: bool
    complaints: list[Complaint]


def review_complaints(user: Person, review: Review, today: date) -> ReviewComplaints:
    """For the review's page: whether the person may make a complaint now, and the complaints
    about the review they may see."""
    if not access.roles_of(user).signed_in:
        return ReviewComplaints(False, [])
    found = with_review(Complaint.objects.filter(report_id=review.pk))
    return ReviewComplaints(
        may_raise=raise_refusal(user, review, today) is None,
        complaints=access.visible(user, "complaint.view", found),
    )


@dataclass(frozen=True)
class Step:
    text: str
    href: str


def steps_for(user: Person, today: date) -> list[Step]:
    """The complaints the person must act on, for the home page, the earliest due first: stages
    they handle, outcomes their school must answer, stages a network admin must assign."""
    return [step for _, step in sorted(dated_steps(user, today), key=lambda pair: pair[0])]


def dated_steps(user: Person, today: date) -> list[tuple[date, Step]]:
    """The same steps, each with the date it is due (for the home page's to-dos)."""
    roles = access.roles_of(user)
    if not roles.signed_in:
        return []
    return _to_decide(user, roles, today) + _to_answer(roles) + _to_assign(roles)


def _open_stages() -> QuerySet[Stage]:
    return Stage.objects.filter(
        complaint__status=Complaint.Status.OPEN, number=F("complaint__stage")
    ).select_related("complaint__report__review__school")


def _school(stage: Stage) -> str:
    return stage.complaint.review.school.name


def _link(stage: Stage, name: str = "complaints:complaint") -> str:
    return reverse(name, args=[stage.complaint_id])


def _to_decide(user: Person, roles: access.Roles, today: date) -> list[tuple[date, Step]]:
    leads = Q(
        complaint__report__review__team__reviewer_id=roles.reviewer_id or 0,
        complaint__report__review__team__role="lead",
    )
    coordinates = Q(complaint__report__review__cluster_id__in=roles.coordinates)
    first = Q(number=Stage.Number.RESOLUTION) & (leads | coordinates)
    stages = _open_stages().filter(decided_on__isnull=True).filter(first | Q(handler=user))
    steps = []
    for stage in stages.distinct():
        late = stage.is_late(today)
        when = f"overdue since {day(stage.due_on)}" if late else f"due {day(stage.due_on)}"
        text = (
            f"Decide stage {stage.number} of the complaint about {_school(stage)}'s review ({when})"
        )
        steps.append((stage.due_on, Step(text, _link(stage, "complaints:decide"))))
    return steps


def _to_answer(roles: access.Roles) -> list[tuple[date, Step]]:
    stages = _open_stages().filter(
        decided_on__isnull=False,
        number__lt=Stage.Number.HEARING,
        complaint__report__review__school_id__in=roles.leads,
    )
    return [
        (
            stage.answer_due_on or stage.due_on,
            Step(
                f"Take the complaint about {_school(stage)}'s review to stage {stage.number + 1} "
                f"or accept the outcome of stage {stage.number}, by "
                f"{day(stage.answer_due_on or stage.due_on)}",
                _link(stage, "complaints:respond"),
            ),
        )
        for stage in stages
    ]


def _to_assign(roles: access.Roles) -> list[tuple[date, Step]]:
    if access.NETWORK_ADMIN not in roles.columns():
        return []
    stages = _open_stages().filter(number__gt=1, handler__isnull=True, decided_on__isnull=True)
    return [
        (
            stage.due_on,
            Step(
                f"Assign {STAGE_ROLES[stage.number]} to stage {stage.number} of the complaint "
                f"about {_school(stage)}'s review (due {day(stage.due_on)})",
                _link(stage, "complaints:assign"),
            ),
        )
        for stage in stages
    ]


@dataclass(frozen=True)
class OpenRow:
    complaint: Complaint
    stage: Stage
    late: bool


def open_complaints(today: date) -> list[OpenRow]:
    """Every open complaint at its current stage, the missed deadlines first, then by due date."""
    stages = _open_stages().select_related("handler")
    rows = [OpenRow(stage.complaint, stage, stage.is_late(today)) for stage in stages]
    return sorted(rows, key=lambda row: (not row.late, row.stage.due_on, row.complaint.pk))
