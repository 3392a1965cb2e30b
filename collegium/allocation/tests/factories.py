"""Hand-made reviews and reviewers for rule tests: everything compatible unless a test says so."""

from __future__ import annotations

from typing import Any

from collegium.allocation import Review, Reviewer


def make_review(id: int = 1, **fields: Any) -> Review:
    values: dict[str, Any] = {
        "school_id": 100 + id,
        "school_name": f"School {100 + id}",
        "trust_id": None,
        "phase": "secondary",
        "subjects": frozenset({"maths"}),
        "week": 1,
        "peers": 2,
        "east_km": 0.0,
        "north_km": 0.0,
    }
    return Review(id=id, **(values | fields))


def make_reviewer(id: int, **fields: Any) -> Reviewer:
    values: dict[str, Any] = {
        "name": f"Reviewer {id}",
        "school_id": 1000 + id,
        "trust_id": None,
        "phases": frozenset({"secondary"}),
        "subjects": frozenset({"maths"}),
        "accredited_lead": False,
        "capacity": 3,
        "weeks": frozenset(range(1, 14)),
        "east_km": 10.0,
        "north_km": 0.0,
    }
    return Reviewer(id=id, **(values | fields))


def team_of_three(**review_fields: Any) -> tuple[Review, list[Reviewer]]:
    """A review needing a lead and two peers, with exactly one lead and two peers to hand."""
    reviewers = [
        make_reviewer(1, accredited_lead=True),
        make_reviewer(2),
        make_reviewer(3),
    ]
    return make_review(**review_fields), reviewers
