"""Public complaint statistics per term: counts under 5 never shown, nor worked out from the
others; a median only from 5 closed complaints."""

from datetime import date

import pytest

from collegium.complaints.models import Complaint, Outcome
from collegium.complaints.statistics import FEWER, breakdown, by_term, figures_for
from collegium.quality.terms import Term
from collegium.termdates.calendar import add_school_working_days

SPRING = Term(2026, "spring")
pytestmark = pytest.mark.django_db  # the school calendar reads the term dates


def made(stage: int, outcome: str = "", received: date = date(2027, 1, 11), days: int = 0):
    closed = add_school_working_days(received, days) if outcome else None
    return Complaint(
        received_on=received,
        stage=stage,
        status=Complaint.Status.CLOSED if outcome else Complaint.Status.OPEN,
        outcome=outcome,
        closed_on=closed,
    )


def test_a_count_under_5_reads_fewer_than_5():
    figures = figures_for(SPRING, [made(1)] * 4)
    assert figures.received == FEWER == "fewer than 5"
    assert figures.median_days == "we cannot tell yet"


def test_one_small_count_hides_the_next_smallest_too():
    """With 12 received, 7 and 3 would give away the stage 3 count of 2."""
    shown = [figure.shown for figure in breakdown([("1", 7), ("2", 3), ("3", 2)])]
    assert shown == ["7", FEWER, FEWER]
    shown = [figure.shown for figure in breakdown([("1", 7), ("2", 6), ("3", 2)])]
    assert shown == ["7", FEWER, FEWER]
    shown = [figure.shown for figure in breakdown([("1", 7), ("2", 6), ("3", 5)])]
    assert shown == ["7", "6", "5"]


def test_stages_outcomes_and_the_median_of_5_closed():
    complaints = (
        [made(1, Outcome.NOT_UPHELD, days=d) for d in (2, 3, 4, 5, 6)]
        + [made(2, Outcome.UPHELD_IN_PART, days=12)] * 5
        + [made(3)] * 5
    )
    figures = figures_for(SPRING, complaints)
    assert figures.received == "15"
    assert [f.shown for f in figures.by_stage] == ["5", "5", "5"]
    assert [(f.label, f.shown) for f in figures.by_outcome] == [
        ("Not upheld", FEWER),  # hidden too, or "upheld" would be 15 - 5 - 5 - 5
        ("Upheld in part", "5"),
        ("Upheld", FEWER),
        ("Still open", "5"),
    ]
    assert figures.median_days == "9"  # of 2, 3, 4, 5, 6, 12, 12, 12, 12, 12


def test_the_median_needs_5_closed():
    figures = figures_for(SPRING, [made(1, Outcome.UPHELD, days=3)] * 4 + [made(2)] * 6)
    assert figures.median_days == "we cannot tell yet"


def test_terms_run_from_the_first_complaint_to_today(complaint):
    terms = by_term(date(2027, 9, 6))
    assert [t.term.label for t in terms] == [
        "Autumn term 2027/28",
        "Summer term 2026/27",
        "Spring term 2026/27",
    ]
    assert terms[-1].received == FEWER and terms[0].received == FEWER


def test_no_complaints_no_terms():
    assert by_term(date(2027, 1, 11)) == []
