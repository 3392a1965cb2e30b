"""What the home page asks of people in the improvement cycle (collegium/todo.py): the next
steps of next_steps.py, and for governors the action plans of their schools that are behind."""

from datetime import date
from typing import Any

from django.db.models import Count
from django.urls import reverse

from collegium import access
from collegium.improvement.models import ActionPlan
from collegium.improvement.selectors.next_steps import next_steps
from collegium.improvement.selectors.overdue import overdue_milestones
from collegium.todo import ToDo


def to_dos(user: Any, today: date) -> list[ToDo]:
    # next_steps reads each kind of step as collegium/access.py scopes the page it links to.
    steps = [
        ToDo(step.text, step.href, "improvement.view", due=step.due)
        for step in next_steps(user, today)
    ]
    return steps + _plans_behind(access.roles_of(user).governs, today)


def _plans_behind(governs: frozenset[int], today: date) -> list[ToDo]:
    """Plans of the schools the person governs with milestones overdue: the board's question
    for the head."""
    plans = ActionPlan.objects.filter(review__school_id__in=governs)
    counts = (
        overdue_milestones(plans, today)
        .values("action__plan", "action__plan__review__school__name")
        .annotate(overdue=Count("pk"))
        .order_by("action__plan__review__school__name")
    )
    found = []
    for row in counts:
        plan = ActionPlan.objects.select_related("review__school").get(pk=row["action__plan"])
        count = row["overdue"]
        milestones = "milestone is" if count == 1 else "milestones are"
        text = f"Ask about {plan.review.school.name}'s action plan: {count} {milestones} overdue"
        href = reverse("improvement:plan", args=[plan.pk])
        found.append(ToDo(text, href, "improvement.view", plan))
    return found
