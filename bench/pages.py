"""The pages people open most, at national scale: each page's p95 time and query count.

    .venv/bin/python bench/run.py pages [--database-url postgres://…] [--requests 20]

Imports the national register into a fresh database (as `import`), loads the shipped
frameworks, generates the improvement bench's network (3,000 agreed reviews with judgements,
findings and plans, offers, heads) and adds the people and visit records of
`bench/visit_network.py` (reviewers on every team, evidence, proposals, reports, coordinators,
a moderator and a network admin; 200 reviews in their visit). Then each page is requested
through Django's test client as the person who opens it: once to warm, once counting queries,
then `--requests` times timed. Generating and importing are not timed. See bench/README.md.
"""

import argparse
import logging
import os
import random
import resource
import statistics
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

log = logging.getLogger("bench")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from bench.database import DATA_DIR

    parser.add_argument("--data-dir", type=Path, default=DATA_DIR, help="the national register")
    parser.add_argument("--database-url", help="PostgreSQL (a bench_<name> is made beside it)")
    parser.add_argument("--reviews", type=int, default=3000, help="agreed reviews (one a school)")
    parser.add_argument("--offers", type=int, default=1000, help="standing offers")
    parser.add_argument("--cluster-size", type=int, default=5, help="reviewed schools a cluster")
    parser.add_argument("--requests", type=int, default=20, help="timed requests a page")
    parser.add_argument("--seed", type=int, default=1)


def run(args: argparse.Namespace) -> dict[str, Any]:
    from bench.database import fresh_database

    # Read through the test client, so static files are named as in the tests (no manifest).
    os.environ.setdefault(
        "STATICFILES_BACKEND", "django.contrib.staticfiles.storage.StaticFilesStorage"
    )
    warnings.filterwarnings("ignore", "No directory at", UserWarning)
    logging.getLogger("weasyprint").setLevel(logging.WARNING)  # a line per layout step
    with fresh_database(args.database_url):
        from django.test.utils import setup_test_environment

        setup_test_environment()
        network, visits = build(args)
        figures: dict[str, Any] = network.counts | visits.counts
        figures["pages"] = measure(pages_of(network, visits), args.requests)
        figures["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
        return figures


def build(args: argparse.Namespace) -> tuple[Any, Any]:
    """The register, the frameworks and the generated network, logged with their time."""
    from bench.improvement_network import Network
    from bench.visit_network import VisitNetwork
    from collegium.frameworks.shipped import load_frameworks
    from collegium.schools.importing.loader import import_register

    started = time.perf_counter()
    import_register(args.data_dir)
    load_frameworks()
    network = Network(random.Random(args.seed), args)
    visits = VisitNetwork(network)
    log.info("Register and network ready in %.1f s", time.perf_counter() - started)
    return network, visits


Page = tuple[str, Any, str]  # (name, the person who opens it or None, address)


def pages_of(network: Any, visits: Any) -> list[Page]:
    """The often-opened pages, each as the person who opens it."""
    from django.urls import reverse

    from collegium.reviews.models import TeamMember

    visit = visits.visits[0]  # a review in its visit: evidence and proposals to read
    agreed = network.reviews[-1]  # agreed or closed, its report final
    plan = next(p for p in network.plans if p.review_id == agreed.pk)
    head = network.leader[agreed.school_id]
    peer = TeamMember.objects.select_related("reviewer__user").get(
        review=visit, role=TeamMember.Role.PEER, pk=visits.team_of[visit.pk][1].pk
    )
    lead = visits.team_of[visit.pk][0].reviewer.user
    coordinator = visits.coordinators[visit.cluster_id]
    school = network.schools[agreed.school_id]
    return [
        ("home (anonymous)", None, reverse("home")),
        ("home (school leader)", head, reverse("home")),
        ("home (reviewer)", peer.reviewer.user, reverse("home")),
        ("home (lead reviewer)", lead, reverse("home")),
        ("home (coordinator)", coordinator, reverse("home")),
        ("home (moderator)", visits.moderator, reverse("home")),
        ("home (network admin)", visits.admin, reverse("home")),
        ("school page", None, reverse("schools:detail", args=[school.pk])),
        ("search", None, reverse("schools:search") + "?q=" + school.name.split()[0]),
        ("review page", lead, reverse("reviews:detail", args=[visit.pk])),
        ("evidence page", peer.reviewer.user, reverse("reviews:evidence", args=[visit.pk])),
        ("judgements page", lead, reverse("reviews:judgements", args=[visit.pk])),
        ("review list (moderator)", visits.moderator, reverse("reviews:list")),
        ("review list (coordinator)", coordinator, reverse("reviews:list")),
        ("plans list (moderator)", visits.moderator, reverse("improvement:plans")),
        ("plan page", head, reverse("improvement:plan", args=[plan.pk])),
        ("report", head, reverse("reports:report", args=[agreed.pk])),
        ("report PDF", head, reverse("reports:pdf", args=[agreed.pk])),
    ]


def measure(pages: list[Page], count: int) -> dict[str, dict[str, float | int]]:
    from django.test import Client

    figures = {}
    for name, person, url in pages:
        client = Client()
        if person is not None:
            client.force_login(person)

        def get(client: Client = client, url: str = url) -> int:
            response = client.get(url, secure=True)
            assert response.status_code == 200, (url, response.status_code)
            return len(response.content)

        first = _seconds(get)  # the report PDF renders here; other pages compile templates
        queries, size = _queries(get)
        samples = [_seconds(get) for _ in range(count)]
        p95 = statistics.quantiles(samples, n=20, method="inclusive")[-1]
        figures[name] = {
            "p95_ms": round(1000 * p95, 1),
            "median_ms": round(1000 * statistics.median(samples), 1),
            "first_ms": round(1000 * first, 1),
            "queries": queries,
            "kb": round(size / 1024, 1),
        }
        log.info("%s: %s", name, figures[name])
    return figures


def _seconds(call: Callable[[], Any]) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def _queries(call: Callable[[], int]) -> tuple[int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        size = call()
    return len(captured.captured_queries), size
