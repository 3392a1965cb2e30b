"""Reads for the context pages: a school's stored contextual value added, the similar schools it
is shown among, and the pupil files. Nothing here fits a model: the fits are stored on upload.

A school is shown among up to 10 schools of the same fit and phase whose intake is most like
its own: statistical neighbours (N4, `collegium.neighbours`: size, % FSM, % SEN from each
school's latest census), measured against the spread of those figures across the fit's schools
of the phase. Without census figures to compare, the schools with the closest number of pupils
in the file are shown instead, and the page says so. The choice is kept in the cache under the
fit (a fit never changes).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.cache import cache
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from collegium.context import counts
from collegium.context.models import (
    UNIT,
    CensusCount,
    CensusCountFile,
    PupilFile,
    SchoolValueAdded,
    ValueAddedFit,
)
from collegium.cva import Reading, describe
from collegium.neighbours import SchoolFigures, nearest
from collegium.schools.comparators import MODELS, comparison_group
from collegium.schools.history import figures_out_of_date
from collegium.schools.measures import MEASURES, Topic
from collegium.schools.measures import Measure as FigureMeasure
from collegium.schools.models import Census, Comparator, ImportRun, Phase, School

NEIGHBOURS = 10
NEIGHBOURS_SECONDS = 7 * 24 * 3600
BY_INTAKE = "intake"  # statistical neighbours
BY_SIZE = "size"  # the closest numbers of pupils, when intake cannot be compared


@dataclass(frozen=True)
class Standing:
    """A school's contextual value added for one measure: its newest stored result."""

    result: SchoolValueAdded
    sentence: str
    neighbours: list[SchoolValueAdded]  # the school and the similar schools, by effect
    chosen_by: str  # BY_INTAKE or BY_SIZE

    @property
    def shown(self) -> bool:
        return self.result.reading != Reading.TOO_FEW


def standings_of(school: School) -> list[Standing]:
    """For each measure, the school's result in the newest fit of its newest year."""
    return [_standing(result) for result in _newest_results(school)]


def _standing(result: SchoolValueAdded) -> Standing:
    sentence = describe(result.as_effect(), unit=UNIT)
    if result.effect is None:
        return Standing(result, sentence, [], BY_INTAKE)
    chosen_by, urns = _neighbour_urns(result)
    rows = list(
        SchoolValueAdded.objects.filter(
            fit_id=result.fit_id, school_id__in=[*urns, result.school_id]
        )
        .select_related("school")
        .order_by("effect", "school_id")
    )
    return Standing(result, sentence, rows, chosen_by)


def _neighbour_urns(result: SchoolValueAdded) -> tuple[str, list[int]]:
    name = f"context:neighbours:{result.fit_id}:{result.school_id}"
    kept = cache.get(name)
    if kept is None:
        kept = _choose_neighbours(result)
        cache.set(name, kept, NEIGHBOURS_SECONDS)
    return kept[0], list(kept[1])


def _choose_neighbours(result: SchoolValueAdded) -> tuple[str, list[int]]:
    """Up to 10 schools of the fit and phase with a figure, most similar in intake first."""
    phase = result.school.phase
    sizes = dict(
        SchoolValueAdded.objects.filter(fit_id=result.fit_id, school__phase=phase)
        .exclude(effect__isnull=True)
        .values_list("school_id", "pupils")
    )
    sizes[result.school_id] = result.pupils
    figures = latest_figures(list(sizes), phase)
    return choose_neighbours(result.school_id, sizes, figures)


def choose_neighbours(
    urn: int, sizes: Mapping[int, float | None], figures: Mapping[int, SchoolFigures]
) -> tuple[str, list[int]]:
    """The one choice of similar schools, for the caterpillar plot and the comparison page: up
    to 10 of `sizes` (school → pupils, the school itself among them), statistical neighbours
    by intake when the school has census figures, else the closest numbers of pupils."""
    others = [other for other in sizes if other != urn]
    target = figures.get(urn)
    if target is not None:
        candidates = [figures[other] for other in others if other in figures]
        found = nearest(target, candidates, NEIGHBOURS)
        if found:
            return BY_INTAKE, [n.figures.id for n in found]
    size = sizes.get(urn) or 0
    by_size = sorted(
        others, key=lambda other: (sizes[other] is None, abs((sizes[other] or 0) - size), other)
    )
    return BY_SIZE, by_size[:NEIGHBOURS]


def latest_figures(urns: list[int] | QuerySet[School, Any], phase: str) -> dict[int, SchoolFigures]:
    """Each school's size, % FSM and % SEN from its latest census (absent without one)."""
    latest = Census.objects.filter(school_id=OuterRef("school_id")).order_by("-year")
    rows = Census.objects.filter(
        school_id__in=urns, year=Subquery(latest.values("year")[:1])
    ).values_list("school_id", "pupils", "pct_fsm_ever", "pct_sen_support", "pct_ehc_plan")
    figures = {}
    for urn, pupils, fsm, support, ehc in rows:
        sen = None if support is None and ehc is None else (support or 0) + (ehc or 0)
        figures[urn] = SchoolFigures(id=urn, phase=phase, pupils=pupils, pct_fsm=fsm, pct_sen=sen)
    return figures


