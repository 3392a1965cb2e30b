"""Statistical neighbours (product.md N4): pure computation, no Django import.

Schools are compared "DfE benchmarking style": only schools of the same phase are candidates,
and the distance between two schools is a weighted Euclidean distance over standardised
figures: the size of the school (log of pupils on roll), the % of pupils eligible for free
school meals and the % with special educational needs. Each figure is divided by its spread
(population standard deviation) across the candidates, so a difference of one spread counts
the same for every figure.

Missing figures are handled explicitly: a figure the target school lacks is left out for every
candidate; a candidate lacking a figure the target has is left out (it cannot be compared
fairly); a figure with no spread among the candidates is left out.

    from collegium.neighbours import SchoolFigures, nearest, km_between

    target = SchoolFigures(id=1, phase="primary", pupils=230, pct_fsm=27.0, pct_sen=14.0,
                           latitude=52.2, longitude=0.12)
    for neighbour in nearest(target, candidates, k=10):
        neighbour.figures.id, neighbour.distance, neighbour.km

`distances(target, candidates)` ranks every comparable candidate (nearest first, ties by id);
`nearest` keeps the first k. `Scales` can be computed once over a large population with
`scales_of` and passed to both, so that a short list is measured with the population's spread.
`great_circle_km` and `km_between` give the distance on the ground in kilometres.
"""

from collegium.neighbours.similarity import (
    FEATURES,
    WEIGHTS,
    Neighbour,
    Scales,
    SchoolFigures,
    distance,
    distances,
    great_circle_km,
    km_between,
    nearest,
    scales_of,
)

__all__ = [
    "FEATURES",
    "WEIGHTS",
    "Neighbour",
    "Scales",
    "SchoolFigures",
    "distance",
    "distances",
    "great_circle_km",
    "km_between",
    "nearest",
    "scales_of",
]
