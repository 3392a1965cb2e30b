"""What the API answers and accepts: one schema per kind of record, and the functions that
shape a record (already fetched through collegium.access) into it."""

from datetime import date, datetime

from ninja import Schema

from collegium.clusters.models import Cluster
from collegium.clusters.selectors import current_memberships, current_place_of
from collegium.frameworks.models import FrameworkVersion
from collegium.improvement.models import ActionPlan, Milestone
from collegium.reports.models import Report
from collegium.reports.selectors import published_summaries_of
from collegium.reviews.models import EvidenceNote, Judgement, Review
from collegium.schools.models import School
from collegium.schools.selectors import school_page
from collegium.selfevaluation.models import SelfEvaluation, StrandEvaluation
from collegium.support.models import SupportRequest


class Problem(Schema):
    """RFC 9457 problem details."""

    type: str
    title: str
    status: int
    detail: str
    instance: str


class SchoolOut(Schema):
    urn: int
    name: str
    local_authority: str | None
    town: str
    postcode: str
    phase: str
    school_type: str
    trust_name: str
    is_open: bool
    age_low: int | None
    age_high: int | None

    @staticmethod
    def resolve_local_authority(school: School) -> str | None:
        return school.local_authority.name if school.local_authority else None


class ContextOut(Schema):
    census_year: int | None
    pupils: int | None
    percent_fsm_ever: float | None
    percent_eal: float | None
    percent_sen_support: float | None
    percent_ehc_plan: float | None
    percent_absence: float | None
    cluster: int | None
    published_summaries: list[int]


class SchoolDetailOut(Schema):
    school: SchoolOut
    context: ContextOut


def school_detail_out(school: School) -> SchoolDetailOut:
    page = school_page(school)
    census, absence = page.census, page.absence
    place = current_place_of(school)
    context = ContextOut(
        census_year=census.year if census else None,
        pupils=census.pupils if census else None,
        percent_fsm_ever=census.pct_fsm_ever if census else None,
        percent_eal=census.pct_eal if census else None,
        percent_sen_support=census.pct_sen_support if census else None,
        percent_ehc_plan=census.pct_ehc_plan if census else None,
        percent_absence=absence.pct_overall if absence else None,
        cluster=place.cluster_id if place else None,
        published_summaries=[report.pk for report in published_summaries_of(school)],
    )
    return SchoolDetailOut.model_validate({"school": school, "context": context})  # from the model


class SchoolBrief(Schema):
    urn: int
    name: str


class ClusterOut(Schema):
    id: int
    name: str
    locality: str
    schools: list[SchoolBrief]


def cluster_out(cluster: Cluster) -> ClusterOut:
    members = current_memberships(cluster).select_related("school")
    return ClusterOut(
        id=cluster.pk,
        name=cluster.name,
        locality=cluster.locality,
        schools=[SchoolBrief(urn=m.school.urn, name=m.school.name) for m in members],
    )


class StrandOut(Schema):
    id: int
    code: str
    title: str


class AreaOut(Schema):
    code: str
    title: str
    strands: list[StrandOut]


class LevelOut(Schema):
    position: int
    label: str


class FrameworkVersionOut(Schema):
    framework: str  # the framework's slug
    name: str
    number: int
    status: str
    published_at: datetime | None
    levels: list[LevelOut]
    areas: list[AreaOut]


def version_out(version: FrameworkVersion) -> FrameworkVersionOut:
    areas = version.areas.prefetch_related("strands").order_by("position")
    return FrameworkVersionOut(
        framework=version.framework.slug,
        name=version.framework.name,
        number=version.number,
        status=version.status,
        published_at=version.published_at,
        levels=[LevelOut(position=s.position, label=s.label) for s in version.scale_levels.all()],
        areas=[
            AreaOut(
                code=area.code,
                title=area.title,
                strands=[
                    StrandOut(id=s.pk, code=s.code, title=s.title) for s in area.strands.all()
                ],
            )
            for area in areas
        ],
    )


class SummaryOut(Schema):
    id: int  # the review's id
    school: SchoolBrief
    framework: str
    published_at: datetime | None
    summary: str


def summary_out(report: Report) -> SummaryOut:
    review = report.review
    return SummaryOut(
        id=report.pk,
        school=SchoolBrief(urn=review.school.urn, name=review.school.name),
        framework=str(review.framework_version),
        published_at=report.published_at,
        summary=report.summary,
    )


class ReviewOut(Schema):
    id: int
    school: SchoolBrief
    cluster: int | None
    kind: str
    status: str
    start_date: date
    days: int
    framework: str


def review_out(review: Review) -> ReviewOut:
    return ReviewOut(
        id=review.pk,
        school=SchoolBrief(urn=review.school.urn, name=review.school.name),
        cluster=review.cluster_id,
        kind=review.kind,
        status=review.status,
        start_date=review.start_date,
        days=review.days,
        framework=str(review.framework_version),
    )


class JudgementOut(Schema):
    strand: StrandOut
    level: int | None
    level_label: str | None
    rationale: str
    agreed_at: datetime


