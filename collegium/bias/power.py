"""How many schools the audit needs, and the smallest bias it could find (its power).

For a proportional-odds model the information about a coefficient from one judgement is about
var(x) × (1 − Σ p_j³) / 3, where p_j are the shares of the judgement levels (Whitehead 1993).
With ``tests`` coefficients tested at once (Bonferroni), a bias ``effect`` is found with
probability ``power`` when the standard error is effect / (z_{1 − α/2·tests} + z_power).
"""

import math

from scipy import stats

POWER = 0.8
ALPHA = 0.05
# The bias the minimum is set to detect: 0.5 in the log-odds of a stronger judgement per FSM
# quintile (odds ×1.65 a quintile; ×7.4 from the least to the most disadvantaged fifth).
MEANINGFUL_BIAS = 0.5
FSM_QUINTILE_VARIANCE = 2.0  # quintiles 1…5 in equal numbers
FOUR_EVEN_LEVELS = (1 - 4 * 0.25**3) / 3  # information factor with four levels equally used
INTAKE_TESTS = 4  # intake measures tested together in one area
OVERLAP = 1.25  # variance inflation from intake measures that go together (FSM, SEN, income)


def z_for(tests: int, power: float = POWER, alpha: float = ALPHA) -> float:
    """z_{1 − α/(2·tests)} + z_power: standard errors between 0 and a bias found as often."""
    return float(stats.norm.isf(alpha / (2 * max(tests, 1))) + stats.norm.ppf(power))


def minimum_schools(
    effect: float = MEANINGFUL_BIAS,
    tests: int = INTAKE_TESTS,
    variance: float = FSM_QUINTILE_VARIANCE,
    information: float = FOUR_EVEN_LEVELS,
    overlap: float = OVERLAP,
) -> int:
    """Schools (one judgement each) for ``POWER`` to find a bias of ``effect``."""
    z = z_for(tests)
    return math.ceil(overlap * z**2 / (effect**2 * variance * information))


def detectable(std_error: float, tests: int) -> float:
    """The smallest coefficient the audit would find with probability ``POWER``."""
    return z_for(tests) * std_error


MIN_SCHOOLS = minimum_schools()
