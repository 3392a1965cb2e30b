"""Bias audit (Q4): do judgements follow a school's intake beyond what value added explains?

Per framework area, a proportional-odds (ordinal logistic) model of the judgement with value
added and the intake measures as predictors. A coefficient is the change in the log-odds of
a better judgement per unit of its predictor, holding the others fixed; an intake coefficient
whose interval excludes 0 is a finding. Intervals are Wald intervals with standard errors
clustered by school, since a school reviewed in several terms gives several judgements.
The outcome distribution by FSM quintile is compared with the distribution a model of value
added alone predicts.
"""

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.miscmodels.ordinal_model import OrderedModel

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
_MIN_SCHOOLS = 30


class BiasAudit:
    """Fit the audit per area.

    Parameters
    ----------
    confidence : width of the intervals.
    intake : intake columns to try; each is used in an area where it is present for every
        school (schools without a value for a predictor that is mostly present are left out).

    Learned attributes: ``coefficients_`` (area, predictor, coefficient, low, high — the
    pointwise interval —, odds_ratio, per, schools, judgements, std_error, low_simultaneous,
    high_simultaneous, finding), ``distribution_`` (area, fsm_quintile, judgement, observed,
    predicted, judgements), ``findings_`` (the rows of coefficients_ for intake predictors
    whose simultaneous interval excludes 0).
    """

    def __init__(self, confidence: float = 0.95, intake: Sequence[str] = INTAKE) -> None:
        self.confidence = confidence
        self.intake = intake

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
        coefficients, distributions = [], []
        for name, group in data.groupby(area, sort=True):
            frame, predictors = self._complete(group)
            if frame[school].nunique() < _MIN_SCHOOLS or frame[judgement].nunique() < 2:
                continue
            table = self._coefficients(frame, predictors, judgement, school)
            coefficients.append(table.assign(area=name))
            distributions.append(_distribution(frame, judgement).assign(area=name))
        self.coefficients_ = self._simultaneous(_first(coefficients, "area"))
        self.distribution_ = _first(distributions, "area")
        self.findings_ = self.coefficients_[self.coefficients_["finding"]]
        return self

    def _simultaneous(self, table: pd.DataFrame) -> pd.DataFrame:
        """Bonferroni intervals over every intake coefficient of the audit decide a finding.

        With four intake measures in each of several areas, one pointwise 95 % interval in
        two would exclude 0 by chance alone: a public page must not report such a finding.
        """
        if table.empty:
            return table.assign(finding=pd.Series(dtype=bool))
        intake = table["predictor"] != "value_added"
        z = stats.norm.ppf(1 - (1 - self.confidence) / (2 * max(int(intake.sum()), 1)))
        table["low_simultaneous"] = table["coefficient"] - z * table["std_error"]
        table["high_simultaneous"] = table["coefficient"] + z * table["std_error"]
        excludes = (table["low_simultaneous"] > 0) | (table["high_simultaneous"] < 0)
        table["finding"] = intake & excludes
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
        return table


def _fit(endog: pd.Series, exog: pd.DataFrame, groups: pd.Series | None = None):  # type: ignore[no-untyped-def]
    """Proportional-odds logit; standard errors clustered by ``groups`` when given."""
    levels = np.sort(endog.unique())
    outcome = pd.Series(pd.Categorical(endog, categories=levels, ordered=True), index=endog.index)
    model = OrderedModel(outcome, exog, distr="logit")
    if groups is None:
        return model.fit(method="bfgs", disp=False, maxiter=500)
    clusters = {"groups": pd.factorize(groups)[0]}
    return model.fit(method="bfgs", disp=False, maxiter=500, cov_type="cluster", cov_kwds=clusters)


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
