"""Bias audit (Q4): do judgements follow a school's intake beyond what value added explains?

Per framework area, a proportional-odds (ordinal logistic) model of the judgement with value
added and the intake measures as predictors. A coefficient is the change in the log-odds of
a better judgement per unit of its predictor, holding the others fixed; an intake coefficient
whose interval excludes 0 is a finding. Intervals are Wald intervals with standard errors
clustered by school, since a school reviewed in several terms gives several judgements.
The outcome distribution by FSM quintile is compared with the distribution a model of value
added alone predicts.

Honesty rules (the audit never claims more than its data allow):

- an area is audited only with at least ``minimum_schools`` schools, a number set by a power
  calculation (``collegium.bias.power``): enough to find a bias of 0.5 in the log-odds per FSM
  quintile four times in five, allowing for every intake measure tested;
- beside each coefficient, ``detectable``: the smallest coefficient the audit would find with
  80 % power, so that "no difference found" is read with the size it could have missed;
- value added is measured with error: it enters through regression calibration
  (``collegium.bias.measurement``) with ``value_added_reliability`` (or a per-school
  ``value_added_se`` column), so noise in value added is not reported as bias;
- intervals that decide a finding are Bonferroni-adjusted over every intake coefficient, with
  t quantiles on (schools − 1) degrees of freedom (errors are clustered by school);
- perfectly or almost perfectly separated data (a predictor that sorts the judgements
  completely) make coefficients run off to huge values: the area is marked ``separated``, a
  warning is added to ``warnings_`` and no finding is made there;
- ``areas_`` says for every area whether it was audited and, if not, why: too few schools
  (with the count and the minimum), every judgement the same, or separated.
"""

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.miscmodels.ordinal_model import OrderedModel

from collegium.bias.measurement import VALUE_ADDED_RELIABILITY, calibrated_value_added
from collegium.bias.power import MIN_SCHOOLS, POWER

# Intake predictors, used where the column is present; how each is scaled, and its unit.
INTAKE = ("fsm_quintile", "sen", "idaci", "income_per_pupil")
SCALES = {"income_per_pupil": 1000.0}
UNITS = {
    "value_added": "point of value added",
    "fsm_quintile": "FSM quintile",
    "sen": "percentage point of pupils with SEN",
    "idaci": "point of IDACI score",
    "income_per_pupil": "£1,000 of income per pupil",
}
AUDITED, TOO_FEW, ALL_SAME, SEPARATED = "audited", "too few schools", "all the same", "separated"
# Beyond these (per standard deviation of the predictor) the data are separated, not biased.
_SEPARATED_COEFFICIENT = 15.0
_SEPARATED_ERROR = 10.0


