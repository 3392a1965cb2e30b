"""I2 reads for the page of support between schools: each school's requests received and sent,
its offers and the days of support it gave and received, in the same number of queries however
many schools the person leads and however many rows each list has; and the requests a person's
schools have still to answer, for the home page."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OrderBy,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber
from django.urls import reverse

from collegium import access
from collegium.improvement.selectors.next_steps import LIMIT, Step
from collegium.schools.models import School
from collegium.support.models import StandingOffer, SupportRequest, SupportSession
from collegium.support.selectors.flows import Flow, balances, support_flows
from collegium.types import Person

SHOWN = 10  # rows of each list on the page of support; the rest are on the full list

AWAITING_FIRST = Case(
    When(status=SupportRequest.Status.SENT, then=Value(0)),
    default=Value(1),
    output_field=IntegerField(),
)


@dataclass(frozen=True)
class Kind:
    """One list of a school's support: its rows, the field naming the school and their order."""

    school_field: str
    order: tuple[OrderBy, ...]

    def rows(self) -> QuerySet[Any]:
        if self.school_field == "school":
            return StandingOffer.objects.select_related("school", "strand").order_by(*self.order)
        return SupportRequest.objects.select_related(
            "need__strand", "need__plan__review__school", "offering_school"
        ).order_by(*self.order)


REQUEST_ORDER = (AWAITING_FIRST.asc(), F("sent_at").desc(), F("pk").desc())
KINDS = {
    "received": Kind("offering_school", REQUEST_ORDER),
    "sent": Kind("need__plan__review__school", REQUEST_ORDER),
    "offers": Kind("school", (F("is_open").desc(), F("created_at").desc(), F("pk").desc())),
}


def rows_of(school: School, kind: str) -> QuerySet[Any]:
    """Every row of one list of a school's support, in the order the page shows them."""
    return KINDS[kind].rows().filter(**{KINDS[kind].school_field: school})


@dataclass
class Listed:
    """The first rows of one list and how many rows it has in all."""

    rows: list[Any] = field(default_factory=list)
    count: int = 0


def _first_rows(kind: str, schools: list[School]) -> dict[int, Listed]:
    """{school id: its first SHOWN rows and count}, in two queries for every school."""
    spec = KINDS[kind]
    by_school = {f"{spec.school_field}__in": schools}
    # The rows' ids in a subquery: Django cannot filter on a window function and follow
    # relations in the same query.
    first_ids = (
        spec.rows()
        .filter(**by_school)
        .annotate(place=Window(RowNumber(), partition_by=F(spec.school_field), order_by=spec.order))
        .filter(place__lte=SHOWN)
        .values("pk")
    )
    first = spec.rows().filter(pk__in=first_ids).annotate(panel=F(spec.school_field))
    listed: dict[int, Listed] = defaultdict(Listed)
    for row in first:
        listed[row.panel].rows.append(row)
    counts = spec.rows().filter(**by_school).values(spec.school_field).annotate(n=Count("pk"))
    for count in counts.order_by():
        listed[count[spec.school_field]].count = count["n"]
    return listed


@dataclass
class Panel:
    school: School
    received: Listed
    sent: Listed
    offers: Listed
    flows: list[Flow]
    flow_count: int
    given: Decimal
    received_days: Decimal


def support_panels(schools: list[School]) -> list[Panel]:
    """Each school's panel on the page of support, in a fixed number of queries."""
    ids = [school.pk for school in schools]
    sessions = SupportSession.objects.filter(
        Q(request__offering_school__in=ids) | Q(request__need__plan__review__school__in=ids)
    )
    flows = support_flows(sessions)
    totals = balances(flows)
    lists = {kind: _first_rows(kind, schools) for kind in KINDS}
    panels = []
    for school in schools:
        own = [flow for flow in flows if school in (flow.giver, flow.receiver)]
        given, received = totals.get(school, (Decimal(0), Decimal(0)))
        panels.append(
            Panel(
                school,
                lists["received"][school.pk],
                lists["sent"][school.pk],
                lists["offers"][school.pk],
                own[:SHOWN],
                len(own),
                given,
                received,
            )
        )
    return panels


def steps_for(user: Person) -> list[Step]:
    """Requests for support sent to a school the person leads and not answered yet, oldest
    first: the home page's next steps (another school is waiting for them)."""
    leads = access.roles_of(user).leads
    if not leads:
        return []
    requests = (
        SupportRequest.objects.filter(
            offering_school_id__in=leads, status=SupportRequest.Status.SENT
        )
        .select_related("need__plan__review__school")
        .order_by("sent_at", "pk")[:LIMIT]
    )
    return [
        Step(
            f"Answer {request.review.school.name}’s request for support",
            reverse("support:request", args=[request.pk]),
        )
        for request in requests
    ]


def schools_led(user: Person) -> list[School]:
    """The schools the person leads, by name: one panel each on the page of support."""
    return list(School.objects.filter(pk__in=access.roles_of(user).leads).order_by("name", "pk"))


def given_under(support: SupportRequest) -> tuple[list[SupportSession], Decimal]:
    """The support given under a request, oldest first, and the days agreed still to give."""
    sessions = list(support.sessions.select_related("recorded_by"))
    agreed = support.days_agreed or Decimal(0)
    return sessions, agreed - sum((session.days for session in sessions), Decimal(0))


def school_with_urn(urn: int) -> School | None:
    return School.objects.filter(pk=urn).first()
