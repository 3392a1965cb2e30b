"""Local-authority and England figures of every measure, year and phase (D1).

Worked out from what the register holds, in one grouped query per table, after each import
(`importing.loader.refresh_comparators`); the pages read the stored `Comparator` rows. How each
measure is averaged is set in `measures.py`; a school counts in its own phase (special
schools together, whatever their phase) and local authority, and in England's figure.
"""

from collections import defaultdict
from typing import Any

from django.db import models
from django.db.models import Count, F, FloatField, Q, Sum, Value
from django.db.models.functions import Cast

from collegium.schools.measures import CENSUS_PUPILS, PUPILS_PAID_FOR, TOPICS, Measure, Topic
from collegium.schools.models import (
    Absence,
    Census,
    Comparator,
    Finance,
    KeyStage2Result,
    KeyStage4Destination,
    KeyStage4Result,
)

MODELS: dict[str, type[models.Model]] = {
    "census": Census,
    "absence": Absence,
    "ks2": KeyStage2Result,
    "ks4": KeyStage4Result,
    "destination": KeyStage4Destination,
    "finance": Finance,
}
# The DfE's national figures are for state-funded schools; independent schools (and
# independent special schools) are left out.
LEFT_OUT = Q(school__school_group="Independent School") | Q(
    school__school_type__icontains="independent"
)
SPECIAL_GROUP = "Special School"
PLACES = 4
Sums = list[float]  # [sum of weighted values, sum of weights, schools]


def comparator_rows() -> list[dict[str, Any]]:
    """Every comparator the register's figures give, as Comparator field values."""
    rows: list[dict[str, Any]] = []
    for topic in TOPICS:
        rows += _topic_rows(topic)
    return rows


def _topic_rows(topic: Topic) -> list[dict[str, Any]]:
    records = MODELS[topic.table]._default_manager.exclude(LEFT_OUT)
    if any(measure.weight == CENSUS_PUPILS for measure in topic.measures):
        records = records.filter(school__censuses__year=F("year"))
    sums: dict[str, Any] = {}
    for measure in topic.measures:
        value, weight, counted = _parts(measure)
        sums[f"{measure.field}__value"] = Sum(value * weight, filter=counted)
        sums[f"{measure.field}__weight"] = Sum(weight, filter=counted)
        sums[f"{measure.field}__schools"] = Count("pk", filter=counted)
    grouped = records.values(
        "year", "school__phase", "school__school_group", "school__local_authority_id"
    )
    totals: dict[tuple[str, int, str, str], Sums] = defaultdict(lambda: [0.0, 0.0, 0])
    for group in grouped.annotate(**sums).order_by():
        la = group["school__local_authority_id"]
        areas = [Comparator.ENGLAND] + ([str(la)] if la is not None else [])
        compared_in = comparison_group(group["school__phase"], group["school__school_group"])
        for measure in topic.measures:
            if not group[f"{measure.field}__schools"]:
                continue
            for area in areas:
                key = (topic.key(measure), group["year"], compared_in, area)
                _add(totals[key], group, measure.field)
    return [_row(key, sums) for key, sums in totals.items() if sums[1]]


def comparison_group(phase: str, school_group: str) -> str:
    """The schools a school is compared with: special schools with special schools, the others
    with their phase (the Comparator's `phase`)."""
    return Comparator.SPECIAL if school_group == SPECIAL_GROUP else phase


def _parts(measure: Measure) -> tuple[Any, Any, Q]:
    """The value, its weight, and which rows count (the value and its weight both known)."""
    value = Cast(measure.field, FloatField())
    counted = Q(**{f"{measure.field}__isnull": False})
    if measure.weight is None:
        return value, Value(1.0, output_field=FloatField()), counted
    if measure.weight == PUPILS_PAID_FOR:  # income / income per pupil = the pupils paid for
        total = measure.field.removesuffix("_per_pupil")
        amount = Cast(total, FloatField())
        positive = Q(**{f"{total}__gt": 0, f"{measure.field}__gt": 0})
        return value, amount / value, counted & positive
    weight_field = "school__censuses__pupils" if measure.weight == CENSUS_PUPILS else measure.weight
    counted &= Q(**{f"{weight_field}__gt": 0})
    return value, Cast(weight_field, FloatField()), counted


def _add(sums: Sums, group: dict[str, Any], field: str) -> None:
    sums[0] += float(group[f"{field}__value"])
    sums[1] += float(group[f"{field}__weight"])
    sums[2] += group[f"{field}__schools"]


def _row(key: tuple[str, int, str, str], sums: Sums) -> dict[str, Any]:
    measure, year, phase, area = key
    value = round(sums[0] / sums[1], PLACES) + 0.0  # + 0.0: never a negative zero
    return {"measure": measure, "year": year, "phase": phase, "area": area, "value": value,
            "schools": int(sums[2])}  # fmt: skip
