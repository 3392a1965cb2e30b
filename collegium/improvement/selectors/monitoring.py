"""Reads for the monitoring pages (I3): a milestone and its check-ins, a measure and its
readings, each found within its plan (404 otherwise)."""

from collegium import access
from collegium.improvement.models import (
    ActionPlan,
    CheckIn,
    MeasureReading,
    Milestone,
    SuccessMeasure,
)
from collegium.improvement.services.monitoring import READ_KINDS


def milestone_of(plan: ActionPlan, pk: int) -> Milestone:
    milestones = Milestone.objects.select_related("action__owner")
    return access.get_part(milestones, pk=pk, action__plan=plan)


def check_ins_of(milestone: Milestone) -> list[CheckIn]:
    """Newest first."""
    return list(milestone.check_ins.select_related("recorded_by"))


def measure_of(plan: ActionPlan, pk: int) -> SuccessMeasure:
    """A survey or observation measure of the plan: the kinds that take readings."""
    return access.get_part(SuccessMeasure.objects.filter(plan=plan, kind__in=READ_KINDS), pk=pk)


def readings_of(measure: SuccessMeasure) -> list[MeasureReading]:
    """Newest first."""
    return list(measure.readings.select_related("recorded_by").order_by("-taken_on"))
