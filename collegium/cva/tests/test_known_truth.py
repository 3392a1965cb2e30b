"""Against data generated with known school effects (collegium/cva/generate.py): the estimates
follow the truth, and nominal 95 % intervals cover it at close to their stated rate.

Measured coverage, averaged over schools and seeded draws (the tests' configurations):
pupils, 100 schools of ~50, 200 draws: 0.953; weak school differences (τ²/σ² = 0.02, 30
schools of ~20), 200 draws: 0.935 (0.76 over 300 draws without the allowance for τ²/σ²
being estimated); 15 schools of ~40, 300 draws: 0.947. Schools (Fay–Herriot), 200 schools,
200 draws: 0.950; 20 schools, 300 draws: 0.936.
"""

import numpy as np
import pytest
from threadpoolctl import threadpool_limits

from collegium.cva import fit_pupils, fit_schools, pupil_design, school_design
from collegium.cva.generate import (
    PRIOR_SCALE,
    PUPIL_COEFFICIENTS,
    generate_pupils,
    generate_schools,
)

LOWEST_COVERAGE = 0.92


@pytest.fixture(autouse=True)
def _one_blas_thread():
    with threadpool_limits(limits=1):  # small matrices: threads only fight on a busy machine
        yield


def covered(fit, truth) -> tuple[int, int]:
    shown = np.isfinite(fit.effect)
    inside = (fit.low <= truth) & (truth <= fit.high)
    return int(inside[shown].sum()), int(shown.sum())


def test_pupil_estimates_follow_the_truth_at_a_realistic_size():
    # 100 secondary schools with cohorts averaging 171, as in the national file.
    data = generate_pupils(17_100, 100, seed=4)
    fit = fit_pupils(data.outcome, pupil_design(**data.columns), data.schools)
    assert np.corrcoef(fit.effect, data.true_effects)[0, 1] >= 0.95
    assert fit.school_variance == pytest.approx(3.5**2, rel=0.3)
    assert fit.residual_variance == pytest.approx(10.0**2, rel=0.02)
    assert fit.coefficient("fsm") == pytest.approx(PUPIL_COEFFICIENTS["fsm"], abs=0.5)
    expected = PUPIL_COEFFICIENTS["prior_attainment"] / PRIOR_SCALE
    assert fit.coefficient("prior_attainment") == pytest.approx(expected, rel=0.05)


def test_adjusting_for_intake_beats_raw_school_means():
    data = generate_pupils(17_100, 100, seed=4)
    fit = fit_pupils(data.outcome, pupil_design(**data.columns), data.schools)
    raw = np.array([data.outcome[data.schools == code].mean() for code in fit.schools])
    assert np.corrcoef(raw, data.true_effects)[0, 1] < 0.8  # intake differs between schools
    assert np.corrcoef(fit.effect, data.true_effects)[0, 1] > 0.95


def test_pupil_intervals_cover_the_true_effects_at_their_level():
    hits = total = 0
    for seed in range(200):
        data = generate_pupils(5_000, 100, seed=seed)
        fit = fit_pupils(data.outcome, pupil_design(**data.columns), data.schools)
        inside, shown = covered(fit, data.true_effects)
        hits, total = hits + inside, total + shown
    coverage = hits / total
    assert LOWEST_COVERAGE <= coverage <= 0.98, coverage  # measured 0.953


def test_pupil_intervals_hold_their_level_with_few_schools_and_weak_differences():
    hits = total = 0
    for seed in range(200):
        data = generate_pupils(600, 30, school_sd=1.5, seed=seed)
        fit = fit_pupils(data.outcome, pupil_design(**data.columns), data.schools)
        inside, shown = covered(fit, data.true_effects)
        hits, total = hits + inside, total + shown
    assert LOWEST_COVERAGE <= hits / total <= 0.98, hits / total  # measured 0.935


def test_school_level_estimates_follow_the_truth():
    data = generate_schools(1_000, seed=1)
    fit = fit_schools(
        data.outcome, school_design(data.intake), data.schools, data.cohort, data.sampling_variance
    )
    shown = np.isfinite(fit.effect)
    assert 0 < (~shown).sum() < 10  # cohorts under 10 pupils get no figure
    # A school's published figure is itself noisy: with Progress 8's spread (1.2 within a
    # school) its reliability τ² / (τ² + v_j) averages 0.89 here, so about √0.89 = 0.94 is the
    # most any estimate could reach.
    reliability = 0.3**2 / (0.3**2 + data.sampling_variance[shown])
    ceiling = np.sqrt(reliability.mean())
    assert np.corrcoef(fit.effect[shown], data.true_effects[shown])[0, 1] >= ceiling - 0.01
    assert fit.school_variance == pytest.approx(0.3**2, rel=0.15)


def test_school_level_intervals_cover_the_true_effects_at_their_level():
    hits = total = 0
    for seed in range(200):
        data = generate_schools(200, seed=seed)
        design = school_design(data.intake)
        fit = fit_schools(data.outcome, design, data.schools, data.cohort, data.sampling_variance)
        inside, shown = covered(fit, data.true_effects)
        hits, total = hits + inside, total + shown
    assert LOWEST_COVERAGE <= hits / total <= 0.98, hits / total  # measured 0.950


def test_small_cohorts_are_shrunk_further_towards_what_the_intake_predicts():
    data = generate_schools(300, seed=2)
    design = school_design(data.intake)
    fit = fit_schools(data.outcome, design, data.schools, data.cohort, data.sampling_variance)
    predicted = design.matrix @ fit.coefficients
    shrinkage = fit.effect / (data.outcome - predicted)
    shown = np.isfinite(fit.effect)
    order = np.argsort(data.cohort)
    order = order[shown[order]]
    assert np.all(np.diff(shrinkage[order]) >= -1e-12)  # equal cohorts tie
    errors = fit.standard_error[order]
    assert errors[:30].mean() > 1.5 * errors[-30:].mean()
