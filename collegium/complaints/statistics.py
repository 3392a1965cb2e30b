"""Public, anonymised complaint statistics per term (C1): complaints received, the stage each
reached, the outcomes of those closed and the median school working days to close.

A complaint belongs to the term (quality/terms.py) of the day it was received. So that no school
can be picked out, a count under 5 is shown as "fewer than 5"; where exactly one count of a
breakdown would be hidden, the next smallest is hidden too, or it could be worked out from the
total. A median of fewer than 5 closed complaints is not shown.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median

from collegium.complaints.models import Complaint, Outcome
from collegium.quality.terms import Term, term_of
from collegium.termdates.calendar import school_working_days_between

SMALLEST = 5
FEWER = f"fewer than {SMALLEST}"
STAGE_LABELS = {  # the furthest stage each complaint reached
    1: "Stage 1 only: resolution by the lead reviewer and the cluster coordinator",
    2: "Stage 2: review by a moderator",
    3: "Stage 3: an independent hearing",
}


@dataclass(frozen=True)
class Figure:
    label: str
    shown: str  # the count, or "fewer than 5"


@dataclass(frozen=True)
class TermFigures:
    term: Term
    received: str
    by_stage: list[Figure]
    by_outcome: list[Figure]  # of the complaints closed; "still open" last
    median_days: str


def shown(count: int) -> str:
    return FEWER if count < SMALLEST else str(count)


def breakdown(counts: list[tuple[str, int]]) -> list[Figure]:
    """The counts of a breakdown whose total is shown, with small counts hidden so that none can
    be worked out from the total and the others."""
    hidden = {label for label, count in counts if count < SMALLEST}
    if len(hidden) == 1 and len(counts) > 1:
        rest = [(count, label) for label, count in counts if label not in hidden]
        hidden.add(min(rest)[1])
    return [Figure(label, FEWER if label in hidden else str(count)) for label, count in counts]


def figures_for(term: Term, complaints: list[Complaint]) -> TermFigures:
    stages = [(STAGE_LABELS[n], sum(c.stage == n for c in complaints)) for n in STAGE_LABELS]
    closed = [c for c in complaints if not c.is_open]
    outcomes = [(o.label, sum(c.outcome == o.value for c in closed)) for o in Outcome]
    outcomes.append(("Still open", len(complaints) - len(closed)))
    days = [school_working_days_between(c.received_on, c.closed_on) for c in closed if c.closed_on]
    median_days = "we cannot tell yet" if len(days) < SMALLEST else f"{median(days):g}"
    return TermFigures(
        term, shown(len(complaints)), breakdown(stages), breakdown(outcomes), median_days
    )


def by_term(today: date) -> list[TermFigures]:
    """Each term from the first complaint's to this one, the latest first."""
    complaints = list(
        Complaint.objects.only("received_on", "stage", "status", "outcome", "closed_on")
    )
    if not complaints:
        return []
    terms: dict[Term, list[Complaint]] = {}
    for complaint in complaints:
        terms.setdefault(term_of(complaint.received_on), []).append(complaint)
    term = term_of(min(c.received_on for c in complaints))
    last = max(term_of(today), *terms)
    every = []
    while term <= last:
        every.append(term)
        term = _next(term)
    return [figures_for(t, terms.get(t, [])) for t in reversed(every)]


def _next(term: Term) -> Term:
    return term_of(term.last_day + timedelta(days=1))