def pupil_files() -> QuerySet[PupilFile]:
    """Every pupil file, newest first, for the network's list."""
    return PupilFile.objects.select_related("school", "uploaded_by")


def school_files(school: School) -> QuerySet[PupilFile]:
    """The school's own uploads, newest first."""
    return PupilFile.objects.filter(school=school).select_related("uploaded_by")


def points(value: float | None) -> str:
    """A figure in points with its sign, minus as a true minus sign: +0.42, −1.30, 0.00."""
    if value is None:
        return "–"
    text = f"{value:+.2f}"
    if float(text) == 0:
        return "0.00"
    return text.replace("-", "−")


# D3: the school beside its similar schools, the local authority and England. The outcomes
# compared depend on the phase; absence, income and spend per pupil are shown beside them, never
# divided into one another.
OUTCOMES = {
    Phase.PRIMARY: [("ks2", "pct_expected_standard"), ("ks2", "maths_progress")],
    Phase.MIDDLE: [("ks2", "pct_expected_standard"), ("ks2", "maths_progress")],
    Phase.SECONDARY: [("ks4", "attainment_8"), ("ks4", "progress_8")],
    Phase.ALL_THROUGH: [("ks4", "attainment_8"), ("ks4", "progress_8")],
}
BESIDE = [
    ("absence", "pct_overall"),
    ("finance", "income_per_pupil"),
    ("finance", "expenditure_per_pupil"),
]
SIMILAR_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Cell:
    value: Any  # None when the school has no figure for the measure
    year: int | None


@dataclass(frozen=True)
class ComparedRow:
    name: str
    school: School | None  # None for the local authority and England
    own: bool
    cells: list[Cell]
    value_added: list[SchoolValueAdded | None]  # one per fit compared


@dataclass(frozen=True)
class Comparison:
    school: School
    measures: list[tuple[Topic, FigureMeasure]]
    fits: list[ValueAddedFit]  # the school's newest fit per measure
    schools: list[ComparedRow]  # the school first, then its similar schools by name
    areas: list[ComparedRow]  # the local authority and England
    chosen_by: str
    out_of_date: bool


def comparison_of(school: School, today: date | None = None) -> Comparison:
    """The school beside up to 10 similar schools of the register (N4), its local authority and
    England: outcomes, contextual value added with intervals, absence and income per pupil."""
    chosen_by, urns = similar_in_register(school)
    neighbours = School.objects.in_bulk(urns)
    schools = [school, *sorted(neighbours.values(), key=lambda s: (s.name, s.urn))]
    measures = [MEASURES[f"{t}.{f}"] for t, f in OUTCOMES.get(Phase(school.phase), []) + BESIDE]
    newest = [_newest_values(t, m, [s.urn for s in schools]) for t, m in measures]
    fits = [result.fit for result in _newest_results(school) if result.effect is not None]
    effects = _effects(fits, [s.urn for s in schools])
    rows = [
        ComparedRow(
            s.name,
            s,
            s.urn == school.urn,
            [cells.get(s.urn, Cell(None, None)) for cells in newest],
            [effects.get((fit.pk, s.urn)) for fit in fits],
        )
        for s in schools
    ]
    years = [max((c.year for c in cells.values() if c.year), default=None) for cells in newest]
    own_years = [rows[0].cells[i].year or years[i] for i in range(len(measures))]
    return Comparison(
        school=school,
        measures=measures,
        fits=fits,
        schools=rows,
        areas=_area_rows(school, measures, own_years, len(fits)),
        chosen_by=chosen_by,
        out_of_date=figures_out_of_date(max(filter(None, own_years), default=None),
                                        today or timezone.localdate()),
    )  # fmt: skip


def similar_in_register(school: School) -> tuple[str, list[int]]:
    """The school's 10 statistical neighbours among the open schools of its phase, kept in the
    cache until the register is imported again."""
    run = ImportRun.objects.order_by("-pk").values_list("pk", flat=True).first()
    name = f"context:similar:{school.urn}:{run}"
    kept = cache.get(name)
    if kept is None:
        pool = School.objects.filter(phase=school.phase, is_open=True).values("urn")
        figures = latest_figures(pool, school.phase)
        figures |= latest_figures([school.urn], school.phase)
        sizes = {urn: f.pupils for urn, f in figures.items()}
        sizes.setdefault(school.urn, None)
        kept = choose_neighbours(school.urn, sizes, figures)
        cache.set(name, kept, SIMILAR_SECONDS)
    return kept[0], list(kept[1])


def _newest_results(school: School) -> list[SchoolValueAdded]:
    """The school's result in the newest fit of its newest year, for each measure."""
    results = (
        SchoolValueAdded.objects.filter(school=school)
        .select_related("fit", "fit__pupil_file", "pupil_file", "school")
        .order_by("fit__measure", "-fit__year", "-fit__fitted_at", "-fit_id")
    )
    newest: dict[str, SchoolValueAdded] = {}
    for result in results:
        newest.setdefault(result.fit.measure, result)
    return list(newest.values())


