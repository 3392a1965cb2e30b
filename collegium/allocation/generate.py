"""Seeded instance generator for the benchmark and the tests.

National shape (the defaults of `Shape`): schools sit around `towns` centres (normal spread of
`town_km`) in a 450 × 550 km box like England; 60 % of schools belong to one of the trusts of
their town, the rest stand alone. Phases: 75 % primary, 17 % secondary, 5 % special, 3 %
alternative provision. A term's reviews go to distinct schools, each in a uniform week with
2–4 peers and 1–3 focus subjects out of 12. Each reviewer's home school is uniform; they know
their school's phase (and another with probability 0.3), 2–4 subjects, are accredited leads
with probability `lead_share`, give 2–5 reviews, and are free each week with probability
`availability`. History, declared conflicts, former employment and last cycle's partners are
schools of the same town, so they bite where candidates are.

The plain shape has no weeks, leads, trusts or distance limit: every review needs
`per_review` reviewers, reviewers give 2–3 reviews, with a few declared conflicts each.

The network shape (`generate_network`) is the national shape with every school in a cluster of
`cluster_min`–`cluster_max` neighbouring schools of its town (product.md N2), for a term's
quality-assurance reviews of all clusters at once: a cluster's schools reviewed each other in
the last cycle's cluster reviews, so each is among its cluster-mates' last cycle partners and
a review's team comes from other clusters.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from collegium.allocation.model import Review, Reviewer

PHASES = ("primary", "secondary", "special", "alternative provision")
PHASE_SHARE = (0.75, 0.17, 0.05, 0.03)
SUBJECTS = tuple(
    [
        "English",
        "maths",
        "science",
        "history",
        "geography",
        "languages",
        "art",
        "music",
        "computing",
        "PE",
        "RE",
        "design-and-technology",
    ]
)


@dataclass(frozen=True)
class Shape:
    reviews: int = 3000
    reviewers: int = 5000
    schools: int = 4000
    trusts: int = 1500
    weeks: int = 13
    availability: float = 0.7
    lead_share: float = 0.3
    max_km: float = 120.0
    towns: int = 60
    town_km: float = 25.0
    trust_share: float = 0.6
    conflict_rate: float = 0.1
    history: float = 2.0
    seed: int = 1


@dataclass(frozen=True)
class NetworkShape(Shape):
    cluster_min: int = 3
    cluster_max: int = 7


@dataclass(frozen=True)
class Network:
    reviews: list[Review]
    reviewers: list[Reviewer]
    cluster_of: dict[int, int]  # review id → its school's cluster
    clusters: int


@dataclass(frozen=True)
class PlainShape:
    reviews: int = 2000
    reviewers: int = 3000
    per_review: int = 3
    conflicts: int = 3
    seed: int = 1


@dataclass
class _Schools:
    xy: np.ndarray
    town: np.ndarray
    trust: list[int | None]
    phase: np.ndarray
    by_town: list[np.ndarray]


def _schools(shape: Shape, rng: np.random.Generator) -> _Schools:
    centres = rng.uniform((0, 0), (450, 550), size=(shape.towns, 2))
    town = rng.integers(0, shape.towns, shape.schools)
    xy = np.clip(centres[town] + rng.normal(0, shape.town_km, (shape.schools, 2)), 0, 600)
    trust_town = rng.integers(0, shape.towns, shape.trusts)
    town_trusts = [np.flatnonzero(trust_town == t) for t in range(shape.towns)]
    trust: list[int | None] = []
    for t in town:
        joined = rng.random() < shape.trust_share and town_trusts[t].size > 0
        trust.append(int(rng.choice(town_trusts[t])) if joined else None)
    phase = rng.choice(len(PHASES), shape.schools, p=PHASE_SHARE)
    by_town = [np.flatnonzero(town == t) for t in range(shape.towns)]
    return _Schools(xy, town, trust, phase, by_town)


def _subjects(rng: np.random.Generator, low: int, high: int) -> frozenset[str]:
    count = int(rng.integers(low, high + 1))
    return frozenset(SUBJECTS[i] for i in rng.choice(len(SUBJECTS), count, replace=False))


def _nearby(s: _Schools, school: int, rng: np.random.Generator, count: int) -> frozenset[int]:
    pool = s.by_town[s.town[school]]
    picked = rng.choice(pool, min(count, pool.size), replace=False)
    return frozenset(int(x) for x in picked if x != school)


def _reviews(shape: Shape, s: _Schools, rng: np.random.Generator) -> list[Review]:
    chosen = rng.choice(shape.schools, shape.reviews, replace=False)
    return [
        Review(
            id=i + 1,
            school_id=int(school),
            school_name=f"School {school}",
            trust_id=s.trust[school],
            phase=PHASES[s.phase[school]],
            subjects=_subjects(rng, 1, 3),
            week=int(rng.integers(1, shape.weeks + 1)),
            peers=int(rng.integers(2, 5)),
            east_km=float(s.xy[school, 0]),
            north_km=float(s.xy[school, 1]),
            last_cycle_partners=_nearby(s, school, rng, int(rng.integers(0, 4))),
        )
        for i, school in enumerate(chosen)
    ]


def _reviewer(i: int, shape: Shape, s: _Schools, rng: np.random.Generator) -> Reviewer:
    school = int(rng.integers(0, shape.schools))
    phases = {PHASES[s.phase[school]]}
    if rng.random() < 0.3:
        phases.add(PHASES[int(rng.choice(len(PHASES), p=PHASE_SHARE))])
    weeks = frozenset(w for w in range(1, shape.weeks + 1) if rng.random() < shape.availability)
    conflicts = 1 if rng.random() < shape.conflict_rate else 0
    return Reviewer(
        id=i + 1,
        name=f"Reviewer {i + 1}",
        school_id=school,
        trust_id=s.trust[school],
        phases=frozenset(phases),
        subjects=_subjects(rng, 2, 4),
        accredited_lead=bool(rng.random() < shape.lead_share),
        capacity=int(rng.integers(2, 6)),
        weeks=weeks,
        east_km=float(s.xy[school, 0]),
        north_km=float(s.xy[school, 1]),
        reviewed_schools=_nearby(s, school, rng, int(rng.poisson(shape.history))),
        declared_conflicts=_nearby(s, school, rng, conflicts),
        former_schools=_nearby(s, school, rng, int(rng.integers(0, 3))),
    )


def generate(shape: Shape | None = None) -> tuple[list[Review], list[Reviewer]]:
    shape = shape or Shape()
    rng = np.random.default_rng(shape.seed)
    schools = _schools(shape, rng)
    reviews = _reviews(shape, schools, rng)
    return reviews, [_reviewer(i, shape, schools, rng) for i in range(shape.reviewers)]


def generate_plain(shape: PlainShape | None = None) -> tuple[list[Review], list[Reviewer]]:
    shape = shape or PlainShape()
    rng = np.random.default_rng(shape.seed)
    schools = shape.reviews + shape.reviewers
    xy = rng.uniform((0, 0), (450, 550), size=(schools, 2))
    reviews = [
        Review(i + 1, i, f"School {i}", None, "primary", _subjects(rng, 1, 3), 1,
               shape.per_review, float(xy[i, 0]), float(xy[i, 1]))
        for i in range(shape.reviews)
    ]  # fmt: skip
    reviewers = []
    for j in range(shape.reviewers):
        home = shape.reviews + j
        conflicts = rng.choice(shape.reviews, shape.conflicts, replace=False)
        reviewers.append(
            Reviewer(j + 1, f"Reviewer {j + 1}", home, None, frozenset({"primary"}),
                     _subjects(rng, 2, 4), False, int(rng.integers(2, 4)), frozenset({1}),
                     float(xy[home, 0]), float(xy[home, 1]),
                     declared_conflicts=frozenset(int(c) for c in conflicts))
        )  # fmt: skip
    return reviews, reviewers


def _clusters(shape: NetworkShape, s: _Schools, rng: np.random.Generator) -> np.ndarray:
    """Each town's schools in order round the town's middle, cut into runs of 3–7 (a town
    with fewer schools is one cluster)."""
    cluster = np.zeros(len(s.town), np.int64)
    count = 0
    for members in s.by_town:
        if members.size == 0:
            continue
        middle = s.xy[members].mean(axis=0)
        angle = np.arctan2(*(s.xy[members] - middle).T[::-1])
        members = members[np.argsort(angle, kind="stable")]
        start = 0
        while start < members.size:
            left = members.size - start
            most = min(shape.cluster_max, left - shape.cluster_min)  # leave enough for one more
            size = (
                left
                if left <= shape.cluster_max
                else int(rng.integers(shape.cluster_min, max(most, shape.cluster_min) + 1))
            )
            cluster[members[start : start + size]] = count
            count, start = count + 1, start + size
    return cluster


def generate_network(shape: NetworkShape | None = None) -> Network:
    shape = shape or NetworkShape()
    rng = np.random.default_rng(shape.seed)
    schools = _schools(shape, rng)
    reviews = _reviews(shape, schools, rng)
    reviewers = [_reviewer(i, shape, schools, rng) for i in range(shape.reviewers)]
    cluster = _clusters(shape, schools, rng)
    mates = {
        c: frozenset(int(x) for x in np.flatnonzero(cluster == c)) for c in set(cluster.tolist())
    }
    reviews = [
        dataclasses.replace(
            r,
            last_cycle_partners=r.last_cycle_partners
            | (mates[cluster[r.school_id]] - {r.school_id}),
        )
        for r in reviews
    ]
    return Network(
        reviews, reviewers, {r.id: int(cluster[r.school_id]) for r in reviews}, len(mates)
    )
