"""Reliability and reviewer severity (moderators) and the public bias audit, with CSV files."""

import csv
from typing import Any

import pandas as pd
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from collegium import access
from collegium.consistency import adjusted, readings, statistics
from collegium.consistency.charts import chart

ALPHA_GUIDES = (0.667, 0.8)
SEVERITY_COLUMNS = ["severity", "low", "high", "ratings", "schools", "flagged"]


def _csv(frame: pd.DataFrame, filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(frame.columns)
    for row in frame.itertuples(index=False):
        writer.writerow(["" if pd.isna(v) else v for v in row])
    return response


def _grouping(result: statistics.Reliability, by: str, title: str) -> dict[str, Any]:
    table = result.tables.get(by, pd.DataFrame())
    rows = readings.alpha_chart_rows(table, by) if not table.empty else []
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
        "rows": readings.reliability_rows(table, by) if not table.empty else [],
        "readings": readings.readings(table, by) if not table.empty else [],
        "chart": svg,
    }


@require_GET
def reliability(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "consistency.view")
    result = statistics.reliability()
    groupings = (
        [_grouping(result, by, title) for by, title in statistics.GROUPINGS.items()]
        if result.enough
        else []
    )
    context = {"result": result, "groupings": groupings, "minimum": statistics.MIN_REVIEWS}
    return render(request, "consistency/reliability.html", context)


@require_GET
def reliability_csv(request: HttpRequest, by: str) -> HttpResponse:
    access.require(request.user, "consistency.view")
    if by not in statistics.GROUPINGS:
        raise Http404
    result = statistics.reliability()
    table = result.tables.get(by, pd.DataFrame())
    return _csv(table, f"reliability-by-{by}.csv")


@require_GET
def severity(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "consistency.view")
    result = statistics.severity()
    rows, svg, drift_svg = [], "", ""
    if result.table is not None:
        rows = result.table.to_dict("records")
        for record in rows:
            record["reading"] = readings.severity_reading(record)
            if record["flagged"]:
                record["reviews"] = adjusted.reviews_of(result, int(record["reviewer"]))
        svg = chart(
            "intervals",
            readings.severity_chart_rows(result.table),
            xlabel="Severity (judgement points, harsher to the right)",
            guides=(0.0,),
        )
    if result.drift is not None and result.table is not None:
        flagged = dict(zip(result.table["name"], result.table["flagged"], strict=True))
        points = [
            (str(r["name"]), str(r["term"]), float(r["severity"]), bool(flagged[r["name"]]))
            for r in result.drift.to_dict("records")
        ]
        drift_svg = chart("drift", points, terms=result.terms)
    context = {
        "result": result,
        "rows": rows,
        "flagged": [r for r in rows if r["flagged"]],
        "chart": svg,
        "drift_chart": drift_svg,
    }
    return render(request, "consistency/severity.html", context)


@require_GET
def review_adjusted(request: HttpRequest, pk: int) -> HttpResponse:
    access.require(request.user, "consistency.view")
    review = access.get_review_for(request.user, pk, "review.view")
    result = statistics.severity()
    rows = adjusted.adjusted_judgements(review, result)
    context = {"review": review, "rows": rows, "result": result}
    return render(request, "consistency/adjusted.html", context)


@require_GET
def severity_csv(request: HttpRequest, table: str) -> HttpResponse:
    access.require(request.user, "consistency.view")
    result = statistics.severity()
    frames = {"reviewers": result.table, "terms": result.drift}
    if table not in frames:
        raise Http404
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
    result = statistics.bias()
    areas = []
    if result.enough:
        assert result.coefficients is not None
        areas = [_bias_area(result, a) for a in sorted(result.coefficients["area"].unique())]
    context = {"result": result, "areas": areas, "minimum": statistics.MIN_BIAS_SCHOOLS}
    return render(request, "consistency/bias.html", context)


@require_GET
def bias_csv(request: HttpRequest, table: str) -> HttpResponse:
    access.require(request.user, "bias.view")
    result = statistics.bias()
    frames = {"coefficients": result.coefficients, "distribution": result.distribution}
    if table not in frames:
        raise Http404
    frame = frames[table]
    return _csv(frame if frame is not None else pd.DataFrame(), f"bias-audit-{table}.csv")