def judgement_out(judgement: Judgement, labels: dict[int, str]) -> JudgementOut:
    strand = judgement.strand
    level = judgement.level
    return JudgementOut(
        strand=StrandOut(id=strand.pk, code=strand.code, title=strand.title),
        level=level,
        level_label=labels.get(level) if level is not None else None,
        rationale=judgement.rationale,
        agreed_at=judgement.agreed_at,
    )


class EvidenceOut(Schema):
    id: int
    text: str
    revision: int
    strands: list[int]
    activity: int | None
    author: str
    created_at: datetime
    updated_at: datetime


def evidence_out(note: EvidenceNote) -> EvidenceOut:
    return EvidenceOut(
        id=note.pk,
        text=note.text,
        revision=note.revision,
        strands=sorted(s.pk for s in note.strands.all()),
        activity=note.activity_id,
        author=note.author.reviewer.user.full_name,
        created_at=note.created_at,
        updated_at=note.updated_at,
    )


class EvidenceIn(Schema):
    text: str
    strands: list[int]
    activity: int | None = None
    client_key: str = ""  # the same key sent twice makes one note (a retried request)


class EvidenceChangeIn(Schema):
    text: str
    strands: list[int]
    base_revision: int  # the revision the change was made from: an older one is a conflict


class MilestoneOut(Schema):
    description: str
    due_on: date
    status: str
    done_on: date | None


class ActionOut(Schema):
    id: int
    description: str
    milestones: list[MilestoneOut]


class PlanOut(Schema):
    id: int
    review: int
    school: SchoolBrief
    status: str
    priority: str
    priority_strand: str
    agreed_at: datetime | None
    milestones_done: int
    milestones_total: int


class PlanDetailOut(PlanOut):
    actions: list[ActionOut]


def plan_out(plan: ActionPlan) -> PlanOut:
    school = plan.review.school
    milestones = Milestone.objects.filter(action__plan=plan)
    done = getattr(plan, "milestones_done", None)  # counted by the list's query
    if done is None:
        done = milestones.filter(status=Milestone.Status.DONE).count()
    total = getattr(plan, "milestones_total", None)
    return PlanOut(
        id=plan.pk,
        review=plan.review_id,
        school=SchoolBrief(urn=school.urn, name=school.name),
        status=plan.status,
        priority=plan.priority,
        priority_strand=plan.priority_strand.code,
        agreed_at=plan.agreed_at,
        milestones_done=done,
        milestones_total=milestones.count() if total is None else total,
    )


def plan_detail_out(plan: ActionPlan) -> PlanDetailOut:
    actions = plan.actions.prefetch_related("milestones").order_by("position", "pk")
    return PlanDetailOut(
        **plan_out(plan).model_dump(),
        actions=[
            ActionOut(
                id=action.pk,
                description=action.description,
                milestones=[
                    MilestoneOut(
                        description=m.description,
                        due_on=m.due_on,
                        status=m.status,
                        done_on=m.done_on,
                    )
                    for m in action.milestones.all()
                ],
            )
            for action in actions
        ],
    )


class SupportRequestOut(Schema):
    id: int
    plan: int
    requesting_school: SchoolBrief
    offering_school: SchoolBrief
    status: str
    message: str
    days_agreed: float | None
    sent_at: datetime
    responded_at: datetime | None


def support_out(request: SupportRequest) -> SupportRequestOut:
    asking = request.need.plan.review.school
    offering = request.offering_school
    return SupportRequestOut(
        id=request.pk,
        plan=request.need.plan_id,
        requesting_school=SchoolBrief(urn=asking.urn, name=asking.name),
        offering_school=SchoolBrief(urn=offering.urn, name=offering.name),
        status=request.status,
        message=request.message,
        days_agreed=float(request.days_agreed) if request.days_agreed is not None else None,
        sent_at=request.sent_at,
        responded_at=request.responded_at,
    )


class StrandAnswerOut(Schema):
    strand: StrandOut
    level: int | None
    narrative: str
    evidence: str
    revision: int


class SelfEvaluationOut(Schema):
    school: int
    academic_year: int
    status: str
    framework: str
    strands: list[StrandAnswerOut]


def answer_out(entry: StrandEvaluation) -> StrandAnswerOut:
    strand = entry.strand
    return StrandAnswerOut(
        strand=StrandOut(id=strand.pk, code=strand.code, title=strand.title),
        level=entry.level,
        narrative=entry.narrative,
        evidence=entry.evidence,
        revision=entry.revision,
    )


def self_evaluation_out(self_evaluation: SelfEvaluation) -> SelfEvaluationOut:
    entries = self_evaluation.strands.select_related("strand__area")
    return SelfEvaluationOut(
        school=self_evaluation.school_id,
        academic_year=self_evaluation.academic_year,
        status=self_evaluation.status,
        framework=str(self_evaluation.framework_version),
        strands=[
            answer_out(e) for e in entries.order_by("strand__area__position", "strand__position")
        ],
    )


class AnswerIn(Schema):
    level: int | None = None
    narrative: str = ""
    evidence: str = ""
    revision: int  # the revision the answer was made from: an older one is a conflict
