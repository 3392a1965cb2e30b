"""Reads for the cluster and network views of improvement: every action plan of a cluster with
its progress and overdue milestones, and which strands are most often priorities across the
network (where support flows between schools is collegium/support/selectors/flows.py)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet

from collegium import access
from collegium.clusters.models import Cluster
from collegium.improvement.models import ActionPlan, Milestone, Workshop
from collegium.improvement.selectors.overdue import overdue_milestones
from collegium.people.models import Role
from collegium.reviews.models import Findings, Review
from collegium.schools.models import School
from collegium.types import Person

DONE = Milestone.Status.DONE
AGREED_STATUSES = (Review.Status.AGREED, Review.Status.CLOSED)
PLAN_STATUS_WORDS: dict[str, str] = {  # a plan's status in the cluster page's summary
    ActionPlan.Status.ACTIVE: "under way",
    ActionPlan.Status.DRAFT: "in draft",
    ActionPlan.Status.COMPLETED: "completed",
}


@dataclass(frozen=True)
class PlanRow:
    plan: ActionPlan
    milestones_done: int
    milestones_total: int
    overdue: int
    workshop: Workshop | None = None


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
class WorkshopToDo:
    """A review whose workshop is still to be scheduled, or to be recorded once held."""

    review: Review
    workshop: Workshop | None
    today: date

    @property
    def held(self) -> bool:
        """Whether its day has come, so that it can be recorded."""
        return self.workshop is not None and self.workshop.held_on <= self.today


@dataclass(frozen=True)
class ClusterImprovement:
    cluster: Cluster
    plans: list[PlanRow]
    waiting: list[WaitingReview]
    overdue: list[OverdueRow]
    workshops: list[WorkshopToDo] = field(default_factory=list)

    @property
    def summary(self) -> list[str]:
        """The page in three sentences: plans by status, reviews waiting, milestones overdue."""
        return [self._plans_sentence(), self._waiting_sentence(), self._overdue_sentence()]

    def _plans_sentence(self) -> str:
        statuses = [row.plan.status for row in self.plans]
        if not statuses:
            return "No action plans yet."
        if len(statuses) == 1:
            return f"1 action plan, {PLAN_STATUS_WORDS[statuses[0]]}."
        parts = [
            f"{statuses.count(status) or 'none'} {words}"
            for status, words in PLAN_STATUS_WORDS.items()
        ]
        return f"{len(statuses)} action plans: {', '.join(parts)}."

    def _waiting_sentence(self) -> str:
        waiting = len(self.waiting)
        if waiting == 0:
            if not self.plans:
                return "No review in the cluster has agreed judgements yet."
            return "Every review with agreed judgements has a plan."
        if waiting == 1:
            return "1 review with agreed judgements has no plan yet."
        return f"{waiting} reviews with agreed judgements have no plan yet."

    def _overdue_sentence(self) -> str:
        overdue = len(self.overdue)
        if overdue == 0:
            return "No milestone is overdue."
        if overdue == 1:
            return "1 milestone is overdue."
        return f"{overdue} milestones are overdue."


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


def plans_for(user: Person) -> QuerySet[ActionPlan]:
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
    counted = list(with_milestone_counts(plans))
    workshops = _workshops_of([p.review_id for p in counted])
    return [
        PlanRow(
            p,
            p.milestones_done,  # type: ignore[attr-defined]
            p.milestones_total,  # type: ignore[attr-defined]
            per_plan[p.pk],
            workshops.get(p.review_id),
        )
        for p in counted
    ]


def _workshops_of(review_ids: list[int]) -> dict[int, Workshop]:
    return {w.review_id: w for w in Workshop.objects.filter(review_id__in=review_ids)}


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
    workshops = _workshops_of([review.pk for review in reviews])
    return [WaitingReview(review, workshops.get(review.pk)) for review in reviews]


def workshops_to_do(cluster: Cluster, today: date) -> list[WorkshopToDo]:
    """The cluster's reviews with agreed judgements whose workshop is not scheduled yet, or
    scheduled and not recorded yet, while the school has no plan or only a draft: those not
    scheduled first, by school, then the others by the workshop's date."""
    reviews = (
        Review.objects.filter(cluster=cluster, status__in=AGREED_STATUSES, findings__isnull=False)
        .filter(Q(action_plan__isnull=True) | Q(action_plan__status=ActionPlan.Status.DRAFT))
        .select_related("school")
        .order_by("school__name", "-start_date")
    )
    workshops = _workshops_of([review.pk for review in reviews])
    rows = [
        WorkshopToDo(review, workshops.get(review.pk), today)
        for review in reviews
        if review.pk not in workshops or not workshops[review.pk].is_recorded
    ]
    return sorted(rows, key=lambda row: row.workshop.held_on if row.workshop else date.min)


def cluster_improvement(cluster: Cluster, today: date) -> ClusterImprovement:
    plans = ActionPlan.objects.filter(review__cluster=cluster)
    overdue = _overdue_rows(plans, today)
    return ClusterImprovement(
        cluster,
        _plan_rows(plans, overdue),
        _waiting(cluster),
        overdue,
        workshops_to_do(cluster, today),
    )


def followed_clusters(user: Person) -> list[Cluster]:
    """The clusters whose improvement the person may follow, by name."""
    return access.visible(user, "improvement.cluster", Cluster.objects.order_by("name", "pk"))


def clusters_for(
    user: Person, today: date, shown: list[Cluster] | None = None
) -> list[ClusterSummary]:
    """The clusters whose improvement the person may follow (or those `shown` of them, a page of
    the list), with a count of plans each."""
    clusters = followed_clusters(user) if shown is None else shown
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


def _count_into(
    rows: dict[tuple[str, str], PriorityRow], values: Any, prefix: str, key: str
) -> None:
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
