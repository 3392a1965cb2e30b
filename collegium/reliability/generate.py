"""Seeded generators of review data with known truth, for the tests and the benchmark.

Each rating is a latent score cut into levels 1…4 (higher is better):

    latent = school quality + strand effect + school × strand noise − reviewer severity + noise

School quality follows value added, minus ``fsm_bias`` per FSM quintile above the middle
one: a bias the audit should find when it is not zero. Calibration packs are extra
"schools" whose evidence every grader sees, graded on every strand.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray

CUTPOINTS = np.array([-1.0, 0.0, 1.0])  # latent thresholds between levels 1|2, 2|3, 3|4


@dataclass(frozen=True)
class QualityData:
    """Generated ratings, judgements and school context, with the truth behind them."""

    # One row per rating: review, school, reviewer, strand, area, term, cluster, unit, value,
    # source ("live" or "calibration").
    ratings: pd.DataFrame
    # One row per (school, area): the agreed judgement, for the bias audit.
    judgements: pd.DataFrame
    # One row per school: value_added, fsm_quintile, sen, idaci, income_per_pupil.
    schools: pd.DataFrame
    severity: NDArray[np.float64]  # true severity of reviewer i (positive = harsher)
    school_effect: NDArray[np.float64]  # true quality of school i, calibration packs last
    strand_effect: NDArray[np.float64]


def generate_quality_data(
    n_reviewers: int = 200,
    n_reviews: int = 300,
    n_strands: int = 20,
    n_areas: int = 4,
    n_packs: int = 0,
    pack_graders: int = 0,
    fsm_bias: float = 0.0,
    severity_sd: float = 0.3,
    n_terms: int = 3,
    seed: int = 0,
) -> QualityData:
    """Ratings of ``n_reviews`` reviews (one per school, teams of 3–5) and of calibration packs."""
    rng = np.random.default_rng(seed)
    schools = _school_context(n_reviews, rng)
    quality = 0.5 * schools["value_added"].to_numpy() - fsm_bias * (
        schools["fsm_quintile"].to_numpy() - 3
    )
    school_effect = np.concatenate(
        [quality + rng.normal(0, 0.3, n_reviews), rng.normal(0, 0.6, n_packs)]
    )
    severity = rng.normal(0, severity_sd, n_reviewers)
    strand_effect = rng.normal(0, 0.3, n_strands)
    live = _live_slots(n_reviews, n_reviewers, rng)
    graders = rng.choice(n_reviewers, size=min(pack_graders, n_reviewers), replace=False)
    packs = np.array([(n_reviews + p, g) for p in range(n_packs) for g in graders], dtype=np.intp)
    slots = np.vstack([live, packs.reshape(-1, 2)])
    ratings = _rate(slots, n_strands, school_effect, strand_effect, severity, rng)
    live_school = ratings["school"] < n_reviews
    ratings["area"] = ratings["strand"] * n_areas // n_strands
    ratings["source"] = np.where(live_school, "live", "calibration")
    ratings["term"] = rng.integers(0, n_terms, n_reviews + n_packs)[ratings["school"]]
    ratings["cluster"] = np.where(live_school, ratings["school"] // 8, -1)
    ratings["review"] = ratings["school"]
    return QualityData(
        ratings=ratings,
        judgements=_agreed_judgements(ratings[live_school]),
        schools=schools,
        severity=severity,
        school_effect=school_effect,
        strand_effect=strand_effect,
    )


def _school_context(n: int, rng: np.random.Generator) -> pd.DataFrame:
    value_added = rng.normal(0, 1, n)
    # Intake is mildly related to value added, as in published data.
    deprivation = -0.2 * value_added + rng.normal(0, 1, n)
    fsm_quintile = pd.qcut(deprivation, 5, labels=False) + 1
    return pd.DataFrame(
        {
            "school": np.arange(n),
            "value_added": value_added,
            "fsm_quintile": fsm_quintile.astype(int),
            "sen": np.clip(14 + 2 * deprivation + rng.normal(0, 3, n), 0, 100),
            "idaci": np.clip(0.2 + 0.08 * deprivation + rng.normal(0, 0.05, n), 0, 1),
            "income_per_pupil": 6000 + 500 * deprivation + rng.normal(0, 400, n),
        }
    )


def _live_slots(n_reviews: int, n_reviewers: int, rng: np.random.Generator) -> NDArray[np.intp]:
    """(school, reviewer) pairs: each review gets a team of 3–5 different reviewers."""
    sizes = rng.integers(3, 6, n_reviews)
    pairs = [
        (review, reviewer)
        for review, size in enumerate(sizes)
        for reviewer in rng.choice(n_reviewers, size=size, replace=False)
    ]
    return np.array(pairs, dtype=np.intp)


def _rate(
    slots: NDArray[np.intp],
    n_strands: int,
    school_effect: NDArray[np.float64],
    strand_effect: NDArray[np.float64],
    severity: NDArray[np.float64],
    rng: np.random.Generator,
) -> pd.DataFrame:
    school = np.repeat(slots[:, 0], n_strands)
    reviewer = np.repeat(slots[:, 1], n_strands)
    strand = np.tile(np.arange(n_strands), len(slots))
    school_strand = rng.normal(0, 0.3, (len(school_effect), n_strands))
    latent = (
        school_effect[school]
        + strand_effect[strand]
        + school_strand[school, strand]
        - severity[reviewer]
        + rng.normal(0, 0.5, len(school))
    )
    return pd.DataFrame(
        {
            "school": school,
            "reviewer": reviewer,
            "strand": strand,
            "unit": school * n_strands + strand,
            "value": np.searchsorted(CUTPOINTS, latent) + 1,
        }
    )


def _agreed_judgements(live: pd.DataFrame) -> pd.DataFrame:
    """The team's judgement per school and area: its mean rating, rounded to a level."""
    mean = live.groupby(["school", "area"], as_index=False)["value"].mean()
    mean["judgement"] = np.clip(np.round(mean.pop("value")), 1, 4).astype(int)
    return mean
