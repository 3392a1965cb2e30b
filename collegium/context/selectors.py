"""Reads for the context pages: a school's stored contextual value added, the similar schools it
is shown among, and the pupil files. Nothing here fits a model: the fits are stored on upload.

A school is shown among up to 10 schools of the same fit and phase whose intake is most like
its own: statistical neighbours (N4, `collegium.neighbours`: size, % FSM, % SEN from each
school's latest census), measured against the spread of those figures across the fit's schools
of the phase. Without census figures to compare, the schools with the closest number of pupils
in the file are shown instead, and the page says so. The choice is kept in the cache under the
fit (a fit never changes).
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import OuterRef, QuerySet, Subquery

from collegium.context.models import UNIT, PupilFile, SchoolValueAdded
from collegium.cva import Reading, describe
from collegium.neighbours import SchoolFigures, nearest
from collegium.schools.models import Census, School

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
    results = (
        SchoolValueAdded.objects.filter(school=school)
        .select_related("fit", "fit__pupil_file", "pupil_file", "school")
        .order_by("fit__measure", "-fit__year", "-fit__fitted_at", "-fit_id")
    )
    newest: dict[str, SchoolValueAdded] = {}
    for result in results:
        newest.setdefault(result.fit.measure, result)
    return [_standing(result) for result in newest.values()]


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
    others = dict(
        SchoolValueAdded.objects.filter(fit_id=result.fit_id, school__phase=phase)
        .exclude(school_id=result.school_id)
        .exclude(effect__isnull=True)
        .values_list("school_id", "pupils")
    )
    figures = latest_figures([result.school_id, *others], phase)
    target = figures.get(result.school_id)
    if target is not None:
        candidates = [figures[urn] for urn in others if urn in figures]
        found = nearest(target, candidates, NEIGHBOURS)
        if found:
            return BY_INTAKE, [n.figures.id for n in found]
    by_size = sorted(others, key=lambda urn: (abs(others[urn] - result.pupils), urn))
    return BY_SIZE, by_size[:NEIGHBOURS]


def latest_figures(urns: list[int], phase: str) -> dict[int, SchoolFigures]:
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
