"""R1: the review types as a table, and the working days a review covers."""

import hashlib
import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from collegium.reviews.models import Review
from collegium.workingdays import add_working_days

Kind = Review.Kind


@dataclass(frozen=True)
class ReviewType:
    """What one kind of review needs (R1)."""

    kind: str
    default_days: int
    min_days: int
    max_days: int
    min_peers: int
    max_peers: int
    lead_must_be_accredited: bool  # else the lead is the visiting head, a registered reviewer

    @property
    def label(self) -> str:
        return Kind(self.kind).label

    @property
    def team_text(self) -> str:
        if self.max_peers == 0:
            return "a lead reviewer (the visiting head) and no peer reviewers"
        return f"a lead reviewer and {self.min_peers} to {self.max_peers} peer reviewers"

    @property
    def days_text(self) -> str:
        if self.min_days == self.max_days:
            return f"{self.min_days} day" + ("s" if self.min_days > 1 else "")
        return f"{self.min_days} to {self.max_days} days"


REVIEW_TYPES: dict[str, ReviewType] = {
    Kind.QUALITY_ASSURANCE: ReviewType(Kind.QUALITY_ASSURANCE, 3, 1, 5, 2, 4, True),
    Kind.CLUSTER: ReviewType(Kind.CLUSTER, 2, 1, 2, 1, 4, True),
    Kind.HEAD_TO_HEAD: ReviewType(Kind.HEAD_TO_HEAD, 1, 1, 1, 0, 0, False),
}


def review_type(review: Review) -> ReviewType:
    return REVIEW_TYPES[review.kind]


def review_dates(start_date: date, days: int) -> list[date]:
    """The review's working days, day 1 first."""
    return [add_working_days(start_date, n) for n in range(days)]


def review_weeks(start_date: date, days: int) -> list[date]:
    """The Monday of each week the review's days fall in."""
    mondays = {day - timedelta(days=day.weekday()) for day in review_dates(start_date, days)}
    return sorted(mondays)


def edit_version(values: dict[str, Any]) -> str:
    """A short fingerprint of what someone saw when they opened a form; if it differs when they
    save, someone else changed the record meanwhile and their change must not be overwritten."""
    text = json.dumps(values, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]
