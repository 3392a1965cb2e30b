"""Reliability and reviewer severity (moderators) and the public bias audit, with CSV files.

The pages read the figures the task worker stored (`selectors.shown`) and never compute them.
They summarise what a national network would make too long: the least reliable groups of a
grouping with many, the flagged reviewers, then the severity table page by page; the CSV files
stay complete.
"""

from typing import Any

import pandas as pd
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from collegium import access
from collegium.consistency import adjusted, readings, selectors, statistics
from collegium.consistency.charts import chart
from collegium.exports import table_response
from collegium.pagination import paginate

ALPHA_GUIDES = (0.667, 0.8)
SEVERITY_COLUMNS = ["severity", "low", "high", "ratings", "schools", "flagged"]
GROUPS_SHOWN = 20  # a grouping with more groups shows its least reliable ones
REVIEWERS_PER_PAGE = 30
FLAGGED_LISTED = 50  # flagged reviewers listed with their reviews; the CSV has every one
REVIEWS_LISTED = 10  # of each flagged reviewer's reviews


def _csv(frame: pd.DataFrame, filename: str) -> HttpResponse:
    rows = ([None if pd.isna(v) else v for v in row] for row in frame.itertuples(index=False))
    return table_response(filename.removesuffix(".csv"), list(frame.columns), rows, "csv")


def least_reliable(table: pd.DataFrame, by: str, most: int) -> pd.DataFrame:
    """The rows of the ``most`` groups with the lowest ordinal alpha (those with none last),
    in that order; the whole table when it has no more groups than that."""
    keys = ["framework", by]
    alpha = table[table["statistic"] == "alpha_ordinal"]
    if len(alpha) <= most:
        return table
    lowest = alpha.sort_values("estimate", na_position="last", kind="stable").head(most)
    order = lowest[keys].reset_index(drop=True).reset_index(names="_order")
    return table.merge(order, on=keys).sort_values("_order", kind="stable").drop(columns="_order")


def _grouping(result: statistics.Reliability, by: str, title: str) -> dict[str, Any]:
    table = result.tables.get(by, pd.DataFrame())
    groups = int((table["statistic"] == "alpha_ordinal").sum()) if not table.empty else 0
    shown = least_reliable(table, by, GROUPS_SHOWN) if not table.empty else table
    rows = readings.alpha_chart_rows(shown, by) if not shown.empty else []
    svg = (
        chart(
            "intervals",
            rows,
            xlabel="Krippendorff's alpha (ordinal)",
            guides=ALPHA_GUIDES,
            limits=(min([-0.1, *[r[2] for r in rows]]), 1.05),
        )
        if rows
        else ""
    )
    return {
        "by": by,
        "title": title,
        "groups": groups,
        "shown": min(groups, GROUPS_SHOWN),
        "rows": readings.reliability_rows(shown, by) if not shown.empty else [],
        "readings": readings.readings(shown, by) if not shown.empty else [],
        "chart": svg,
    }


@require_GET
def reliability(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "consistency.view")
    shown = selectors.shown("reliability")
    result = shown.figures
    groupings = (
        [_grouping(result, by, title) for by, title in statistics.GROUPINGS.items()]
        if result is not None and result.enough
        else []
    )
    context = {
        "shown": shown,
        "result": result,
        "groupings": groupings,
        "minimum": statistics.MIN_REVIEWS,
    }
    return render(request, "consistency/reliability.html", context)


@require_GET
def reliability_csv(request: HttpRequest, by: str) -> HttpResponse:
    access.require(request.user, "consistency.view")
    if by not in statistics.GROUPINGS:
        raise Http404
    result = selectors.shown("reliability").figures
    table = result.tables.get(by, pd.DataFrame()) if result is not None else pd.DataFrame()
    return _csv(table, f"reliability-by-{by}.csv")


