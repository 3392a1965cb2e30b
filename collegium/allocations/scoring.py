"""Reviewers' preferences as the optimiser's pair scores (issue 21; ADR 0006, "Preferences").

`allocate(…, pair_scores=…)` replaces the built-in score of every pair it names, so each
candidate pair's score here is its built-in score (`collegium.allocation.Weights`, computed by
the optimiser's own candidate code) plus the preference points below, never below 0. No Django:
problem.py reads the preferences from the database and passes them in as `Wishes`.
"""

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from collegium.allocation import Review, Reviewer, Rules
from collegium.allocation.candidates import SCALE, build_problem

# The points a preference adds to (or takes from) a pair's score. The built-in score of a
# pair is at most 9 points (phase 3, subjects 2, travel 2, new to the school 1, reciprocity 1).
POINTS: dict[str, float] = {
    # The school's phase is one the reviewer would like to review (on top of the built-in
    # 3 points for knowing the phase).
    "preferred_phase": 1.0,
    # Times the share of the review's focus strands the reviewer knows: as much as the
    # built-in share of focus subjects, since strands are what the team judges.
    "expertise": 2.0,
    # The review's week is one the reviewer would like.
    "preferred_week": 1.0,
    # The review's week is one the reviewer asked to avoid. More than a pair can otherwise
    # score (9 built-in + 4 above), so they go that week only if nobody else can.
    "avoided_week": -15.0,
    # The review's school is farther than the reviewer will travel. Soft, not a hard rule: the
    # reviewer is asked to confirm every place and may decline, and a hard limit would leave
    # places empty that a willing reviewer could take. As strong as an avoided week.
    "beyond_travel": -15.0,
}
# A penalised pair's score stops at 0 (collegium/allocation/validate.py refuses negative pair
# scores): still far below any willing pair, still better than an empty place (which costs
# the optimiser's `unfilled` weight). Not a constant added to every pair: that would inflate
# the certificate's totals and make its gap look smaller than it is.
LOWEST = 0.0

# Words too common in strand titles and focus texts to show that a focus is about a strand.
COMMON_WORDS = {"and", "the", "of", "for", "with", "pupils", "school", "schools", "quality"}


@dataclass(frozen=True)
class Wishes:
    """One reviewer's preferences, with weeks numbered as the run numbers them."""

    phases: frozenset[str] = frozenset()
    strands: frozenset[str] = frozenset()  # strand titles they know
    preferred_weeks: frozenset[int] = frozenset()
    avoided_weeks: frozenset[int] = frozenset()
    max_km: float | None = None


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 2} - COMMON_WORDS


def focus_strands(focus: str, titles: Iterable[str]) -> frozenset[str]:
    """The strand titles a review's focus names: a title counts when one of its words (less
    the common ones) is in the focus, so "behaviour in key stage 3" names "Behaviour and
    attitudes"."""
    said = _words(focus)
    return frozenset(title for title in titles if _words(title) & said)


def preference_points(
    review: Review, wishes: Wishes, km: float, focus: frozenset[str]
) -> dict[str, float]:
    """Each preference that applies to this pair, with its points (POINTS)."""
    found: dict[str, float] = {}
    if review.phase in wishes.phases:
        found["preferred_phase"] = POINTS["preferred_phase"]
    if focus and wishes.strands & focus:
        found["expertise"] = POINTS["expertise"] * len(wishes.strands & focus) / len(focus)
    if review.week in wishes.avoided_weeks:
        found["avoided_week"] = POINTS["avoided_week"]
    elif review.week in wishes.preferred_weeks:
        found["preferred_week"] = POINTS["preferred_week"]
    if wishes.max_km is not None and km > wishes.max_km:
        found["beyond_travel"] = POINTS["beyond_travel"]
    return found


def reasons(found: Mapping[str, float], wishes: Wishes, km: float) -> list[str]:
    """The preferences behind a place, in words for the coordinator."""
    words = {
        "preferred_phase": "would like this phase",
        "expertise": "knows strands in the school's focus",
        "preferred_week": "would like this week",
        "avoided_week": "asked to avoid this week",
    }
    limit = f"{wishes.max_km:.0f}" if wishes.max_km is not None else ""
    words["beyond_travel"] = f"{km:.0f} km away, farther than the {limit} km they travel"
    return [words[name] for name in found]


@dataclass
class Scored:
    scores: dict[tuple[int, int], float]
    notes: dict[tuple[int, int], list[str]]


def pair_scores(
    reviews: Sequence[Review],
    reviewers: Sequence[Reviewer],
    wishes: Mapping[int, Wishes],
    focus: Mapping[int, frozenset[str]],
    rules: Rules | None = None,
) -> Scored:
    """Every candidate pair's score: built-in + preferences (at least LOWEST), and the
    preferences in words for the pairs they change."""
    problem = build_problem(reviews, reviewers, rules=rules)
    scored = Scored({}, {})
    for r, v, base, km in zip(
        problem.pair_r.tolist(),
        problem.pair_v.tolist(),
        problem.pair_score.tolist(),
        problem.pair_km.tolist(),
        strict=True,
    ):
        review, reviewer = reviews[r], reviewers[v]
        mine = wishes.get(reviewer.id, Wishes())
        found = preference_points(review, mine, km, focus.get(review.id, frozenset()))
        key = (review.id, reviewer.id)
        scored.scores[key] = max(LOWEST, round(base / SCALE + sum(found.values()), 3))
        if found:
            scored.notes[key] = reasons(found, mine, km)
    return scored
