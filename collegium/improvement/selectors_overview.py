"""Reads for the cluster and network views of improvement: every action plan of a cluster with
its progress and overdue milestones, which strands are most often priorities across the network,
and where support flows between schools."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet

from collegium import access
from collegium.clusters.models import Cluster
from collegium.improvement.models import ActionPlan, Milestone, Workshop
from collegium.improvement.overdue import overdue_milestones
from collegium.improvement.reciprocity import Flow, balances, support_flows
from collegium.people.models import Role
from collegium.reviews.models import Findings, Review
from collegium.schools.models import School

DONE = Milestone.Status.DONE
AGREED_STATUSES = (Review.Status.AGREED, Review.Status.CLOSED)


@dataclass(frozen=True)
class PlanRow:
    plan: ActionPlan
    milestones_done: int
    milestones_total: int
    overdue: int


@dataclass(frozen=True)
class OverdueRow:
    milestone: Milestone
    days_overdue: int  # calendar days since it was due: at least 1, even at a weekend

    @property
    def plan(self) -> ActionPlan:
        return self.milestone.action.plan

    @property
    def school(self) -> School:
        return self.plan.review.school


@dataclass(frozen=True)
class WaitingReview:
    """A review whose judgements are agreed and which has no action plan yet."""

    review: Review
    workshop: Workshop | None


@dataclass(frozen=True)
class ClusterImprovement:
    cluster: Cluster
    plans: list[PlanRow]
    waiting: list[WaitingReview]
    overdue: list[OverdueRow]


@dataclass(frozen=True)
class ClusterSummary:
    cluster: Cluster
    plans: int
    under_way: int
    overdue: int


def _overdue_rows(plans: QuerySet[ActionPlan], today: date) -> list[OverdueRow]:
    milestones = overdue_milestones(plans, today)  # earliest due first, owner and school read
    return [OverdueRow(m, (today - m.due_on).days) for m in milestones]


def with_milestone_counts(plans: QuerySet[ActionPlan]) -> QuerySet[ActionPlan]:
    """The plans, each with `milestones_done` and `milestones_total`, by school then newest
    review first, their school and priority strand read."""
    return (
        plans.select_related("review__school", "priority_strand")
        .annotate(
            milestones_done=Count(
                "actions__milestones", filter=Q(actions__milestones__status=DONE), distinct=True
            ),
            milestones_total=Count("actions__milestones", distinct=True),
        )
        .order_by("review__school__name", "-review__start_date")
    )


def plans_for(user: Any) -> QuerySet[ActionPlan]:
    """The plans the person may see, with their milestones done and in all."""
    roles = access.roles_of(user)
    found = ActionPlan.objects.all()
    if not roles.network & {Role.MODERATOR, Role.NETWORK_ADMIN}:
        mine = Q(review__school_id__in=roles.leads | roles.governs)
        mine |= Q(review__cluster_id__in=roles.coordinates)
        if roles.reviewer_id:
            mine |= Q(review__team__reviewer_id=roles.reviewer_id)
        found = found.filter(mine)
    return with_milestone_counts(found)


def _plan_rows(plans: QuerySet[ActionPlan], overdue: list[OverdueRow]) -> list[PlanRow]:
    per_plan: dict[int, int] = defaultdict(int)
    for row in overdue:
        per_plan[row.milestone.action.plan_id] += 1
    counted = with_milestone_counts(plans)
    return [
        PlanRow(p, p.milestones_done, p.milestones_total, per_plan[p.pk])  # type: ignore[attr-defined]
        for p in counted
    ]


def _waiting(cluster: Cluster) -> list[WaitingReview]:
    reviews = (
        Review.objects.filter(
            cluster=cluster,
            status__in=AGREED_STATUSES,
            findings__isnull=False,
            action_plan__isnull=True,
        )
        .select_related("school", "findings__priority_strand")
        .order_by("school__name", "-start_date")
    )
    workshops = {w.review_id: w for w in Workshop.objects.filter(review__in=reviews)}
    return [WaitingReview(review, workshops.get(review.pk)) for review in reviews]


def cluster_improvement(cluster: Cluster, today: date) -> ClusterImprovement:
    plans = ActionPlan.objects.filter(review__cluster=cluster)
    overdue = _overdue_rows(plans, today)
    return ClusterImprovement(cluster, _plan_rows(plans, overdue), _waiting(cluster), overdue)


def clusters_for(user: Any, today: date) -> list[ClusterSummary]:
    """The clusters whose improvement the person may follow, with a count of plans each."""
    clusters = access.visible(user, "improvement.cluster", Cluster.objects.order_by("name"))
    plans = ActionPlan.objects.filter(review__cluster__in=clusters)
    counts = {
        row["review__cluster"]: row
        for row in plans.values("review__cluster")
        .annotate(
            plans=Count("pk"), under_way=Count("pk", filter=Q(status=ActionPlan.Status.ACTIVE))
        )
        .order_by()
    }
    overdue: dict[int, int] = defaultdict(int)
    for row in _overdue_rows(plans, today):
        overdue[row.plan.review.cluster_id or 0] += 1
    empty = {"plans": 0, "under_way": 0}
    return [
        ClusterSummary(
            c,
            counts.get(c.pk, empty)["plans"],
            counts.get(c.pk, empty)["under_way"],
            overdue[c.pk],
        )
        for c in clusters
    ]


@dataclass
class PriorityRow:
    """One strand (by framework and code, across the framework's versions)."""

    framework: str
    code: str
    title: str
    priorities: int = 0  # agreed improvement priorities on the strand
    plans: int = 0  # action plans for it
    _version: int = field(default=0, repr=False)

    @property
    def label(self) -> str:
        return f"{self.code} {self.title}"


def _strand_values(queryset: QuerySet[Any], prefix: str) -> QuerySet[Any]:
    return queryset.values(
        f"{prefix}__code",
        f"{prefix}__title",
        f"{prefix}__area__version__number",
        f"{prefix}__area__version__framework__name",
    )


def _count_into(rows: dict[tuple[str, str], PriorityRow], values: Any, prefix: str, key: str):
    for value in values:
        framework = value[f"{prefix}__area__version__framework__name"]
        code, version = value[f"{prefix}__code"], value[f"{prefix}__area__version__number"]
        row = rows.setdefault((framework, code), PriorityRow(framework, code, ""))
        if version >= row._version:  # the strand's title in the newest version seen
            row.title, row._version = value[f"{prefix}__title"], version
        setattr(row, key, getattr(row, key) + 1)


def priority_strands() -> list[PriorityRow]:
    """Strands by how often they are agreed improvement priorities, most often first."""
    rows: dict[tuple[str, str], PriorityRow] = {}
    findings = Findings.objects.filter(review__status__in=AGREED_STATUSES)
    _count_into(rows, _strand_values(findings, "priority_strand"), "priority_strand", "priorities")
    plans = _strand_values(ActionPlan.objects.all(), "priority_strand")
    _count_into(rows, plans, "priority_strand", "plans")
    return sorted(rows.values(), key=lambda r: (-r.priorities, -r.plans, r.framework, r.code))


@dataclass(frozen=True)
class Balance:
    school: School
    given: Decimal
    received: Decimal

    @property
    def balance(self) -> Decimal:
        return self.given - self.received


@dataclass(frozen=True)
class SupportPicture:
    flows: list[Flow]
    balances: list[Balance]

    @property
    def total_days(self) -> Decimal:
        return sum((flow.days for flow in self.flows), Decimal(0))


def support_picture() -> SupportPicture:
    """Days of support between schools, pair by pair, and each school's days given and received."""
    flows = support_flows()
    totals = [Balance(school, *days) for school, days in balances(flows).items()]
    totals.sort(key=lambda b: (-(b.given + b.received), b.school.name))
    return SupportPicture(flows, totals)
