"""Edge cases of the pupil-level fit: each refusal names its reason, and the fits that can be
made at the edges (a school of one pupil, no school differences) say what they can."""

import numpy as np
import pytest

from collegium.cva import MIN_PUPILS, CvaError, Design, Reading, fit_pupils, pupil_design
from collegium.cva.generate import generate_pupils


@pytest.fixture
def data():
    return generate_pupils(3_000, 30, seed=9)


def fit(data, **changes):
    columns = {**data.columns, **changes.pop("columns", {})}
    outcome = changes.pop("outcome", data.outcome)
    schools = changes.pop("schools", data.schools)
    return fit_pupils(outcome, pupil_design(**columns), schools)


def refusal(call) -> str:
    with pytest.raises(CvaError) as refused:
        call()
    return str(refused.value)


def test_pupils_of_one_school_are_refused_as_there_is_nothing_to_compare(data):
    reason = refusal(lambda: fit(data, schools=np.full(3_000, 100_001)))
    assert reason == (
        "Contextual value added compares schools, so it needs pupils from at least two "
        "schools; these pupils are from 1."
    )


def test_every_school_of_one_pupil_is_refused(data):
    small = generate_pupils(40, 40, seed=1)
    reason = refusal(lambda: fit(small))
    assert reason == (
        "Every school has a single pupil, so differences between schools cannot be told "
        "apart from differences between pupils."
    )


def test_a_school_of_one_pupil_is_fitted_and_shown_as_too_few(data):
    schools = data.schools.copy()
    schools[0] = 999_999  # this pupil alone in a school of their own
    result = fit(data, schools=schools)
    alone = result.school(999_999)
    assert alone.pupils == 1
    assert alone.effect is None and alone.standard_error is None and alone.low is None
    assert alone.reading is Reading.TOO_FEW
    assert np.isfinite(result.effect).sum() == 30


def test_a_school_of_9_pupils_gets_no_figure_and_one_of_10_does(data):
    keep = np.ones(len(data.schools), dtype=bool)
    for code, size in ((data.codes[0], MIN_PUPILS - 1), (data.codes[1], MIN_PUPILS)):
        rows = np.flatnonzero(data.schools == code)
        keep[rows[size:]] = False
    result = fit_pupils(
        data.outcome[keep],
        pupil_design(**{name: values[keep] for name, values in data.columns.items()}),
        data.schools[keep],
    )
    nine, ten = result.school(int(data.codes[0])), result.school(int(data.codes[1]))
    assert (nine.pupils, nine.effect) == (9, None)
    assert ten.pupils == 10 and ten.effect is not None
    assert ten.low is not None and ten.high is not None and ten.low < ten.effect < ten.high
    assert np.isnan(result.effect[0]) and np.isnan(result.low[0])


def test_school_variance_at_its_boundary_of_zero():
    # Every school's mean is exactly what its pupils' covariates predict: no school effect.
    rng = np.random.default_rng(2)
    schools = np.repeat(np.arange(20), 15)
    x = rng.normal(0, 1, 300)
    noise = rng.normal(0, 1, 300)
    noise -= np.bincount(schools, noise)[schools] / 15  # school means of the noise are 0
    y = 2.0 + 0.5 * x + noise
    design = Design(matrix=np.column_stack([np.ones(300), x]), names=("intercept", "x"))
    result = fit_pupils(y, design, schools)
    assert result.school_variance == 0.0
    assert result.no_school_differences
    assert np.all(result.effect == 0)
    assert np.all(result.standard_error >= 0)
    assert {row.reading for row in result.rows()} == {Reading.IN_LINE}
    np.testing.assert_allclose(result.coefficients, [2.0, 0.5], atol=0.2)


def test_collinear_covariates_are_refused_naming_them(data):
    design = pupil_design(**data.columns)
    fsm = design.matrix[:, design.names.index("fsm")]
    twice = Design(
        matrix=np.column_stack([design.matrix, 1 - fsm]), names=(*design.names, "not_fsm")
    )
    reason = refusal(lambda: fit_pupils(data.outcome, twice, data.schools))
    assert reason == (
        "'not_fsm' can be worked out exactly from 'intercept' and 'fsm', so their effects "
        "cannot be told apart (for example every pupil has the same value, or two columns "
        "say the same thing): leave 'not_fsm' out."
    )


def test_a_collinear_column_before_others_is_the_one_named(data):
    columns = dict(data.columns, eal=data.columns["fsm"])  # EAL says what FSM says
    reason = refusal(lambda: fit_pupils(data.outcome, pupil_design(**columns), data.schools))
    assert reason.startswith("'eal' can be worked out exactly from 'fsm'")
    assert reason.endswith("leave 'eal' out.")


