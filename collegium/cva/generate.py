"""Seeded pupil and school files with known school effects, for the tests and the benchmark.

Pupils follow the pupil-level model with coefficients ``PUPIL_COEFFICIENTS`` on an Attainment
8-like scale (points; pupils spread by ``pupil_sd`` within a school) and school effects
u_j ~ N(0, ``school_sd``²). Intake differs between schools (each has its own share of FSM and
EAL pupils and its own level of prior attainment), so raw results mix intake with the school's
effect and only the adjustment can tell them apart. School sizes vary (gamma, mean
``pupils / schools``) and rows come in random order.
"""

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

# Outcome = these × the pupil_design columns (prior attainment in z units here) + u_j + e_ij.
PUPIL_COEFFICIENTS = {
    "intercept": 46.0,
    "prior_attainment": 12.0,
    "prior_attainment_squared": -1.0,
    "fsm": -4.0,
    "eal": 2.5,
    "sen_support": -3.0,
    "sen_ehcp": -8.0,
    "male": -2.0,
    "month_in_year": -0.2,
    "idaci": -5.0,
}
PRIOR_SCALE = 6.0  # prior attainment is 104 + 6 z, a key stage 2 scaled score


@dataclass(frozen=True)
class PupilFile:
    """One row per pupil (the arrays) and the truth behind them."""

    outcome: NDArray[np.float64]
    schools: NDArray[np.int64]  # a school code (URN-like) per pupil
    columns: dict[str, Any]  # the keyword arguments of `pupil_design`
    codes: NDArray[np.int64]  # every school's code, sorted (the order of a fit's arrays)
    true_effects: NDArray[np.float64]  # u_j of each school in ``codes``


@dataclass(frozen=True)
class SchoolFile:
    """One row per school and the truth behind it."""

    outcome: NDArray[np.float64]
    schools: NDArray[np.int64]
    intake: dict[str, NDArray[np.float64]]  # pct_fsm, pct_eal, log_pupils
    cohort: NDArray[np.int64]
    sampling_variance: NDArray[np.float64]
    true_effects: NDArray[np.float64]


def generate_pupils(
    pupils: int = 20_000,
    schools: int = 100,
    school_sd: float = 3.5,
    pupil_sd: float = 10.0,
    seed: int = 0,
) -> PupilFile:
    rng = np.random.default_rng(seed)
    sizes = _sizes(pupils, schools, rng)
    school = np.repeat(np.arange(schools), sizes)[rng.permutation(pupils)]
    fsm = rng.random(pupils) < rng.beta(2, 7, schools)[school]
    eal = rng.random(pupils) < rng.beta(1, 5, schools)[school]
    z = rng.normal(0, 0.4, schools)[school] - 0.5 * fsm + rng.normal(0, 1, pupils)
    sen = rng.choice(np.array(["N", "K", "E"]), pupils, p=[0.85, 0.12, 0.03])
    gender = rng.choice(np.array(["F", "M"]), pupils)
    month = rng.integers(1, 13, pupils)
    idaci = np.clip(rng.beta(2, 6, pupils) + 0.15 * fsm, 0, 1)
    effects = rng.normal(0, school_sd, schools)
    c = PUPIL_COEFFICIENTS
    outcome = (
        c["intercept"]
        + c["prior_attainment"] * z
        + c["prior_attainment_squared"] * z**2
        + c["fsm"] * fsm
        + c["eal"] * eal
        + c["sen_support"] * (sen == "K")
        + c["sen_ehcp"] * (sen == "E")
        + c["male"] * (gender == "M")
        + c["month_in_year"] * ((month - 9) % 12)
        + c["idaci"] * idaci
        + effects[school]
        + rng.normal(0, pupil_sd, pupils)
    )
    codes = 100_000 + np.arange(schools)
    return PupilFile(
        outcome=outcome,
        schools=codes[school],
        columns={
            "prior_attainment": np.round(104 + PRIOR_SCALE * z, 1),
            "fsm": fsm,
            "eal": eal,
            "sen": sen,
            "gender": gender,
            "birth_month": month,
            "idaci": np.round(idaci, 3),
        },
        codes=codes,
        true_effects=effects,
    )


def generate_schools(
    schools: int = 500, school_sd: float = 0.3, pupil_sd: float = 1.2, seed: int = 0
) -> SchoolFile:
    """Progress-8-like school figures: cohorts spread like a gamma(4) around 170 pupils (a few
    under 10), each figure's sampling variance pupil_sd² / cohort."""
    rng = np.random.default_rng(seed)
    cohort = np.maximum(1, np.round(rng.gamma(4.0, 170 / 4, schools))).astype(np.int64)
    pct_fsm = 100 * rng.beta(2, 6, schools)
    pct_eal = 100 * rng.beta(1, 5, schools)
    log_pupils = np.log(cohort * 5.0)
    noise = pupil_sd**2 / cohort
    effects = rng.normal(0, school_sd, schools)
    outcome = 0.1 - 0.01 * pct_fsm + 0.004 * pct_eal + 0.05 * log_pupils + effects
    outcome = outcome + rng.normal(0, np.sqrt(noise))
    return SchoolFile(
        outcome=outcome,
        schools=100_000 + np.arange(schools),
        intake={"pct_fsm": pct_fsm, "pct_eal": pct_eal, "log_pupils": log_pupils},
        cohort=cohort,
        sampling_variance=noise,
        true_effects=effects,
    )


def _sizes(pupils: int, schools: int, rng: np.random.Generator) -> NDArray[np.int64]:
    """School sizes summing to ``pupils``: every school at least 1, spread like a gamma(4)."""
    if pupils < schools:
        raise ValueError("Every school needs at least one pupil")
    shares = rng.gamma(4.0, 1.0, schools)
    return 1 + rng.multinomial(pupils - schools, shares / shares.sum())
