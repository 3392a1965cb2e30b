"""Reviewer allocation optimiser on a generated national term (or the plain matching).

    .venv/bin/python bench/run.py allocate [--reviews N --reviewers N … --seed S]
    .venv/bin/python bench/run.py allocate --plain
    .venv/bin/python bench/run.py allocate --network                # all clusters of a network
    .venv/bin/python bench/run.py allocate --export /tmp/instance   # CSV for other tools
    .venv/bin/python bench/run.py allocate --repair 0               # skip the repair (5 %)

`seconds` covers building the problem (candidate pairs), the solve, the bound and the
certificate; generating the instance is not counted. `peak_mb` is the process's peak resident
memory (ru_maxrss) after that solve, generation included. Then a share of reviewers withdraws
(`--repair`, 5 %): the repair is timed and compared with a fresh solve without them:
`repair_unfilled_vs_fresh` counts the places a fresh solve fills that repair leaves empty
(`repair_lead_unfilled_vs_fresh` the lead places); the target of both is 0.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import logging
import resource
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from collegium.allocation import (
    LEAD,
    Allocation,
    NetworkShape,
    PlainShape,
    Review,
    Reviewer,
    Rules,
    Shape,
    allocate,
    generate,
    generate_network,
    generate_plain,
    repair,
)
from collegium.allocation.candidates import SCALE, build_problem

log = logging.getLogger("bench")
HELP = {
    "reviews": "reviews in the term (plain: 2,000)",
    "reviewers": "reviewers (plain: 3,000)",
    "schools": "schools",
    "trusts": "trusts",
    "weeks": "weeks in the term",
    "availability": "chance a reviewer is free in a given week",
    "lead_share": "share of reviewers who are accredited leads",
    "max_km": "travel limit in km (a hard rule)",
    "towns": "town centres schools cluster around",
    "town_km": "spread of schools around their town (km)",
    "trust_share": "share of schools in a trust",
    "conflict_rate": "chance a reviewer declares a conflict with a nearby school",
    "history": "mean schools each reviewer reviewed before",
    "seed": "random seed of the generator",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    for field in dataclasses.fields(Shape):
        default = field.default
        flag = "--" + field.name.replace("_", "-")
        if field.name in ("reviews", "reviewers"):
            parser.add_argument(flag, type=int, default=None, help=HELP[field.name])
        else:
            parser.add_argument(flag, type=type(default), default=default, help=HELP[field.name])
    parser.add_argument("--plain", action="store_true", help="plain matching: loads and conflicts")
    parser.add_argument(
        "--network",
        action="store_true",
        help="all clusters of a national network in one term (clusters of 3-7 schools)",
    )
    parser.add_argument("--per-review", type=int, default=3, help="plain: reviewers per review")
    parser.add_argument("--conflicts", type=int, default=3, help="plain: conflicts per reviewer")
    parser.add_argument(
        "--shortlist",
        type=int,
        default=None,
        help="solve the flow over each review's best N pairs first (plain default 20, else all)",
    )
    parser.add_argument("--export", type=Path, help="write the instance as CSV files here")
    parser.add_argument(
        "--repair",
        type=float,
        default=0.05,
        help="then withdraw this share of reviewers and repair, beside a fresh solve (0: skip)",
    )


Instance = tuple[list[Review], list[Reviewer], Rules, dict[int, int]]


def _instance(args: argparse.Namespace) -> Instance:
    """The reviews, reviewers, rules and (for --network) each review's cluster."""
    if args.plain:
        shape = PlainShape(
            reviews=args.reviews or 2000,
            reviewers=args.reviewers or 3000,
            per_review=args.per_review,
            conflicts=args.conflicts,
            seed=args.seed,
        )
        return *generate_plain(shape), Rules(max_km=None, teams=False), {}
    values = {f.name: getattr(args, f.name) for f in dataclasses.fields(Shape)}
    values["reviews"] = args.reviews or Shape.reviews
    values["reviewers"] = args.reviewers or Shape.reviewers
    if args.network:
        network = generate_network(NetworkShape(**values))
        return network.reviews, network.reviewers, Rules(max_km=args.max_km), network.cluster_of
    return *generate(Shape(**values)), Rules(max_km=args.max_km), {}


def run(args: argparse.Namespace) -> dict[str, Any]:
    reviews, reviewers, rules, cluster_of = _instance(args)
    if args.export:
        export(args.export, reviews, reviewers, rules)
    shortlist = args.shortlist if args.shortlist is not None else (20 if args.plain else None)
    started = time.perf_counter()
    allocation = allocate(
        reviews, reviewers, rules=rules, shortlist=shortlist or None, progress=_log_progress
    )
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures = _figures(allocation, reviews, reviewers, seconds, peak_mb)
    if args.network:
        figures |= _clusters(allocation, cluster_of)
    if args.repair:
        figures |= _repair(allocation, reviews, reviewers, rules, args, shortlist)
    return figures


