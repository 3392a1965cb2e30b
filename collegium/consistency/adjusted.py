"""Severity-adjusted judgements of one review, to show beside the agreed (official) ones.

A strand's adjusted value is its agreed value (larger = better) plus the mean severity of the
reviewers who proposed a level for it: a team of harsh reviewers moves the judgement up.
The agreed judgement stays the official one.
"""

import math
from dataclasses import dataclass

from collegium.consistency import data
from collegium.consistency.statistics import Severity
from collegium.reviews.models import Judgement, Review


@dataclass(frozen=True)
class AdjustedRow:
    strand: str
    agreed: str
    value: int
    adjusted: float
    nearest: str
    reviewers: list[tuple[str, float]]  # (name, severity) of those who proposed a level


def _nearest(value: float, scale: dict[int, str]) -> str:
    """The label of the scale level closest to a value (larger = better)."""
    n = len(scale)
    level = n + 1 - min(max(math.floor(value + 0.5), 1), n)  # halves round up
    return scale[level]


def reviews_of(severity: Severity, raters: list[int], most: int) -> dict[int, list[Review]]:
    """Up to ``most`` of the reviews each reviewer's severity was estimated from, latest first,
    read in one query."""
    wanted = {r: severity.reviews.get(r, [])[-most:] for r in raters}
    pks = {pk for each in wanted.values() for pk in each}
    found = Review.objects.filter(pk__in=pks).select_related("school").in_bulk()
    return {
        rater: sorted(
            (found[pk] for pk in each if pk in found), key=lambda r: r.start_date, reverse=True
        )
        for rater, each in wanted.items()
    }


def adjusted_judgements(review: Review, severity: Severity) -> list[AdjustedRow]:
    """One row per graded agreed judgement; empty when the review or the model has none."""
    if severity.table is None or review.status not in data.COUNTED:
        return []
    scale = data.scales().get(review.framework_version_id, {})
    ratings = data.live_ratings(review.pk)
    shift = severity.table.set_index("reviewer")["severity"]
    rows = []
    judgements = Judgement.objects.filter(review=review, strand__met_or_not_met=False)
    for judgement in judgements.select_related("strand"):
        if judgement.level is None or judgement.level not in scale:
            continue
        value = len(scale) + 1 - judgement.level
        team = ratings[ratings["strand"] == judgement.strand.code]
        shifts = [(str(r.reviewer), float(shift.get(r.rater, 0.0))) for r in team.itertuples()]
        adjusted = value + (sum(s for _, s in shifts) / len(shifts) if shifts else 0.0)
        rows.append(
            AdjustedRow(
                strand=str(judgement.strand),
                agreed=scale[judgement.level],
                value=value,
                adjusted=adjusted,
                nearest=_nearest(adjusted, scale),
                reviewers=shifts,
            )
        )
    return rows