def _newest_values(topic: Topic, measure: FigureMeasure, urns: list[int]) -> dict[int, Cell]:
    """Each school's newest figure of the measure, with its year (one query)."""
    rows = (
        MODELS[topic.table]
        ._default_manager.filter(school_id__in=urns, **{f"{measure.field}__isnull": False})
        .order_by("school_id", "-year")
        .values_list("school_id", "year", measure.field)
    )
    found: dict[int, Cell] = {}
    for urn, year, value in rows:
        found.setdefault(urn, Cell(value, year))
    return found


def _effects(fits: list[ValueAddedFit], urns: list[int]) -> dict[tuple[int, int], SchoolValueAdded]:
    rows = SchoolValueAdded.objects.filter(fit__in=fits, school_id__in=urns)
    return {(row.fit_id, row.school_id): row for row in rows}


def _area_rows(
    school: School, measures: list[tuple[Topic, FigureMeasure]], years: list[int | None], fits: int
) -> list[ComparedRow]:
    la = str(school.local_authority_id) if school.local_authority_id is not None else None
    group = comparison_group(school.phase, school.school_group)
    areas = [area for area in (la, Comparator.ENGLAND) if area]
    found: dict[tuple[str, int | None, str], float] = {
        (c.measure, c.year, c.area): c.value
        for c in Comparator.objects.filter(
            phase=group, area__in=areas, year__in={y for y in years if y}
        )
    }
    la_name = school.local_authority.name if school.local_authority else "Local authority"
    names = {la: la_name, Comparator.ENGLAND: "England"}
    return [
        ComparedRow(
            names[area],
            None,
            False,
            [
                Cell(found.get((t.key(m), year, area)), year)
                for (t, m), year in zip(measures, years, strict=True)
            ],
            [None] * fits,
        )
        for area in areas
    ]


# D4: the off-rolling signal, worked out from every uploaded census count (kept in the cache
# until the next upload), shown as a question in the pre-review analysis and to moderators.


def offrolling_signals() -> list[counts.Signal]:
    newest = CensusCountFile.objects.order_by("-pk").values_list("pk", flat=True).first()
    if newest is None:
        return []
    name = f"context:offrolling:{newest}"
    kept: list[counts.Signal] | None = cache.get(name)
    if kept is None:
        rows = CensusCount.objects.values_list("school_id", "year", "year_group", "pupils")
        found = {(urn, year, group): pupils for urn, year, group, pupils in rows}
        kept = counts.signals(counts.changes(found))
        cache.set(name, kept, SIMILAR_SECONDS)
    return kept


def offrolling_of(school: School) -> list[counts.Signal]:
    """The school's cohorts of its newest year with counts, flagged ones first."""
    own = [s for s in offrolling_signals() if s.change.urn == school.urn]
    newest = max((s.change.year for s in own), default=None)
    shown = [s for s in own if s.change.year == newest]
    return sorted(shown, key=lambda s: (not s.flagged, -s.change.group))


def flagged_schools() -> list[tuple[School, counts.Signal]]:
    """Every flagged cohort with its school, newest year first."""
    flagged = [s for s in offrolling_signals() if s.flagged]
    schools = School.objects.in_bulk({s.change.urn for s in flagged})
    flagged.sort(key=lambda s: (-s.change.year, schools[s.change.urn].name, s.change.group))
    return [(schools[s.change.urn], s) for s in flagged]


def funnel_of(signal: counts.Signal) -> list[counts.Signal]:
    """Every school's cohort of the same year and transition, for the funnel plot."""
    c = signal.change
    return [s for s in offrolling_signals() if (s.change.year, s.change.group) == (c.year, c.group)]


def unshrunk_value_added(urns: list[int]) -> dict[int, tuple[float, float, float]]:
    """D5: each school's contextual value added in its newest fit, before shrinkage, for the
    bias audit (which shrinks value added itself; shrinking twice would pull every school to
    the mean): {urn: (residual, its standard error, τ)}. The stored effect is the residual
    shrunk by nγ / (1 + nγ), γ = τ² / σ², so the residual is effect × (1 + nγ) / (nγ), with
    standard error √(σ² / n); τ is the fit's spread of schools beyond their intake."""
    rows = (
        SchoolValueAdded.objects.filter(school_id__in=urns, effect__isnull=False)
        .filter(fit__school_variance__gt=0, fit__residual_variance__gt=0)
        .order_by("school_id", "-fit__year", "-fit__fitted_at", "-fit_id")
        .values_list(
            "school_id", "effect", "pupils", "fit__residual_variance", "fit__school_variance"
        )
    )
    found: dict[int, tuple[float, float, float]] = {}
    for urn, effect, pupils, sigma2, tau2 in rows:
        if urn in found or effect is None:
            continue
        n_gamma = pupils * tau2 / sigma2
        found[urn] = (effect * (1 + n_gamma) / n_gamma, (sigma2 / pupils) ** 0.5, tau2**0.5)
    return found
