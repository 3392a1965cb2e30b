"""Regression calibration with each school's own error where it has one (contextual value added,
issue 12 D5) and the reliability elsewhere (DfE progress scores)."""

import numpy as np
import pandas as pd
import pytest

from collegium.bias.measurement import calibrated_value_added


def schools(se: list[float]) -> pd.DataFrame:
    rng = np.random.default_rng(5)
    intake = rng.normal(size=len(se))
    value_added = 0.5 * intake + rng.normal(size=len(se))
    return pd.DataFrame({"value_added": value_added, "intake": intake, "value_added_se": se})


def test_a_precise_school_keeps_its_value_added_a_noisy_one_is_pulled_to_its_intake():
    frame = schools([0.001, 5.0] + [float("nan")] * 38)
    calibrated = calibrated_value_added(frame, ["intake"], reliability=0.75)
    assert calibrated.iloc[0] == pytest.approx(frame["value_added"].iloc[0], abs=1e-3)
    fitted = np.polyval(np.polyfit(frame["intake"], frame["value_added"], 1), frame["intake"])
    assert abs(calibrated.iloc[1] - fitted[1]) < 0.1 * abs(frame["value_added"].iloc[1] - fitted[1])
    assert np.all(
        np.abs(calibrated.iloc[2:] - fitted[2:])
        <= np.abs(frame["value_added"].iloc[2:] - fitted[2:]) + 1e-12
    )


def test_without_any_error_or_reliability_value_added_is_taken_as_exact():
    frame = schools([float("nan")] * 10)
    assert calibrated_value_added(frame, ["intake"], None).equals(frame["value_added"])
