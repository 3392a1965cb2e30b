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


AGREE_WELL, AGREE_MODERATELY = 0.8, 0.667


def agreement_level(estimate: float, too_few: bool = False) -> str:
    """The three-way reading of ordinal alpha, or "too few reviews to judge"."""
    if too_few or pd.isna(estimate):
        return "too few reviews to judge"
    if estimate >= AGREE_WELL:
        return "agree well"
    if estimate >= AGREE_MODERATELY:
        return "agree moderately"
    return "agree poorly"


def alpha_reading(
    estimate: float, low: float, high: float, units: int, too_few: bool = False
) -> str:
    """One plain sentence: how far reviewers on the same review agree, and how sure we are."""
    level = agreement_level(estimate, too_few)
    basis = f"from {units} strands rated by two or more reviewers"
    if level == "too few reviews to judge":
        return f"Too few reviews to judge ({basis})."
    words = {
        "agree well": "Reviewers agree well: one team's judgement can be relied on",
        "agree moderately": "Reviewers agree moderately: rely on one team's judgement with care",
        "agree poorly": "Reviewers agree poorly: do not rely on one team's judgement alone",
    }[level]
    if pd.isna(low) or pd.isna(high):
        return f"{words} ({basis}), but the reviews so far cannot say how surely."
    if agreement_level(low) != level or agreement_level(high) != level:
        return f"{words} ({basis}), though the reviews so far cannot rule out another reading."
    return f"{words} ({basis})."


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
        (
            str(r[by]),
            alpha_reading(
                r["estimate"], r["low"], r["high"], int(r["units"]), bool(r.get("too_few", False))
            ),
        )
        for r in alpha.to_dict("records")
    ]


def severity_reading(record: dict[str, Any]) -> str:
    """Harsher than most, more lenient than most, or cannot tell yet (with how many reviews).

    Never "within the usual range": an interval that crosses the threshold cannot say so.
    """
    if record["flagged"]:
        harsher = record.get("reading") == "harsher" or record["severity"] > 0
        return "Harsher than most reviewers" if harsher else "More lenient than most reviewers"
    reviews = int(record.get("schools") or 0)
    return f"Cannot tell yet ({reviews} review{'s' if reviews != 1 else ''})"


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
    if record.get("separated"):
        return f"{subject}: the audit cannot tell, because the judgements are sorted completely."
    if not record["finding"]:
        found = f"{subject}: no difference beyond value added was found."
        detectable = record.get("detectable")
        if detectable is None or pd.isna(detectable):
            return found
        return f"{found} A difference smaller than {detectable:.2f} could have been missed."
    direction = "weaker" if record["coefficient"] < 0 else "stronger"
    return f"{subject} received {direction} judgements than their value added predicts."


def fairness_answer(areas: list[dict[str, Any]], minimum: int, schools: int) -> str:
    """The public page's first sentence: are judgements fairer than intake would predict?"""
    audited = [a for a in areas if a.get("status") in ("audited", None)]
    if not audited:
        same = [a for a in areas if a.get("status") == "all the same"]
        if same:
            return "We cannot tell yet: every agreed judgement in an area is the same."
        return (
            f"We cannot tell yet: the audit needs agreed judgements from at least {minimum}"
            f" schools in a framework area, and there {'is' if schools == 1 else 'are'}"
            f" {schools} school{'s' if schools != 1 else ''}."
        )
    found = [a for a in audited if a.get("findings")]
    if found:
        return (
            f"Not everywhere: in {len(found)} of {len(audited)} framework areas, judgements follow"
            " schools' intake beyond what their pupils' progress explains."
        )
    return (
        "We found no sign that judgements follow schools' intake beyond what their pupils'"
        " progress explains. A small difference could still be missed: see each area."
    )


def bias_answer(result: Any, minimum: int) -> str:
    """``fairness_answer`` for a stored ``statistics.Bias`` (or none while it is worked out)."""
    if result is None:
        return "The figures are being worked out."
    if result.failed:
        return "We cannot tell yet: the audit's model could not be fitted to the judgements."
    coefficients = result.coefficients if result.coefficients is not None else pd.DataFrame()
    found = (
        set(coefficients.loc[coefficients["finding"], "area"])
        if "finding" in coefficients
        else set()
    )
    areas = [] if result.areas is None else result.areas.to_dict("records")
    if result.areas is None and "area" in coefficients:
        areas = [{"area": a, "status": "audited"} for a in coefficients["area"].unique()]
    for area in areas:
        area["findings"] = area["area"] in found
    return fairness_answer(areas, minimum, result.schools)


def value_added_used(result: Any) -> str:
    """Which value added the audit used (issue 12 D5), said on the public page."""
    cva, progress = getattr(result, "with_cva", 0), getattr(result, "with_progress", 0)
    if not cva and not progress:
        return ""
    if not progress:
        return (
            f"Value added here is contextual value added (CVA) for all {cva} schools, from the "
            "network's pupil files: judgements beyond value added means beyond contextual value "
            "added."
        )
    if not cva:
        return (
            f"Value added here is the DfE's progress measure for all {progress} schools: no "
            "school has contextual value added (CVA) from the network's pupil files yet."
        )
    return (
        f"Value added here is contextual value added (CVA) for {cva} school"
        f"{'s' if cva != 1 else ''}, from the network's pupil files, and the DfE's progress "
        f"measure for the {progress} without it: for the first, judgements beyond value added "
        "means beyond contextual value added."
    )


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
    rows: list[dict[str, Any]] = frame.to_dict("records")
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
