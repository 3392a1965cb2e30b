"""N4 on the register: statistical neighbours of a school from its latest census.

`similar_schools(school, k, among=None)` gives the k schools of the same phase whose size,
% FSM (ever, last 6 years) and % SEN (SEN support + EHC plan) are closest, standardised by
their spread across every open school of the phase; `among` narrows the schools returned.
`NeighbourFinder` measures any chosen schools against the spread of the whole phase.
The computation is the pure package `collegium.neighbours`.

Only each school's latest census is read (one query), and the spread of each phase is kept in
Django's cache until the register is imported again (`phase_scales`), so a page that measures a
few schools does not read the figures of every school in the country.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import OuterRef, QuerySet, Subquery

from collegium.neighbours import Neighbour, SchoolFigures, distance, km_between, nearest, scales_of
from collegium.schools.models import Census, ImportRun, School

SCALES_TIMEOUT = 60 * 60  # seconds: a bound on staleness if figures change without an import


@dataclass(frozen=True)
class SimilarSchool:
    school: School
    distance: float  # in spreads: 0 is identical figures
    km: float | None
    figures: SchoolFigures


def candidates_for(school: School) -> QuerySet[School]:
    """The population a school is compared with: open schools of its phase."""
    return School.objects.filter(phase=school.phase, is_open=True)


def latest_censuses(**filters: Any) -> dict[int, tuple[Any, ...]]:
    """School id → (pupils, % FSM ever, % SEN) from its latest census, for the censuses
    matching `filters`, in one query (a school with no census is absent)."""
    latest_year = Census.objects.filter(school_id=OuterRef("school_id")).order_by("-year")
    rows = (
        Census.objects.filter(**filters)
        .filter(year=Subquery(latest_year.values("year")[:1]))
        .values_list("school_id", "pupils", "pct_fsm_ever", "pct_sen_support", "pct_ehc_plan")
    )
    # One Census reused for every row, so the % SEN is the model's own (Census.pct_sen) without
    # building a model instance per school: a phase has up to 16,000 of them.
    census = Census()
    found: dict[int, tuple[Any, ...]] = {}
    for school_id, pupils, fsm, support, ehc in rows:
        census.pct_sen_support, census.pct_ehc_plan = support, ehc
        found[school_id] = (pupils, fsm, census.pct_sen)
    return found


def latest_figures(schools: QuerySet[School] | Iterable[School]) -> dict[int, SchoolFigures]:
    """Each school's figures from its latest census (figures missing if it has none)."""
    if isinstance(schools, QuerySet):
        rows = list(schools.values_list("urn", "phase", "latitude", "longitude"))
        censuses = latest_censuses(school_id__in=schools.values("urn"))
    else:
        rows = [(s.pk, s.phase, s.latitude, s.longitude) for s in schools]
        censuses = latest_censuses(school_id__in=[row[0] for row in rows]) if rows else {}
    figures = {}
    for urn, phase, latitude, longitude in rows:
        pupils, fsm, sen = censuses.get(urn, (None, None, None))
        figures[urn] = SchoolFigures(
            id=urn,
            phase=phase,
            pupils=pupils,
            pct_fsm=fsm,
            pct_sen=sen,
            latitude=latitude,
            longitude=longitude,
        )
    return figures


def phase_scales(phase: str) -> dict[str, float]:
    """The spread of each figure across the open schools of the phase (latest census each).
    Kept in the cache keyed by the phase and the latest finished import of the register, so
    it is computed again after each import; without an import it is computed each time."""
    run = (
        ImportRun.objects.filter(finished_at__isnull=False)
        .order_by("-finished_at", "-pk")
        .values_list("pk", "finished_at")
        .first()
    )
    if run is None:
        return _compute_scales(phase)
    run_id, finished_at = run
    name = f"improvement:scales:{phase}:{run_id}:{finished_at.isoformat() if finished_at else ''}"
    scales: dict[str, float] | None = cache.get(name)
    if scales is None:
        scales = _compute_scales(phase)
        cache.set(name, scales, SCALES_TIMEOUT)
    return scales


def _compute_scales(phase: str) -> dict[str, float]:
    censuses = latest_censuses(school__phase=phase, school__is_open=True)
    return scales_of(
        SchoolFigures(id=urn, phase=phase, pupils=pupils, pct_fsm=fsm, pct_sen=sen)
        for urn, (pupils, fsm, sen) in censuses.items()
    )


def similar_schools(
    school: School, k: int = 10, among: QuerySet[School] | Iterable[School] | None = None
) -> list[SimilarSchool]:
    """The school's k statistical neighbours, nearest first (ties by URN), from `among` if
    given (only those of the school's phase count) or else every open school of its phase.
    Figures are standardised by their spread across the open schools of the phase, so a
    short `among` list is measured on the same scale as the whole phase."""
    finder = NeighbourFinder(school)
    pool = latest_figures(candidates_for(school) if among is None else among)
    pool.pop(school.pk, None)
    found = nearest(finder.target, pool.values(), k, finder.scales)
    schools = School.objects.in_bulk([n.figures.id for n in found])
    return [_similar(schools[n.figures.id], n) for n in found]


def _similar(school: School, neighbour: Neighbour) -> SimilarSchool:
    return SimilarSchool(school, neighbour.distance, neighbour.km, neighbour.figures)


class NeighbourFinder:
    """A school's figures and the spread of its phase, to measure any other school against."""

    def __init__(self, school: School) -> None:
        self.target = latest_figures([school])[school.pk]
        self.scales = phase_scales(school.phase)

    def figures(self, schools: Iterable[School]) -> dict[int, SchoolFigures]:
        return latest_figures(schools)

    def distance(self, other: SchoolFigures) -> float | None:
        """None for a school of another phase, or one that cannot be compared."""
        if other.phase != self.target.phase or other.id == self.target.id:
            return None
        return distance(self.target, other, self.scales)

    def km(self, other: SchoolFigures) -> float | None:
        return km_between(self.target, other)