class BiasAudit:
    """Fit the audit per area.

    Parameters
    ----------
    confidence : width of the intervals.
    intake : intake columns to try; each is used in an area where it is present for every
        school (schools without a value for a predictor that is mostly present are left out).
    minimum_schools : schools an area needs (default from the power calculation).
    value_added_reliability : share of value added's spread across schools that is real;
        ``None`` takes value added as exact (a ``value_added_se`` column overrides it).

    Learned attributes: ``coefficients_`` (area, predictor, coefficient, low, high — the
    pointwise interval —, odds_ratio, per, schools, judgements, std_error, low_simultaneous,
    high_simultaneous, detectable — smallest coefficient found with 80 % power —, separated,
    finding), ``distribution_`` (area, fsm_quintile, judgement, observed, predicted,
    judgements), ``findings_`` (the rows of coefficients_ for intake predictors whose
    simultaneous interval excludes 0), ``areas_`` (area, schools, judgements, status,
    minimum), ``warnings_`` (sentences), ``minimum_schools_``.
    """

    def __init__(
        self,
        confidence: float = 0.95,
        intake: Sequence[str] = INTAKE,
        minimum_schools: int = MIN_SCHOOLS,
        value_added_reliability: float | None = VALUE_ADDED_RELIABILITY,
    ) -> None:
        self.confidence = confidence
        self.intake = intake
        self.minimum_schools = minimum_schools
        self.value_added_reliability = value_added_reliability

    def fit(
        self,
        judgements: pd.DataFrame,
        schools: pd.DataFrame,
        area: str = "area",
        judgement: str = "judgement",
        school: str = "school",
    ) -> "BiasAudit":
        """``judgements``: one row per (school, area) judgement, higher is better.

        ``schools``: one row per school with ``value_added``, ``fsm_quintile`` (1 least to 5
        most disadvantaged) and any of the other intake columns.
        """
        if not 0 < self.confidence < 1:
            raise ValueError("Confidence must be between 0 and 1")
        missing = {"value_added", "fsm_quintile"} - set(schools.columns)
        if missing:
            raise ValueError(f"School context lacks {', '.join(sorted(missing))}")
        data = judgements[[school, area, judgement]].merge(schools, on=school, how="inner")
        coefficients, distributions, areas = [], [], []
        self.warnings_: list[str] = []
        self.minimum_schools_ = self.minimum_schools
        for name, group in data.groupby(area, sort=True):
            frame, predictors = self._complete(group)
            status = self._status(frame, judgement, school)
            if status == AUDITED:
                table = self._coefficients(frame, predictors, judgement, school)
                if table["separated"].any():
                    status = SEPARATED
                    self.warnings_.append(_separation_warning(name))
                coefficients.append(table.assign(area=name))
                distributions.append(_distribution(frame, judgement).assign(area=name))
            areas.append(
                {
                    "area": name,
                    "schools": frame[school].nunique(),
                    "judgements": len(frame),
                    "status": status,
                    "minimum": self.minimum_schools,
                }
            )
        self.areas_ = pd.DataFrame(
            areas, columns=["area", "schools", "judgements", "status", "minimum"]
        )
        self.coefficients_ = self._simultaneous(_first(coefficients, "area"))
        self.distribution_ = _first(distributions, "area")
        self.findings_ = self.coefficients_[self.coefficients_["finding"]]
        return self

    def _status(self, frame: pd.DataFrame, judgement: str, school: str) -> str:
        if frame[school].nunique() < self.minimum_schools:
            return TOO_FEW
        if frame[judgement].nunique() < 2:
            return ALL_SAME
        return AUDITED

    def _simultaneous(self, table: pd.DataFrame) -> pd.DataFrame:
        """Bonferroni intervals over every intake coefficient of the audit decide a finding.

        With four intake measures in each of several areas, one pointwise 95 % interval in
        two would exclude 0 by chance alone: a public page must not report such a finding.
        """
        if table.empty:
            return table.assign(finding=pd.Series(dtype=bool))
        intake = table["predictor"] != "value_added"
        tail = (1 - self.confidence) / (2 * max(int(intake.sum()), 1))
        t = stats.t.isf(tail, np.maximum(table["schools"].to_numpy(float) - 1, 1))
        table["low_simultaneous"] = table["coefficient"] - t * table["std_error"]
        table["high_simultaneous"] = table["coefficient"] + t * table["std_error"]
        table["detectable"] = (t + stats.norm.ppf(POWER)) * table["std_error"]
        excludes = (table["low_simultaneous"] > 0) | (table["high_simultaneous"] < 0)
        table["finding"] = intake & excludes & ~table["separated"].astype(bool)
        return table

    def _complete(self, frame: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
        """Keep the predictors present for most schools, then the rows that have them all.

        A measure the same for every school says nothing about bias (and would be a second
        constant in the model), so it is left out."""
        present = [c for c in self.intake if c in frame and frame[c].notna().mean() >= 0.5]
        complete = frame.dropna(subset=["value_added", *present])
        varying = [c for c in present if complete[c].nunique() > 1]
        predictors = ["value_added", *varying]
        return frame.dropna(subset=predictors), predictors

    def _coefficients(
        self, frame: pd.DataFrame, predictors: list[str], judgement: str, school: str
    ) -> pd.DataFrame:
        exog = frame[predictors] / pd.Series({c: SCALES.get(c, 1.0) for c in predictors})
        exog["value_added"] = self._value_added(frame, predictors[1:], school)
        result = _fit(frame[judgement], exog, frame[school])
        z = stats.norm.ppf(0.5 + self.confidence / 2)
        estimate = result.params[predictors]
        error = result.bse[predictors]
        table = pd.DataFrame(
            {
                "predictor": predictors,
                "coefficient": estimate.to_numpy(),
                "low": (estimate - z * error).to_numpy(),
                "high": (estimate + z * error).to_numpy(),
            }
        )
        table["odds_ratio"] = np.exp(table["coefficient"])
        table["per"] = table["predictor"].map(UNITS)
        table["schools"] = frame[school].nunique()
        table["judgements"] = len(frame)
        table["std_error"] = error.to_numpy()
        spread = exog.std().to_numpy()
        converged = bool(result.mle_retvals.get("converged", True))
        table["separated"] = (
            not converged
            or not np.isfinite(error).all()
            or bool((np.abs(table["coefficient"]) * spread > _SEPARATED_COEFFICIENT).any())
            or bool((table["std_error"] * spread > _SEPARATED_ERROR).any())
        )
        return table

    def _value_added(self, frame: pd.DataFrame, intake: list[str], school: str) -> pd.Series:
        """Value added by regression calibration on the schools' intake (one row each)."""
        columns = [school, "value_added", *intake]
        columns += ["value_added_se"] if "value_added_se" in frame else []
        schools = frame[columns].drop_duplicates(school).set_index(school)
        calibrated = calibrated_value_added(schools, intake, self.value_added_reliability)
        return frame[school].map(calibrated)


def _fit(endog: pd.Series, exog: pd.DataFrame, groups: pd.Series | None = None):  # type: ignore[no-untyped-def]
    """Proportional-odds logit; standard errors clustered by ``groups`` when given."""
    levels = np.sort(endog.unique())
    outcome = pd.Series(pd.Categorical(endog, categories=levels, ordered=True), index=endog.index)
    model = OrderedModel(outcome, exog, distr="logit")
    if groups is None:
        return model.fit(method="bfgs", disp=False, maxiter=500)
    clusters = {"groups": pd.factorize(groups)[0]}
    return model.fit(method="bfgs", disp=False, maxiter=500, cov_type="cluster", cov_kwds=clusters)


def _separation_warning(area: object) -> str:
    return (
        f"In {area} the judgements are sorted completely (or almost) by one measure, so the"
        " model cannot say how strongly: its figures there are not reliable and no finding is"
        " made."
    )


def _distribution(frame: pd.DataFrame, judgement: str) -> pd.DataFrame:
    """Share of each judgement by FSM quintile: observed, and predicted from value added alone."""
    result = _fit(frame[judgement], frame[["value_added"]])  # predictions need no errors
    levels = np.sort(frame[judgement].unique())
    predicted = pd.DataFrame(
        result.model.predict(result.params, exog=frame[["value_added"]]),
        columns=levels,
        index=frame.index,
    )
    quintile = frame["fsm_quintile"]
    observed = pd.crosstab(quintile, frame[judgement], normalize="index")
    expected = predicted.groupby(quintile).mean()
    table = pd.DataFrame(
        {
            "observed": observed.reindex(columns=levels, fill_value=0.0).stack(),
            "predicted": expected.stack(),
        }
    ).rename_axis(["fsm_quintile", "judgement"])
    table = table.reset_index()
    counts = quintile.value_counts()
    table["judgements"] = table["fsm_quintile"].map(counts).astype(int)
    return table


def _first(tables: list[pd.DataFrame], column: str) -> pd.DataFrame:
    if not tables:
        return pd.DataFrame(columns=[column])
    table = pd.concat(tables, ignore_index=True)
    return table[[column, *[c for c in table.columns if c != column]]]
