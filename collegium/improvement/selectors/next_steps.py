"""What a signed-in person should do next in the improvement cycle, for the home page.

School leaders are pointed at the reviews of their schools waiting for an action plan, the
requests for support their schools have not answered (read by collegium/support and passed in),
their own overdue milestones and their schools' draft plans; coordinators at the workshops of
their clusters still to schedule or to record and at the milestones overdue in their clusters.
Each kind of step is read with one query, scoped as collegium/access.py scopes the page the step
links to."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.urls import reverse

from collegium import access
from collegium.improvement.models import ActionPlan
from collegium.improvement.selectors.overdue import overdue_milestones
from collegium.improvement.selectors.overview import AGREED_STATUSES, WorkshopToDo
from collegium.reviews.models import Review
from collegium.types import Person

LIMIT = 6  # steps shown at most: the home page points the way, the pages hold the lists


@dataclass(frozen=True)
class Step:
    text: str
    href: str
    due: date | None = None  # when the step falls due, if it has a date


def next_steps(user: Person, today: date, awaited: Sequence[Step] = ()) -> list[Step]:
    """The person's next steps, most urgent first: late work before new work, and what another
    school is waiting for (`awaited`: the requests for support to answer) before what only their
    own school is."""
    roles = access.roles_of(user)
    leads, clusters = roles.leads, roles.coordinates  # either may be empty: no query then
    to_schedule, to_record = _workshops(clusters, today)
    in_order = [
        _overdue_check_ins(user, leads, today),
        list(awaited),
        to_record,
        _plans_to_start(leads),
        to_schedule,
        _plans_to_finish(leads),
        _overdue_in_clusters(clusters, today),
    ]
    steps = [step for kind in in_order for step in kind]
    return steps[:LIMIT]


def _day(day: date) -> str:
    return f"{day:%-d %B %Y}"


def _overdue_check_ins(user: Person, leads: frozenset[int], today: date) -> list[Step]:
    """Overdue milestones of actions the person owns, in plans of schools they lead (where
    they may check in)."""
    plans = ActionPlan.objects.filter(review__school_id__in=leads)
    milestones = overdue_milestones(plans, today).filter(action__owner_id=user.pk)[:LIMIT]
    return [
        Step(
            f"Check in on ‘{m.description}’, due {_day(m.due_on)}",
            reverse("improvement:check_in", args=[m.action.plan_id, m.pk]),
            m.due_on,
        )
        for m in milestones
    ]


def _agreed_reviews(**scope: Any) -> QuerySet[Review]:
    """Reviews with agreed judgements and an agreed priority, oldest first."""
    return (
        Review.objects.filter(status__in=AGREED_STATUSES, findings__isnull=False, **scope)
        .select_related("school")
        .order_by("start_date", "school__name", "pk")
    )


def _plans_to_start(leads: frozenset[int]) -> list[Step]:
    reviews = _agreed_reviews(school_id__in=leads, action_plan__isnull=True)[:LIMIT]
    return [
        Step(
            f"Start the action plan for {review.school.name} (review of {_day(review.start_date)})",
            reverse("improvement:review", args=[review.pk]),
        )
        for review in reviews
    ]


def _plans_to_finish(leads: frozenset[int]) -> list[Step]:
    plans = (
        ActionPlan.objects.filter(review__school_id__in=leads, status=ActionPlan.Status.DRAFT)
        .select_related("review__school")
        .order_by("review__start_date", "pk")[:LIMIT]
    )
    return [
        Step(
            f"Finish and agree the action plan for {plan.review.school.name}",
            reverse("improvement:build", args=[plan.pk]),
        )
        for plan in plans
    ]


def _workshops(coordinates: frozenset[int], today: date) -> tuple[list[Step], list[Step]]:
    """Workshops still to schedule, and workshops held and still to record, for reviews of the
    clusters with agreed judgements while the school has no plan or only a draft (as the
    cluster page's workshops_to_do has them)."""
    reviews = (
        _agreed_reviews(cluster_id__in=coordinates)
        .filter(Q(action_plan__isnull=True) | Q(action_plan__status=ActionPlan.Status.DRAFT))
        .select_related("workshop")
    )
    rows = [WorkshopToDo(review, getattr(review, "workshop", None), today) for review in reviews]
    to_schedule = [
        Step(
            f"Schedule the improvement workshop for {row.review.school.name}",
            reverse("improvement:schedule-workshop", args=[row.review.pk]),
        )
        for row in rows
        if row.workshop is None
    ]
    to_record = [
        Step(
            f"Record the improvement workshop for {row.review.school.name}",
            reverse("improvement:record-workshop", args=[row.review.pk]),
            row.workshop.held_on,
        )
        for row in rows
        if row.held and row.workshop is not None and not row.workshop.is_recorded
    ]
    return to_schedule[:LIMIT], to_record[:LIMIT]


def _overdue_in_clusters(coordinates: frozenset[int], today: date) -> list[Step]:
    plans = ActionPlan.objects.filter(review__cluster_id__in=coordinates)
    cluster = "action__plan__review__cluster"
    counts = (
        overdue_milestones(plans, today)
        .values(cluster, f"{cluster}__name")
        .annotate(overdue=Count("pk"))
        .order_by(f"{cluster}__name")
    )
    return [
        Step(
            f"{_milestones(row['overdue'])} overdue in {row[f'{cluster}__name']}",
            reverse("improvement:cluster", args=[row[cluster]]),
        )
        for row in counts
        if row["overdue"]
    ]


def _milestones(count: int) -> str:
    return f"{count} milestone{'' if count == 1 else 's'}"