def _figures(
    allocation: Allocation,
    reviews: list[Review],
    reviewers: list[Reviewer],
    seconds: float,
    peak_mb: float,
) -> dict[str, Any]:
    c = allocation.certificate
    return {
        "reviews": len(reviews),
        "reviewers": len(reviewers),
        "candidate_pairs": c.candidate_pairs,
        "seconds": round(seconds, 2),
        "peak_mb": round(peak_mb, 1),
        "score": round(c.score, 3),
        "lp_bound": round(c.lp_bound, 3),
        "gap": round(c.gap, 7),
        "hard_violations": c.total_violations,
        "unfilled_slots": c.unfilled_slots,
        "worst_review_score": round(c.worst_review_score, 3),
        "worst_review_bound": round(c.worst_review_bound, 3),
        "load_spread": round(c.load_spread, 3),
    }


def _log_progress(fraction: float, message: str) -> None:
    log.info("%3.0f%% %s", 100 * fraction, message)


def _clusters(allocation: Allocation, cluster_of: dict[int, int]) -> dict[str, Any]:
    """Empty places per cluster, as the network-wide run's page shows them."""
    empty: Counter[int] = Counter()
    for u in allocation.unfilled:
        empty[cluster_of[u.review_id]] += u.slots
    return {
        "clusters": len(set(cluster_of.values())),
        "clusters_with_empty_places": len(empty),
        "most_empty_places_in_a_cluster": max(empty.values(), default=0),
    }


def _empty(allocation: Allocation, role: str | None = None) -> int:
    return sum(u.slots for u in allocation.unfilled if role is None or u.role == role)


def _repair(
    allocation: Allocation,
    reviews: list[Review],
    reviewers: list[Reviewer],
    rules: Rules,
    args: argparse.Namespace,
    shortlist: int | None,
) -> dict[str, Any]:
    """Withdraw a share of reviewers, repair, and solve afresh without them for comparison."""
    rng = np.random.default_rng(args.seed)
    ids = [v.id for v in reviewers]
    withdrawn = {int(i) for i in rng.choice(ids, round(args.repair * len(ids)), replace=False)}
    vacated = sum(a.reviewer_id in withdrawn for a in allocation.assignments)
    log.info("Repairing after %d reviewers withdraw (%d places vacated)", len(withdrawn), vacated)
    started = time.perf_counter()
    repaired = repair(allocation, reviews, reviewers, withdrawn=withdrawn, rules=rules)
    seconds = time.perf_counter() - started
    log.info("Solving afresh without them, for comparison")
    staying = [v for v in reviewers if v.id not in withdrawn]
    fresh = allocate(reviews, staying, rules=rules, shortlist=shortlist or None)
    return {
        "repair_withdrawn": len(withdrawn),
        "repair_vacated": vacated,
        "repair_changed": repaired.changed,
        "repair_seconds": round(seconds, 2),
        "repair_hard_violations": repaired.certificate.total_violations,
        "repair_unfilled": _empty(repaired),
        "fresh_unfilled": _empty(fresh),
        "repair_unfilled_vs_fresh": max(0, _empty(repaired) - _empty(fresh)),
        "repair_lead_unfilled_vs_fresh": max(0, _empty(repaired, LEAD) - _empty(fresh, LEAD)),
    }


def _join(items: frozenset[Any]) -> str:
    return ";".join(str(i) for i in sorted(items))


def export(directory: Path, reviews: list[Review], reviewers: list[Reviewer], rules: Rules) -> None:
    """reviews.csv, reviewers.csv, pairs.csv (candidate pairs with scores), conflicts.csv."""
    directory.mkdir(parents=True, exist_ok=True)
    sets = ("subjects", "last_cycle_partners", "phases", "weeks", "reviewed_schools")
    for name, rows in (("reviews", reviews), ("reviewers", reviewers)):
        with open(directory / f"{name}.csv", "w", newline="") as out:
            writer = csv.writer(out)
            names = [f.name for f in dataclasses.fields(rows[0])]
            names = [n for n in names if n not in ("declared_conflicts", "former_schools")]
            writer.writerow(names)
            for row in rows:
                values = [getattr(row, n) for n in names]
                writer.writerow(
                    [_join(v) if n in sets else v for n, v in zip(names, values, strict=True)]
                )
    p = build_problem(reviews, reviewers, rules=rules)
    with open(directory / "pairs.csv", "w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["review_id", "reviewer_id", "score", "km", "phase_match", "can_lead"])
        for r, v, s, km, ph in zip(
            p.pair_r, p.pair_v, p.pair_score, p.pair_km, p.pair_phase, strict=True
        ):
            lead = rules.teams and reviewers[v].accredited_lead
            writer.writerow([reviews[r].id, reviewers[v].id, s / SCALE, round(km, 1), ph, lead])
    with open(directory / "conflicts.csv", "w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["reviewer_id", "school_id", "kind"])
        for v in reviewers:
            for school in sorted(v.declared_conflicts):
                writer.writerow([v.id, school, "declared"])
            for school in sorted(v.former_schools):
                writer.writerow([v.id, school, "former employment"])
    log.info("Instance written to %s (%d candidate pairs)", directory, p.pair_count)
