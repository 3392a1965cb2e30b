"""The figures in plain words, and the rows the pages and charts show."""

from typing import Any

import pandas as pd

from collegium.consistency.statistics import STATISTIC_NAMES

INTAKE_WORDS = {
    "fsm_quintile": ("Schools in higher FSM quintiles", "Per FSM quintile"),
    "sen": ("Schools with more pupils with SEN", "Per percentage point of pupils with SEN"),
    "idaci": ("Schools with higher IDACI scores", "Per point of IDACI score"),
    "income_per_pupil": ("Schools with more income per pupil", "Per £1,000 of income per pupil"),
    "value_added": ("Schools with higher value added", "Per standard deviation of value added"),
}


def alpha_reading(estimate: float, low: float, high: float, units: int) -> str:
    if pd.isna(estimate):
        return "There is not enough variation in the judgements to measure agreement."
    if estimate >= 0.8:
        words = "Reviewers agree closely: one team's judgement can be relied on"
    elif estimate >= 0.667:
        words = "Reviewers agree moderately: rely on one team's judgement only with care"
    else:
        words = "Reviewers do not agree closely enough to rely on one team's judgement"
    figures = f"ordinal alpha {estimate:.2f}, 95% interval {low:.2f} to {high:.2f}"
    return f"{words} ({figures}, from {units} strands rated by two or more reviewers)."


def reliability_rows(table: pd.DataFrame, by: str) -> list[dict[str, Any]]:
    rows = []
    for record in table.to_dict("records"):
        record["name"] = STATISTIC_NAMES.get(record["statistic"], record["statistic"])
        record["group"] = record[by]
        rows.append(record)
    return rows


def alpha_chart_rows(table: pd.DataFrame, by: str) -> list[tuple[str, float, float, float, bool]]:
    alpha = table[table["statistic"] == "alpha_ordinal"].dropna(subset=["estimate", "low", "high"])
    return [
        (str(r[by]), float(r["estimate"]), float(r["low"]), float(r["high"]), False)
        for r in alpha.to_dict("records")
    ]


def readings(table: pd.DataFrame, by: str) -> list[tuple[str, str]]:
    alpha = table[table["statistic"] == "alpha_ordinal"]
    return [
        (str(r[by]), alpha_reading(r["estimate"], r["low"], r["high"], int(r["units"])))
        for r in alpha.to_dict("records")
    ]


def severity_reading(record: dict[str, Any]) -> str:
    if not record["flagged"]:
        return "Within the usual range"
    direction = "harsher" if record["severity"] > 0 else "more lenient"
    return f"Clearly {direction} than other reviewers"


def severity_chart_rows(table: pd.DataFrame) -> list[tuple[str, float, float, float, bool]]:
    return [
        (
            str(r["name"]),
            float(r["severity"]),
            float(r["low"]),
            float(r["high"]),
            bool(r["flagged"]),
        )
        for r in table.to_dict("records")
    ]


def coefficient_reading(record: dict[str, Any]) -> str:
    subject, _ = INTAKE_WORDS.get(record["predictor"], (record["predictor"], ""))
    if record["predictor"] == "value_added":
        direction = "stronger" if record["coefficient"] > 0 else "weaker"
        return f"{subject} received {direction} judgements."
    if not record["finding"]:
        return f"{subject}: no difference beyond value added was found."
    direction = "weaker" if record["coefficient"] < 0 else "stronger"
    return f"{subject} received {direction} judgements than their value added predicts."


def coefficient_rows(coefficients: pd.DataFrame, area: str) -> list[dict[str, Any]]:
    rows = []
    for record in coefficients[coefficients["area"] == area].to_dict("records"):
        record["reading"] = coefficient_reading(record)
        record["per_words"] = INTAKE_WORDS.get(record["predictor"], ("", ""))[1]
        rows.append(record)
    return rows


def distribution_rows(
    distribution: pd.DataFrame, area: str, labels: dict[int, str]
) -> list[dict[str, Any]]:
    frame = distribution[distribution["area"] == area].sort_values(
        ["fsm_quintile", "judgement"], ascending=[True, False]
    )
    rows = frame.to_dict("records")
    for record in rows:
        record["label"] = labels.get(int(record["judgement"]), str(record["judgement"]))
    return rows


def mean_by_quintile(distribution: pd.DataFrame, area: str) -> list[tuple[int, float, float]]:
    """Mean judgement value per FSM quintile, observed and predicted from value added alone."""
    frame = distribution[distribution["area"] == area].copy()
    frame["observed_points"] = frame["observed"] * frame["judgement"]
    frame["predicted_points"] = frame["predicted"] * frame["judgement"]
    sums = frame.groupby("fsm_quintile")[["observed_points", "predicted_points"]].sum()
    return [
        (int(q), float(r["observed_points"]), float(r["predicted_points"]))
        for q, r in sums.iterrows()
    ]
