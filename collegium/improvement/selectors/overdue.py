"""I3: which milestones are overdue. A milestone is overdue when its plan is under way, its due
date has passed and it is not done. The reminders about them are services/reminders.py."""

from collections.abc import Iterable
from datetime import date

from django.db.models import QuerySet

from collegium.improvement.models import ActionPlan, Milestone


def overdue_milestones(
    plans: QuerySet[ActionPlan] | Iterable[ActionPlan], today: date
) -> QuerySet[Milestone]:
    """The overdue milestones of the plans, earliest due first: the one definition of overdue
    (under way, past its due date, not done), also used by the plan's progress."""
    return (
        Milestone.objects.filter(
            action__plan__in=plans, action__plan__status=ActionPlan.Status.ACTIVE, due_on__lt=today
        )
        .exclude(status=Milestone.Status.DONE)
        .select_related("action__owner", "action__plan__review__school")
        .order_by("due_on", "pk")
    )
