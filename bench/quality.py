"""Quality assurance cores on generated national-scale data: reliability, severity, bias audit.

    .venv/bin/python bench/run.py quality [--reviewers 2000 --reviews 3000 --strands 20 ...]

Generates seeded ratings with known reviewer severities (live reviews plus calibration packs),
then times, side by side: the reliability table (alpha, agreement and ICC with bootstrap
intervals) per source and framework area, the crossed school × reviewer severity model, and
the bias audit. Then, untimed, how often the intervals cover the truth over 200 draws of the
tests' generator (collegium/reliability/tests/truth.py: clustered reviews, halo, unequal
workloads, regional mixing, a disconnected region): ``alpha_coverage`` (ordinal alpha) and
``severity_coverage``. See bench/README.md.
"""

import argparse
import logging
import resource
import time
from typing import TYPE_CHECKING, Any

import numpy as np
from threadpoolctl import threadpool_limits

if TYPE_CHECKING:
    from collegium.reliability.generate import QualityData

log = logging.getLogger("bench")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--blas-threads", type=int, default=1, help="BLAS threads (default 1)")
    parser.add_argument("--reviewers", type=int, default=2000)
    parser.add_argument("--reviews", type=int, default=3000, help="one review per school")
    parser.add_argument("--strands", type=int, default=20, help="strands per review")
    parser.add_argument("--areas", type=int, default=4, help="framework areas")
    parser.add_argument("--packs", type=int, default=10, help="calibration packs")
    parser.add_argument("--pack-graders", type=int, default=1000, help="reviewers per pack")
    parser.add_argument("--boot", type=int, default=1000, help="bootstrap replicates")
    parser.add_argument(
        "--fsm-bias",
        type=float,
        default=0.15,
        help="injected fall in the latent judgement per FSM quintile (0: none)",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--coverage-draws", type=int, default=200, help="0: skip coverage")


def run(args: argparse.Namespace) -> dict[str, Any]:
    # One BLAS thread: on a busy 2-core machine two OpenBLAS threads spin waiting for each
    # other and double the fit times; the service's workers run one fit per process anyway.
    with threadpool_limits(limits=args.blas_threads):
        return _run(args)


def _run(args: argparse.Namespace) -> dict[str, Any]:
    from collegium.reliability.generate import generate_quality_data

    data = generate_quality_data(
        n_reviewers=args.reviewers,
        n_reviews=args.reviews,
        n_strands=args.strands,
        n_areas=args.areas,
        n_packs=args.packs,
        pack_graders=args.pack_graders,
        fsm_bias=args.fsm_bias,
        seed=args.seed,
    )
    figures: dict[str, Any] = {"ratings": len(data.ratings)}
    log.info("Generated %d ratings", len(data.ratings))
    figures["alpha_seconds"] = _time_reliability(data, args)
    figures["severity_seconds"], figures["severity_r_true"] = _time_severity(data)
    figures["bias_seconds"], figures["bias_found"] = _time_bias(data)
    if args.coverage_draws:
        figures.update(_coverage(args.coverage_draws, args.seed))
    figures["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return figures


def _time_reliability(data: "QualityData", args: argparse.Namespace) -> float:
    from collegium.reliability import reliability_table

    started = time.perf_counter()
    table = reliability_table(
        data.ratings, by=["source", "area"], rater="reviewer", n_boot=args.boot, seed=args.seed
    )
    seconds = time.perf_counter() - started
    alpha = table[table["statistic"] == "alpha_ordinal"]
    log.info("Ordinal alpha per source and area:\n%s", alpha.round(3).to_string(index=False))
    return round(seconds, 2)


def _time_severity(data: "QualityData") -> tuple[float, float]:
    from collegium.reliability import SeverityModel

    started = time.perf_counter()
    model = SeverityModel().fit(data.ratings)
    seconds = time.perf_counter() - started
    estimated = model.severity_
    r_true = float(np.corrcoef(estimated["severity"], data.severity[estimated["reviewer"]])[0, 1])
    log.info(
        "Variance components %s; %d reviewers flagged; %d REML evaluations",
        {k: round(v, 4) for k, v in model.variance_components_.items()},
        int(estimated["flagged"].sum()),
        model.fit_.evaluations,
    )
    return round(seconds, 2), round(r_true, 4)


def _time_bias(data: "QualityData") -> tuple[float, bool]:
    from collegium.bias import BiasAudit

    started = time.perf_counter()
    audit = BiasAudit().fit(data.judgements, data.schools)
    seconds = time.perf_counter() - started
    fsm = audit.coefficients_[audit.coefficients_["predictor"] == "fsm_quintile"]
    log.info("FSM quintile coefficients:\n%s", fsm.round(3).to_string(index=False))
    return round(seconds, 2), not audit.findings_.empty


def _coverage(draws: int, seed: int) -> dict[str, float]:
    """Share of nominal 95 % intervals covering the truth over ``draws`` simulated networks."""
    from collegium.reliability.tests.coverage import (
        alpha_coverage,
        severity_coverage,
        severity_draws,
    )

    started = time.perf_counter()
    alpha = alpha_coverage(draws=draws, n_reviews=60, n_boot=400, seed=seed)
    severity = severity_coverage(severity_draws(draws=draws, seed=seed))
    log.info("Coverage of every statistic: %s", {k: round(v, 3) for k, v in alpha.items()})
    log.info("Coverage simulation took %.0f s", time.perf_counter() - started)
    return {
        "alpha_coverage": round(alpha["alpha_ordinal"], 3),
        "severity_coverage": round(severity, 3),
    }
