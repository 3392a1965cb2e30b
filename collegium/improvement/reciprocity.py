"""I2: where support flows. Days given under accepted requests, between schools; a school's
balance is what it gave less what it received."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet, Sum

from collegium.improvement.models import SupportSession
from collegium.schools.models import School


@dataclass(frozen=True)
class Flow:
    giver: School
    receiver: School
    days: Decimal


def support_flows(sessions: "QuerySet[SupportSession] | None" = None) -> list[Flow]:
    """Days of support given, per pair of schools, largest first."""
    sessions = SupportSession.objects.all() if sessions is None else sessions
    totals = (
        sessions.values("request__offering_school", "request__need__plan__review__school")
        .annotate(days=Sum("days"))
        .order_by()
    )
    ids = {row["request__offering_school"] for row in totals} | {
        row["request__need__plan__review__school"] for row in totals
    }
    schools = School.objects.in_bulk(ids)
    flows = [
        Flow(
            schools[row["request__offering_school"]],
            schools[row["request__need__plan__review__school"]],
            row["days"],
        )
        for row in totals
    ]
    return sorted(flows, key=lambda f: (-f.days, f.giver.name, f.receiver.name))


def balances(flows: list[Flow]) -> dict[School, tuple[Decimal, Decimal]]:
    """{school: (days given, days received)}."""
    given: dict[School, Decimal] = defaultdict(Decimal)
    received: dict[School, Decimal] = defaultdict(Decimal)
    for flow in flows:
        given[flow.giver] += flow.days
        received[flow.receiver] += flow.days
    return {school: (given[school], received[school]) for school in set(given) | set(received)}