def _flagged(result: statistics.Severity, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The first flagged reviewers, each with their latest reviews."""
    listed = [dict(r) for r in records if r["flagged"]][:FLAGGED_LISTED]
    raters = [int(r["reviewer"]) for r in listed]
    reviews = adjusted.reviews_of(result, raters, REVIEWS_LISTED)
    for record, rater in zip(listed, raters, strict=True):
        record["reading"] = readings.severity_reading(record)
        record["reviews"] = reviews[rater]
        record["more_reviews"] = len(result.reviews.get(rater, [])) - len(reviews[rater])
    return listed


def _drift_chart(result: statistics.Severity, raters: set[int]) -> str:
    """Each reviewer's severity per term, for the reviewers given."""
    if result.drift is None or result.table is None:
        return ""
    flagged = dict(zip(result.table["name"], result.table["flagged"], strict=True))
    drift = result.drift[result.drift["rater"].isin(raters)]
    points = [
        (str(r["name"]), str(r["term"]), float(r["severity"]), bool(flagged[r["name"]]))
        for r in drift.to_dict("records")
    ]
    return chart("drift", points, terms=result.terms) if points else ""


def _severity_page(result: statistics.Severity, request: HttpRequest) -> dict[str, Any]:
    """The flagged reviewers, then one page of the table (harshest first) and its charts."""
    assert result.table is not None
    records = result.table.to_dict("records")
    page, pagination = paginate(request, records, REVIEWERS_PER_PAGE)
    rows = [dict(r, reading=readings.severity_reading(r)) for r in page.object_list]
    table = result.table.iloc[page.start_index() - 1 : page.end_index()]
    return {
        "rows": rows,
        "page": page,
        "pagination": pagination,
        "flagged": _flagged(result, records),
        "flagged_count": sum(bool(r["flagged"]) for r in records),
        "chart": chart(
            "intervals",
            readings.severity_chart_rows(table),
            xlabel="Severity (judgement points, harsher to the right)",
            guides=(0.0,),
        ),
        "drift_chart": _drift_chart(result, {int(r["reviewer"]) for r in rows}),
    }


@require_GET
def severity(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "consistency.view")
    shown = selectors.shown("severity")
    result = shown.figures
    context: dict[str, Any] = {"shown": shown, "result": result, "rows": [], "flagged": []}
    if result is not None and result.table is not None:
        context |= _severity_page(result, request)
    return render(request, "consistency/severity.html", context)


@require_GET
def review_adjusted(request: HttpRequest, pk: int) -> HttpResponse:
    access.require(request.user, "consistency.view")
    review = access.get_review_for(request.user, pk, "review.view")
    shown = selectors.shown("severity")
    result = shown.figures
    rows = adjusted.adjusted_judgements(review, result) if result is not None else []
    context = {"review": review, "rows": rows, "result": result, "shown": shown}
    return render(request, "consistency/adjusted.html", context)


@require_GET
def severity_csv(request: HttpRequest, table: str) -> HttpResponse:
    access.require(request.user, "consistency.view")
    if table not in ("reviewers", "terms"):
        raise Http404
    result = selectors.shown("severity").figures
    frames = {"reviewers": None, "terms": None}
    if result is not None:
        frames = {"reviewers": result.table, "terms": result.drift}
    columns = ["name", *(["term"] if table == "terms" else []), *SEVERITY_COLUMNS]
    frame = frames[table]
    frame = frame[columns] if frame is not None else pd.DataFrame(columns=columns)
    return _csv(frame.rename(columns={"name": "reviewer"}), f"reviewer-severity-{table}.csv")


def _bias_area(result: statistics.Bias, area: str) -> dict[str, Any]:
    assert result.coefficients is not None and result.distribution is not None
    means = readings.mean_by_quintile(result.distribution, area)
    return {
        "area": area,
        "coefficients": readings.coefficient_rows(result.coefficients, area),
        "distribution": readings.distribution_rows(
            result.distribution, area, result.labels.get(area, {})
        ),
        "means": means,
        "chart": chart("quintiles", means, ylabel="Mean judgement (higher is stronger)"),
    }


@require_GET
def bias(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "bias.view")
    shown = selectors.shown("bias")
    result = shown.figures
    areas = []
    if result is not None and result.enough:
        assert result.coefficients is not None
        areas = [_bias_area(result, a) for a in sorted(result.coefficients["area"].unique())]
    context = {
        "shown": shown,
        "result": result,
        "areas": areas,
        "minimum": statistics.MIN_BIAS_SCHOOLS,
        "answer": readings.bias_answer(result, statistics.MIN_BIAS_SCHOOLS),
        "measure": readings.value_added_used(result),
    }
    return render(request, "consistency/bias.html", context)


@require_GET
def bias_csv(request: HttpRequest, table: str) -> HttpResponse:
    access.require(request.user, "bias.view")
    if table not in ("coefficients", "distribution"):
        raise Http404
    result = selectors.shown("bias").figures
    frame = getattr(result, table, None) if result is not None else None
    return _csv(frame if frame is not None else pd.DataFrame(), f"bias-audit-{table}.csv")