def test_a_column_of_zeros_is_refused(data):
    design = Design(
        matrix=np.column_stack([np.ones(3_000), np.zeros(3_000)]), names=("intercept", "eal")
    )
    reason = refusal(lambda: fit_pupils(data.outcome, design, data.schools))
    assert reason == "'eal' is 0 for every row, so its effect cannot be estimated."


def test_a_missing_outcome_is_refused_naming_the_rows(data):
    outcome = data.outcome.copy()
    outcome[[4, 70, 71, 300, 900]] = np.nan
    reason = refusal(lambda: fit(data, outcome=outcome))
    assert reason == "The outcome is missing or not a number on rows 5, 71, 72 and 2 others."


def test_a_missing_covariate_is_refused_naming_the_column_and_row(data):
    design = pupil_design(**data.columns)
    matrix = design.matrix.copy()
    matrix[11, 3] = np.nan
    broken = Design(matrix=matrix, names=design.names)
    reason = refusal(lambda: fit_pupils(data.outcome, broken, data.schools))
    assert reason == f"'{design.names[3]}' is missing or not a number on row 12."


def test_missing_prior_attainment_is_refused_when_building_the_design(data):
    prior = data.columns["prior_attainment"].copy()
    prior[2] = np.inf
    reason = refusal(lambda: fit(data, columns={"prior_attainment": prior}))
    assert reason == "The prior attainment is missing or not a number on row 3."


def test_a_missing_school_is_refused():
    data = generate_pupils(200, 10, seed=3)
    schools = data.schools.astype(str)
    schools[[0, 1]] = ["", " "]
    reason = refusal(lambda: fit(data, schools=schools))
    assert reason == "The school is missing on rows 1 and 2."


def test_columns_of_different_lengths_are_refused(data):
    reason = refusal(lambda: fit(data, outcome=data.outcome[:-1]))
    assert reason.startswith("Every column needs one value for each row, but the lengths differ")


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        (
            "sen",
            "X",
            "Special educational needs (SEN) must be N (none), K (SEN support) or E (an "
            "education, health and care plan), not on row 1.",
        ),
        ("gender", "boy", "Gender must be F or M (as in the school census), not on row 1."),
        ("birth_month", 13, "Month of birth must be a whole number from 1 to 12, not on row 1."),
        ("fsm", 2, "Free school meals (FSM) must be 1 (yes) or 0 (no), not on row 1."),
        ("idaci", 1.5, "The IDACI score must be between 0 and 1, not on row 1."),
    ],
)
def test_codes_outside_the_census_codes_are_refused(data, column, value, reason):
    values = np.array(data.columns[column], dtype=object if column in ("sen", "gender") else float)
    values[0] = value
    assert refusal(lambda: pupil_design(**{**data.columns, column: values})) == reason


def test_the_design_has_named_columns_and_leaves_out_one_nobody_differs_on(data):
    design = pupil_design(**{**data.columns, "eal": np.zeros(3_000, dtype=bool)})
    assert design.names == (
        "intercept",
        "prior_attainment",
        "prior_attainment_squared",
        "fsm",
        "sen_support",
        "sen_ehcp",
        "male",
        "month_in_year",
        "idaci",
    )
    assert list(design.left_out) == ["eal"]
    assert design.matrix.shape == (3_000, 9)
    months = pupil_design(**{**data.columns, "birth_month": np.arange(3_000) % 12 + 1})
    column = months.matrix[:, months.names.index("month_in_year")]
    assert column[8] == 0 and column[7] == 11  # September oldest, August youngest


def test_without_idaci_the_design_has_no_idaci_column(data):
    columns = {name: values for name, values in data.columns.items() if name != "idaci"}
    assert "idaci" not in pupil_design(**columns).names


def test_string_school_codes_and_the_row_for_a_school(data):
    result = fit(data, schools=np.char.add("URN", data.schools.astype(str)))
    row = result.school(f"URN{data.codes[5]}")
    assert row.pupils == int((data.schools == data.codes[5]).sum())
    assert row.low < row.effect < row.high
    assert len(result.rows()) == 30


def test_school_codes_of_mixed_kinds_are_refused(data):
    schools = data.schools.astype(object)
    schools[0] = "URN1"
    reason = refusal(lambda: fit(data, schools=schools))
    assert reason == "The school codes must all be numbers or all be text."


def test_whole_number_codes_far_apart_give_the_same_fit(data):
    near = fit(data)
    far = fit(data, schools=data.schools * 10_000_000)  # counted by sorting, not by counting
    np.testing.assert_array_equal(far.schools, near.schools * 10_000_000)
    np.testing.assert_allclose(far.effect, near.effect, rtol=1e-12)
