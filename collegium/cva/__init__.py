"""Contextual value added (product.md D2 in issue 12): pure, no Django import.

How far a school's results are above or below what schools with a similar intake achieve,
with a 95 % interval, from a pupil file (a random-intercept model by exact REML on per-school
sufficient statistics) or, without pupils, from school-level figures (a Fay–Herriot model).

    from collegium.cva import pupil_design, fit_pupils, describe

    design = pupil_design(prior_attainment=…, fsm=…, eal=…, sen=…, gender=…, birth_month=…,
                          idaci=…)                    # one value per pupil in each
    fit = fit_pupils(outcome, design, schools)         # schools: each pupil's school code
    fit.coefficients, fit.residual_variance, fit.school_variance
    row = fit.school(code)      # SchoolEffect: pupils, effect, standard_error, low, high
    row.reading                 # Reading.ABOVE / IN_LINE / BELOW / TOO_FEW (under 10 pupils)
    describe(row, unit="points")

    design = school_design({"pct_fsm": …, "pct_eal": …, "pct_sen": …, "log_pupils": …})
    fit = fit_schools(outcome, design, schools, cohort, variance_from_interval(low, high))

Data that cannot be fitted raise `CvaError` with the reason in plain words. See
docs/decisions/0015-contextual-value-added.md.
"""

from collegium.cva.design import Design, pupil_design
from collegium.cva.errors import CvaError
from collegium.cva.pupils import fit_pupils
from collegium.cva.results import MIN_PUPILS, CvaFit, Reading, SchoolEffect
from collegium.cva.schools import (
    fit_schools,
    school_design,
    variance_from_cohort,
    variance_from_interval,
)
from collegium.cva.wording import describe

__all__ = [
    "MIN_PUPILS",
    "CvaError",
    "CvaFit",
    "Design",
    "Reading",
    "SchoolEffect",
    "describe",
    "fit_pupils",
    "fit_schools",
    "pupil_design",
    "school_design",
    "variance_from_cohort",
    "variance_from_interval",
]
