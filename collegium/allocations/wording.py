"""The run page in a coordinator's words (issue 15 part 5).

The page leads with one sentence worked out from the certificate ("Every place is filled with
the best available team; no other allocation scores more than 0.2% better"), lists the empty
places before the teams, each with what blocks it and what would fill it (the optimiser never
suggests the review's own week, and holiday weeks are in no reviewer's weeks, so none is
suggested), and keeps the solver's figures for a "How this was worked out" section, each with
one plain sentence."""

import math
from dataclasses import dataclass
from typing import Any

from collegium.reviews.models import Review

OPTIMAL = 1e-9  # a gap this small is rounding: the certificate proves nothing scores better
SKIPPED = 0  # `slots` of a review the run could not take at all (its reason says why)


def count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def empty_count(unfilled: list[dict[str, Any]]) -> int:
    """The places a run leaves empty, on the reviews it took."""
    return sum(int(gap["slots"]) for gap in unfilled)


def gap_percent(gap: float) -> str | None:
    """The gap as a percentage rounded up (0.163% → 0.2%, 51.2% → 52%), None when it is 0."""
    if gap <= OPTIMAL:
        return None
    percent = gap * 100
    step = 0.1 if percent < 10 else 1.0
    rounded = math.ceil(percent / step - 1e-9) * step
    return f"{rounded:.1f}%" if step < 1 else f"{rounded:.0f}%"


def how_good(cert: dict[str, Any]) -> str:
    percent = gap_percent(float(cert["gap"]))
    if percent is None:
        return "no other allocation scores better"
    return f"no other allocation scores more than {percent} better"


@dataclass
class EmptyPlace:
    review: Review
    role: str
    slots: int
    reason: str

    @property
    def heading(self) -> str:
        if self.slots == SKIPPED:
            return f"The review of {self.review.school.name} could not be allocated"
        return self.what.replace(" on the review", " empty on the review", 1)

    @property
    def what(self) -> str:
        """The place in words: 2 peer reviewer places on the review of Ash Primary School."""
        role = "lead reviewer" if self.role == "lead" else "peer reviewer"
        return f"{count(self.slots, f'{role} place')} on the review of {self.review.school.name}"


def empty_places(run: Any) -> list[EmptyPlace]:
    """The run's empty places, reviews it could not take first, then in date order."""
    ids = {gap["review_id"] for gap in run.unfilled}
    return places_of(run.unfilled, Review.objects.filter(pk__in=ids).select_related("school"))


def places_of(unfilled: list[dict[str, Any]], reviews: Any) -> list[EmptyPlace]:
    """`unfilled` as empty places; `reviews` holds their reviews (a queryset or id → review)."""
    found = reviews if isinstance(reviews, dict) else reviews.in_bulk()
    places = [
        EmptyPlace(found[gap["review_id"]], gap["role"], int(gap["slots"]), str(gap["reason"]))
        for gap in unfilled
        if gap["review_id"] in found
    ]
    return sorted(
        places,
        key=lambda p: (p.slots != SKIPPED, p.review.start_date, p.review.school.name, p.role),
    )


def lead_sentence(run: Any) -> str:
    """What the proposal comes to, in one or two sentences a coordinator can act on."""
    cert = run.certificate
    skipped = [gap for gap in run.unfilled if not gap["slots"]]
    empty = empty_count(run.unfilled)
    parts = []
    if cert and not empty:
        parts.append(f"Every place is filled with the best available team; {how_good(cert)}.")
    elif cert:
        where = "; ".join(place.what for place in empty_places(run) if place.slots)
        are = "is" if empty == 1 else "are"
        parts.append(f"{count(empty, 'place')} {are} empty: {where}.")
        parts.append(f"Every other place has the best available reviewer; {how_good(cert)}.")
    if skipped:
        parts.append(
            f"{count(len(skipped), 'review')} could not be allocated: the reason is under "
            "empty places."
        )
    return " ".join(parts)


def figures(cert: dict[str, Any] | None) -> list[tuple[str, str]]:
    """The optimiser's figures, each with one plain sentence on what it means."""
    if not cert:
        return []
    broken = {rule: n for rule, n in cert["hard_violations"].items() if n}
    rules = (
        f"All {len(cert['hard_violations'])} hard rules (conflicts of interest, days approved, "
        "free weeks, one review a week, an accredited lead, one member per trust, the school's "
        "phase) were checked again on every team, and none is broken."
        if not broken
        else "Broken: " + "; ".join(f"{rule} ({n})" for rule, n in broken.items()) + "."
    )
    return [
        (
            f"Score: {cert['score']:.2f}",
            "Each reviewer earns points for knowing the school's phase and focus subjects, for "
            "being near it and new to it; a reviewer's second and later reviews and each empty "
            "place take points off.",
        ),
        (
            f"Best possible score: {cert['lp_bound']:.2f} at most",
            "Worked out by loosening the team rules, so no allocation that keeps every rule can "
            "score more.",
        ),
        (
            f"Gap: {cert['gap'] * 100:.2f}%",
            "How far below the best possible score this allocation could be.",
        ),
        ("Hard rules", rules),
        (
            f"Worst-off review: {cert['worst_review_score']:.2f}",
            f"The lowest team score of any review; the best team that review could have on its "
            f"own scores {cert['worst_review_bound']:.2f}.",
        ),
        (
            f"Load spread: {cert['load_spread']:.2f}",
            "How unevenly reviews are shared out: 0 means every reviewer has the same number; "
            "1 means most are within one review of the average.",
        ),
        (
            f"Work done: {cert['seconds']:.1f} seconds",
            f"{cert['candidate_pairs']} pairs of a reviewer and a review met the rules on "
            "conflicts, distance and free weeks, and the best teams were chosen from them.",
        ),
    ]


def network_sentence(run: Any, parts: list[Any]) -> str:
    """The network-wide run's answer in a sentence: where places are empty, cluster by cluster."""
    if not run.certificate:
        return "No review needed a team when the optimiser ran." if parts else ""
    empty = sum(part.empty for part in parts)
    if not empty:
        return (
            f"Every place in {count(len(parts), 'cluster')} is filled with the best available "
            f"team; {how_good(run.certificate)}."
        )
    clusters = sum(1 for part in parts if part.empty)
    are = "is" if empty == 1 else "are"
    return (
        f"{count(empty, 'place')} {are} empty in {count(clusters, 'cluster')} of "
        f"{len(parts)}: they are listed by cluster below. Every other place has the best "
        f"available reviewer; {how_good(run.certificate)}."
    )
