"""The figures from a school's context data (the register) that a success measure can use, and
that the impact page compares with statistical neighbours."""

from dataclasses import dataclass

from django.db import models

from collegium.schools.models import Absence, KeyStage2Result, KeyStage4Result


@dataclass(frozen=True)
class Figure:
    label: str
    model: type[models.Model]
    field: str
    higher_is_better: bool


FIGURES: dict[str, Figure] = {
    "ks2_expected": Figure(
        "% reaching the expected standard in reading, writing and maths (key stage 2)",
        KeyStage2Result,
        "pct_expected_standard",
        True,
    ),
    "ks2_higher": Figure(
        "% at the higher standard in reading, writing and maths (key stage 2)",
        KeyStage2Result,
        "pct_higher_standard",
        True,
    ),
    "ks2_reading_progress": Figure(
        "Reading progress score (key stage 2)", KeyStage2Result, "reading_progress", True
    ),
    "ks4_attainment_8": Figure(
        "Attainment 8 score (key stage 4)", KeyStage4Result, "attainment_8", True
    ),
    "ks4_english_maths_5": Figure(
        "% grade 5 or above in English and maths (key stage 4)",
        KeyStage4Result,
        "pct_english_maths_5",
        True,
    ),
    "absence_overall": Figure("% of sessions missed", Absence, "pct_overall", False),
    "absence_persistent": Figure(
        "% of pupils persistently absent", Absence, "pct_persistent", False
    ),
}


def figure_choices() -> list[tuple[str, str]]:
    return [(key, figure.label) for key, figure in FIGURES.items()]


def series(figure_key: str, school_ids: list[int]) -> dict[int, dict[int, float]]:
    """{school id: {year: value}} for the figure, leaving out missing values."""
    figure = FIGURES[figure_key]
    rows = figure.model._default_manager.filter(
        school_id__in=school_ids, **{f"{figure.field}__isnull": False}
    ).values_list("school_id", "year", figure.field)
    found: dict[int, dict[int, float]] = {school_id: {} for school_id in school_ids}
    for school_id, year, value in rows:
        found[school_id][year] = float(value)
    return found
