"""The figures from a school's context data (the register) that a success measure can use, and
that the impact page compares with statistical neighbours."""

from dataclasses import dataclass

from django.db import models

from collegium.schools.models import Absence, KeyStage2Result, KeyStage4Result, Phase, School

PERCENT = "%"
SCORE = "score"

# Every school of these phases is expected to publish key stage 4 figures, even before its first
# results are in the register. Key stage 2 figures are offered only to schools with key stage 2
# results: infant and first schools are "primary" too, but their pupils leave before year 6.
KEY_STAGE_4_PHASES = frozenset({Phase.SECONDARY, Phase.ALL_THROUGH})
ANY_PHASE = frozenset(Phase)


@dataclass(frozen=True)
class Figure:
    label: str
    model: type[models.Model]
    field: str
    higher_is_better: bool
    unit: str = PERCENT  # PERCENT or SCORE
    phases: frozenset[str] = frozenset()  # offered to these phases even without data

    def format(self, value: float | None) -> str:
        """The value as people read it: "43%" or "4.7%" for a percentage, "47.3" for a score."""
        if value is None:
            return "–"
        if self.unit == PERCENT:
            return f"{value:.1f}".removesuffix(".0") + "%"
        return f"{value:.1f}"


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
        "Reading progress score (key stage 2)", KeyStage2Result, "reading_progress", True, SCORE
    ),
    "ks4_attainment_8": Figure(
        "Attainment 8 score (key stage 4)",
        KeyStage4Result,
        "attainment_8",
        True,
        SCORE,
        KEY_STAGE_4_PHASES,
    ),
    "ks4_english_maths_5": Figure(
        "% grade 5 or above in English and maths (key stage 4)",
        KeyStage4Result,
        "pct_english_maths_5",
        True,
        PERCENT,
        KEY_STAGE_4_PHASES,
    ),
    "absence_overall": Figure(
        "% of sessions missed", Absence, "pct_overall", False, PERCENT, ANY_PHASE
    ),
    "absence_persistent": Figure(
        "% of pupils persistently absent", Absence, "pct_persistent", False, PERCENT, ANY_PHASE
    ),
}


def figure_choices() -> list[tuple[str, str]]:
    return [(key, figure.label) for key, figure in FIGURES.items()]


def figures_for(school: School) -> list[tuple[str, str]]:
    """The figures that fit the school, as choices: those its phase publishes (absence for
    every school, key stage 4 for secondary and all-through schools) and any it has data for
    (so key stage 2 figures only for schools with key stage 2 results)."""
    with_data = {
        key
        for key, figure in FIGURES.items()
        if figure.model._default_manager.filter(
            school=school, **{f"{figure.field}__isnull": False}
        ).exists()
    }
    return [
        (key, figure.label)
        for key, figure in FIGURES.items()
        if key in with_data or school.phase in figure.phases
    ]


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
