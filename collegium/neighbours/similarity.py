"""Weighted Euclidean distance on standardised figures, and great-circle distance."""

import heapq
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

FEATURES = ("size", "pct_fsm", "pct_sen")
WEIGHTS: Mapping[str, float] = {"size": 1.0, "pct_fsm": 1.0, "pct_sen": 1.0}
EARTH_RADIUS_KM = 6371.0088  # the mean radius (IUGG)


@dataclass(frozen=True)
class SchoolFigures:
    id: int
    phase: str
    pupils: float | None = None
    pct_fsm: float | None = None
    pct_sen: float | None = None
    latitude: float | None = None
    longitude: float | None = None

    def feature(self, name: str) -> float | None:
        """The figure as compared: size is the natural log of pupils on roll."""
        if name == "size":
            return math.log(self.pupils) if self.pupils and self.pupils > 0 else None
        value = getattr(self, name)
        return None if value is None else float(value)


@dataclass(frozen=True)
class Neighbour:
    figures: SchoolFigures
    distance: float  # in spreads: 0 is identical figures
    km: float | None  # on the ground; None when either school has no coordinates


Scales = Mapping[str, float]  # feature → spread (population standard deviation)


def scales_of(population: Iterable[SchoolFigures]) -> dict[str, float]:
    """The spread of each figure across the population; a figure with no spread is absent."""
    schools = list(population)
    scales = {}
    for name in FEATURES:
        values = [v for v in (s.feature(name) for s in schools) if v is not None]
        if len(values) < 2:
            continue
        mean = sum(values) / len(values)
        spread = math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))
        if spread > 0:
            scales[name] = spread
    return scales


def distance(
    a: SchoolFigures, b: SchoolFigures, scales: Scales, weights: Mapping[str, float] = WEIGHTS
) -> float | None:
    """The distance over the figures `a` has and the scales cover; None if `b` lacks one
    of them or no figure can be compared."""
    total, used = 0.0, 0
    for name, spread in scales.items():
        mine = a.feature(name)
        if mine is None:
            continue
        theirs = b.feature(name)
        if theirs is None:
            return None
        total += weights.get(name, 1.0) * ((mine - theirs) / spread) ** 2
        used += 1
    return math.sqrt(total) if used else None


def distances(
    target: SchoolFigures,
    candidates: Iterable[SchoolFigures],
    scales: Scales | None = None,
    weights: Mapping[str, float] = WEIGHTS,
) -> list[Neighbour]:
    """Every candidate of the target's phase that can be compared, nearest first (ties by id).
    The target itself (same id) is never its own neighbour. Without `scales`, the spread is
    taken across the candidates of the target's phase."""
    pool = [c for c in candidates if c.phase == target.phase and c.id != target.id]
    scales = scales_of(pool) if scales is None else scales
    return _neighbours(target, sorted(_scored(target, pool, scales, weights)))


def nearest(
    target: SchoolFigures,
    candidates: Iterable[SchoolFigures],
    k: int,
    scales: Scales | None = None,
    weights: Mapping[str, float] = WEIGHTS,
) -> list[Neighbour]:
    """The k statistical neighbours of the target (fewer if fewer can be compared)."""
    if scales is None:
        return distances(target, candidates, scales, weights)[: max(k, 0)]
    kept = heapq.nsmallest(max(k, 0), _scored(target, candidates, scales, weights))
    return _neighbours(target, kept)


def _scored(
    target: SchoolFigures,
    candidates: Iterable[SchoolFigures],
    scales: Scales,
    weights: Mapping[str, float],
) -> Iterator[tuple[float, int, SchoolFigures]]:
    """(distance, id, figures) of each comparable candidate; the same sum as `distance`, with
    the target's figures read once, since a phase can hold thousands of candidates."""
    mine = {name: target.feature(name) for name in scales}
    used = [(name, spread, mine[name]) for name, spread in scales.items() if mine[name] is not None]
    if not used:
        return
    for candidate in candidates:
        if candidate.phase != target.phase or candidate.id == target.id:
            continue
        total = 0.0
        for name, spread, value in used:
            theirs = candidate.feature(name)
            if theirs is None:
                break
            total += weights.get(name, 1.0) * ((value - theirs) / spread) ** 2  # type: ignore[operator]
        else:
            yield math.sqrt(total), candidate.id, candidate


def _neighbours(
    target: SchoolFigures, scored: Iterable[tuple[float, int, SchoolFigures]]
) -> list[Neighbour]:
    return [Neighbour(figures, d, km_between(target, figures)) for d, _, figures in scored]


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance in kilometres between two points given in degrees."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def km_between(a: SchoolFigures, b: SchoolFigures) -> float | None:
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    return great_circle_km(a.latitude, a.longitude, b.latitude, b.longitude)  # type: ignore[arg-type]
