"""N4 on the register: statistical neighbours of a school from its latest census.

`similar_schools(school, k, among=None)` gives the k schools of the same phase whose size,
% FSM (ever, last 6 years) and % SEN (SEN support + EHC plan) are closest, standardised by
their spread across every open school of the phase; `among` narrows the schools returned.
`Comparison` measures any chosen schools against the spread of the whole phase.
The computation is the pure package `collegium.neighbours`.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from collegium.neighbours import Neighbour, SchoolFigures, distance, km_between, nearest, scales_of
from collegium.schools.models import Census, School


@dataclass(frozen=True)
class SimilarSchool:
    school: School
    distance: float  # in spreads: 0 is identical figures
    km: float | None
    figures: SchoolFigures


def candidates_for(school: School) -> QuerySet[School]:
    """The population a school is compared with: open schools of its phase."""
    return School.objects.filter(phase=school.phase, is_open=True)


def latest_figures(schools: QuerySet[School] | Iterable[School]) -> dict[int, SchoolFigures]:
    """Each school's figures from its latest census (figures missing if it has none)."""
    if isinstance(schools, QuerySet):
        rows = list(schools.values_list("urn", "phase", "latitude", "longitude"))
        censuses = Census.objects.filter(school_id__in=schools.values("urn"))  # type: ignore[misc]
    else:
        rows = [(s.pk, s.phase, s.latitude, s.longitude) for s in schools]
        censuses = Census.objects.filter(school_id__in=[row[0] for row in rows])
    latest: dict[int, Census] = {}
    for record in censuses.order_by("school_id", "-year"):
        latest.setdefault(record.school_id, record)
    figures = {}
    for urn, phase, latitude, longitude in rows:
        census: Census | None = latest.get(urn)
        figures[urn] = SchoolFigures(
            id=urn,
            phase=phase,
            pupils=census.pupils if census else None,
            pct_fsm=census.pct_fsm_ever if census else None,
            pct_sen=census.pct_sen if census else None,
            latitude=latitude,
            longitude=longitude,
        )
    return figures


def similar_schools(
    school: School, k: int = 10, among: QuerySet[School] | Iterable[School] | None = None
) -> list[SimilarSchool]:
    """The school's k statistical neighbours, nearest first (ties by URN), from `among` if
    given (only those of the school's phase count) or else every open school of its phase.
    Figures are standardised by their spread across the open schools of the phase, so a
    short `among` list is measured on the same scale as the whole phase."""
    comparison = Comparison(school)
    pool = comparison.population if among is None else latest_figures(among)
    pool.pop(school.pk, None)
    found = nearest(comparison.target, pool.values(), k, comparison.scales)
    schools = School.objects.in_bulk([n.figures.id for n in found])
    return [_similar(schools[n.figures.id], n) for n in found]


def _target(pool: dict[int, SchoolFigures], school: School) -> SchoolFigures:
    """The school's own figures, taken out of the pool it is compared with."""
    if school.pk in pool:
        return pool.pop(school.pk)
    return latest_figures([school])[school.pk]


def _similar(school: School, neighbour: Neighbour) -> SimilarSchool:
    return SimilarSchool(school, neighbour.distance, neighbour.km, neighbour.figures)


class Comparison:
    """A school's figures and the spread of its phase, to measure any other school against."""

    def __init__(self, school: School) -> None:
        self.population = latest_figures(candidates_for(school))
        self.target = _target(self.population, school)
        self.scales = scales_of(self.population.values())

    def figures(self, schools: Iterable[School]) -> dict[int, SchoolFigures]:
        return latest_figures(schools)

    def distance(self, other: SchoolFigures) -> float | None:
        """None for a school of another phase, or one that cannot be compared."""
        if other.phase != self.target.phase or other.id == self.target.id:
            return None
        return distance(self.target, other, self.scales)

    def km(self, other: SchoolFigures) -> float | None:
        return km_between(self.target, other)
