"""The improvement cycle at national scale: neighbours, support suggestions, plan page, impact.

    .venv/bin/python bench/run.py improvement [--data-dir DIR] [--seed 1]

Imports the national register into a fresh SQLite database (as `import`), loads the shipped
frameworks, then writes a seeded network over real open schools in bulk: 3,000 agreed cluster
reviews of distinct schools judged on every strand of the national-areas framework, their
findings (priority and some areas of excellence) and action plans (one or two support needs
each), 1,000 standing offers, some requests, and a school leader for each reviewed or offering
school. Then it times, side by side: the per-phase spreads (cold), `similar_schools`,
`suggest_schools`, the plan page through the test client, and `plan_impact`. Generating and
importing are not timed. See bench/README.md.
"""

import argparse
import logging
import os
import random
import resource
import statistics
import time
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from bench.improvement_network import Network

log = logging.getLogger("bench")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from bench.database import DATA_DIR

    parser.add_argument("--data-dir", type=Path, default=DATA_DIR, help="the national register")
    parser.add_argument("--reviews", type=int, default=3000, help="agreed reviews (one a school)")
    parser.add_argument("--offers", type=int, default=1000, help="standing offers")
    parser.add_argument("--cluster-size", type=int, default=5, help="reviewed schools a cluster")
    parser.add_argument("--similar", type=int, default=200, help="similar_schools calls")
    parser.add_argument("--suggest", type=int, default=200, help="suggest_schools calls")
    parser.add_argument("--pages", type=int, default=20, help="plan page requests")
    parser.add_argument("--impacts", type=int, default=50, help="plan_impact calls")
    parser.add_argument("--seed", type=int, default=1)


def run(args: argparse.Namespace) -> dict[str, Any]:
    from bench.database import fresh_database

    # The plan page is read through Django's test client, so static files are named as in the
    # tests (no collected manifest needed); everything else is the production configuration.
    os.environ.setdefault(
        "STATICFILES_BACKEND", "django.contrib.staticfiles.storage.StaticFilesStorage"
    )
    warnings.filterwarnings("ignore", "No directory at", UserWarning)  # no collected static
    with fresh_database():
        from django.test.utils import setup_test_environment

        setup_test_environment()  # the test client's host, and mail kept in memory
        return _run(args)


def _run(args: argparse.Namespace) -> dict[str, Any]:
    from collegium.frameworks.shipped import load_frameworks
    from collegium.schools.importing.loader import import_register

    started = time.perf_counter()
    imported = import_register(args.data_dir)
    load_frameworks()
    log.info(
        "Register (%d schools) and frameworks loaded in %.1f s",
        imported.schools,
        time.perf_counter() - started,
    )
    started = time.perf_counter()
    network = Network(random.Random(args.seed), args)
    log.info("Generated the network in %.1f s: %s", time.perf_counter() - started, network.counts)

    figures: dict[str, Any] = dict(network.counts)
    figures["spread_seconds"] = _time_spreads()
    figures |= _time_similar(network, args.similar)
    figures |= _time_suggest(network, args.suggest)
    figures |= _time_plan_page(network, args.pages)
    figures |= _time_impact(network, args.impacts)
    figures["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return figures


def _ms(samples: list[float]) -> tuple[float, float]:
    """Median and 95th percentile, in milliseconds."""
    p95 = statistics.quantiles(samples, n=20, method="inclusive")[-1]
    return round(1000 * statistics.median(samples), 1), round(1000 * p95, 1)


def _timed(calls: Iterable[Any], call: Callable[[Any], Any]) -> list[float]:
    samples = []
    for item in calls:
        started = time.perf_counter()
        call(item)
        samples.append(time.perf_counter() - started)
    return samples


def _queries(call: Callable[[], Any]) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured.captured_queries)


def _time_spreads() -> float:
    """Every phase's spread, with an empty cache (as after an import)."""
    from django.core.cache import cache

    from collegium.improvement.selectors.similar import phase_scales
    from collegium.schools.models import Phase

    cache.clear()
    started = time.perf_counter()
    for phase in Phase.values:
        phase_scales(phase)
    return round(time.perf_counter() - started, 2)


def _time_similar(network: Network, count: int) -> dict[str, Any]:
    from collegium.improvement.selectors.similar import similar_schools

    schools = [network.schools[urn] for urn in network.rng.sample(network.reviewed, count)]
    similar_schools(schools[0], 20)  # the spreads are in the cache already; warm the rest
    samples = _timed(schools, lambda school: similar_schools(school, 20))
    median, p95 = _ms(samples)
    queries = _queries(lambda: similar_schools(schools[0], 20))
    log.info("similar_schools: %d queries a call", queries)
    return {"similar_ms_median": median, "similar_ms_p95": p95}


def _time_suggest(network: Network, count: int) -> dict[str, Any]:
    from collegium.improvement.models import SupportNeed
    from collegium.support.selectors.brokerage import suggest_schools

    plans = network.rng.sample(network.plans, count)
    ids = [network.needs_of[plan.pk][0].pk for plan in plans]  # each on its priority strand
    loaded = SupportNeed.objects.select_related("strand", "plan__review__school").in_bulk(ids)
    needs = [loaded[pk] for pk in ids]
    found = [len(suggest_schools(needs[0], limit=5))]
    samples = _timed(needs, lambda need: found.append(len(suggest_schools(need, limit=5))))
    median, p95 = _ms(samples)
    queries = _queries(lambda: suggest_schools(needs[0], limit=5))
    log.info(
        "suggest_schools: %d queries a call; %.1f suggestions a need (at most 5)",
        queries,
        statistics.mean(found),
    )
    return {"suggest_ms_median": median, "suggest_ms_p95": p95, "suggest_queries": queries}


def _time_plan_page(network: Network, count: int) -> dict[str, Any]:
    from django.test import Client
    from django.urls import reverse

    plan = next(p for p in network.plans if len(network.needs_of[p.pk]) == 2)
    leader = network.leader[plan.review.school_id]
    client = Client()
    client.force_login(leader)
    url = reverse("improvement:plan", kwargs={"pk": plan.pk})

    def get() -> None:
        response = client.get(url, secure=True)
        assert response.status_code == 200, response.status_code

    get()  # warm: templates compiled, the phase's spread in the cache
    queries = _queries(get)
    median, _ = _ms(_timed(range(count), lambda _: get()))
    return {"plan_page_queries": queries, "plan_page_ms": median}


def _time_impact(network: Network, count: int) -> dict[str, Any]:
    from collegium.improvement.models import ActionPlan
    from collegium.improvement.selectors.impact import plan_impact

    ids = [plan.pk for plan in network.rng.sample(network.plans, count)]
    loaded = ActionPlan.objects.select_related("review__school").in_bulk(ids)
    plans = [loaded[pk] for pk in ids]
    compared = []
    samples = _timed(plans, lambda plan: compared.append(plan_impact(plan)))
    counted = [len(impact.neighbours) for impact in compared]
    log.info("plan_impact: %.1f neighbours compared a plan", statistics.mean(counted))
    median, _ = _ms(samples)
    return {"impact_ms_median": median}
