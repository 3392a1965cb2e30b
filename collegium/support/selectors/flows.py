"""I2: where support flows. Days given under accepted requests, between schools; a school's
balance is what it gave less what it received; the network's picture adds the days agreed and
not yet given."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet, Sum

from collegium.schools.models import School
from collegium.support.models import SupportRequest, SupportSession


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
    agreed_not_given: Decimal = Decimal(0)  # days agreed under accepted requests, not yet given

    @property
    def total_days(self) -> Decimal:
        return sum((flow.days for flow in self.flows), Decimal(0))


def support_picture() -> SupportPicture:
    """Days of support between schools, pair by pair, and each school's days given and received."""
    flows = support_flows()
    totals = [Balance(school, *days) for school, days in balances(flows).items()]
    totals.sort(key=lambda b: (-(b.given + b.received), b.school.name))
    return SupportPicture(flows, totals, days_agreed_not_given())


def days_agreed_not_given() -> Decimal:
    """Days of support agreed under accepted requests and not yet recorded as given: for each
    request, the days agreed less the days given, never less than nothing."""
    requests = (
        SupportRequest.objects.filter(
            status=SupportRequest.Status.ACCEPTED, days_agreed__isnull=False
        )
        .annotate(given=Sum("sessions__days"))
        .values_list("days_agreed", "given")
    )
    still: list[Decimal] = [
        max(agreed - (given or Decimal(0)), Decimal(0)) for agreed, given in requests if agreed
    ]
    return sum(still, Decimal(0))
