"""Stakeholder voice at network scale: survey results pages and anonymous submissions, timed.

    .venv/bin/python bench/run.py voice [--schools 500 --responses 50000 --requests 60]

Into a fresh database (SQLite in /tmp, or --database-url) it loads the shipped frameworks and
question banks, makes `--schools` primary schools with a census and a leader each, and gives each
school this year's surveys of its pupils, parents, staff and governors (half, three tenths, three
twentieths and a twentieth of its responses: the governors' stay under 10) with generated answers,
`--responses` in all, written in bulk (not timed). Then, through Django's test client:
`--requests` results pages of random schools' pupil surveys, as the school's leader (the figures,
the per-question shares, the year-on-year column and the free text), and `--requests`
submissions of a full response to random open surveys, each from a new browser. Prints p95 of
each and the peak memory. See bench/README.md.
"""

import argparse
import logging
import os
import random
import resource
import statistics
import time
from datetime import timedelta
from typing import Any

log = logging.getLogger("bench")
SPLIT = (("pupils-primary", 0.5), ("parents-and-carers", 0.3), ("staff", 0.15), ("governors", 0.05))
WEIGHTS = (0.45, 0.38, 0.12, 0.05)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--database-url", help="PostgreSQL (a bench_<name> is made beside it)")
    parser.add_argument("--schools", type=int, default=500)
    parser.add_argument("--responses", type=int, default=50_000)
    parser.add_argument("--requests", type=int, default=60, help="timed requests of each kind")
    parser.add_argument("--seed", type=int, default=1)


def run(args: argparse.Namespace) -> dict[str, Any]:
    from bench.database import fresh_database

    os.environ.setdefault(
        "STATICFILES_BACKEND", "django.contrib.staticfiles.storage.StaticFilesStorage"
    )
    with fresh_database(args.database_url):
        from django.test.utils import setup_test_environment

        setup_test_environment()
        rng = random.Random(args.seed)
        started = time.perf_counter()
        leaders, surveys = build(args, rng)
        log.info(
            "Network of %d surveys ready in %.1f s", len(surveys), time.perf_counter() - started
        )
        from collegium.voice.models import SurveyResponse

        figures: dict[str, Any] = {"schools": args.schools, "surveys": len(surveys)}
        figures["results_ms_p95"] = _results_p95(leaders, surveys, args.requests, rng)
        figures["submit_ms_p95"] = _submit_p95(surveys, args.requests, rng)
        figures["responses"] = SurveyResponse.objects.count()
        figures["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
        return figures


def build(args: argparse.Namespace, rng: random.Random) -> tuple[dict[int, Any], list[Any]]:
    """Schools, their leaders, their surveys and the responses, written in bulk."""
    from django.utils import timezone

    from collegium.accounts.models import User
    from collegium.people.dates import current_academic_year
    from collegium.people.models import Role, RoleGrant
    from collegium.schools.models import Census, LocalAuthority, School
    from collegium.voice.models import BankVersion, Survey
    from collegium.voice.shipped import load_banks

    load_banks()
    today = timezone.localdate()
    la = LocalAuthority.objects.create(code=999, name="Bench")
    schools = School.objects.bulk_create(
        School(urn=800_000 + n, name=f"Bench school {n}", phase="primary", local_authority=la)
        for n in range(args.schools)
    )
    Census.objects.bulk_create(
        Census(school=s, year=today.year, pupils=rng.randrange(150, 450)) for s in schools
    )
    users = User.objects.bulk_create(
        User(email=f"head{s.pk}@bench.example", full_name=f"Head {s.pk}") for s in schools
    )
    RoleGrant.objects.bulk_create(
        RoleGrant(user=u, role=Role.SCHOOL_LEADER, school=s)
        for u, s in zip(users, schools, strict=True)
    )
    versions = {v.bank.slug: v for v in BankVersion.objects.select_related("bank")}
    surveys = Survey.objects.bulk_create(
        Survey(
            school=school,
            version=versions[slug],
            audience=versions[slug].bank.audience,
            academic_year=current_academic_year(today),
            opens_on=today - timedelta(days=7),
            closes_on=today + timedelta(days=14),
            token=f"bench-{school.pk}-{slug}",
        )
        for school in schools
        for slug, _ in SPLIT
    )
    _respond(surveys, versions, args.responses // args.schools, rng)
    leaders = {u.pk: u for u in users}
    return {s.pk: leaders[u.pk] for s, u in zip(schools, users, strict=True)}, surveys


def _respond(surveys: list[Any], versions: dict[str, Any], each: int, rng: random.Random) -> None:
    from collegium.voice.models import Answer, SurveyResponse

    questions = {v.pk: list(v.questions.all()) for v in versions.values()}
    shares = dict(SPLIT)
    counts = {s.pk: max(1, round(each * shares[s.version.bank.slug])) for s in surveys}
    made = SurveyResponse.objects.bulk_create(
        (
            SurveyResponse(survey=s, submitted_on=s.opens_on)
            for s in surveys
            for _ in range(counts[s.pk])
        ),
        batch_size=5_000,
    )
    by_pk = {s.pk: s for s in surveys}
    answers = []
    for response in made:
        for question in questions[by_pk[response.survey_id].version_id]:
            if question.kind == "text":
                if rng.random() < 0.2:
                    answers.append(
                        Answer(response=response, question=question, text="More clubs please")
                    )
            else:
                choice = rng.choices((1, 2, 3, 4), weights=WEIGHTS)[0]
                answers.append(Answer(response=response, question=question, choice=choice))
        if len(answers) > 50_000:
            Answer.objects.bulk_create(answers, batch_size=5_000)
            answers = []
    Answer.objects.bulk_create(answers, batch_size=5_000)
    log.info("%d responses written", len(made))


def _p95(samples: list[float]) -> float:
    return round(1000 * statistics.quantiles(samples, n=20, method="inclusive")[-1], 1)


def _results_p95(
    leaders: dict[int, Any], surveys: list[Any], count: int, rng: random.Random
) -> float:
    from django.test import Client

    pupils = [s for s in surveys if s.audience == "pupils_primary"]
    samples = []
    for number in range(count + 1):
        survey = rng.choice(pupils)
        client = Client()
        client.force_login(leaders[survey.school_id])
        started = time.perf_counter()
        response = client.get(f"/voice/surveys/{survey.pk}/", secure=True)
        seconds = time.perf_counter() - started
        assert response.status_code == 200 and b"Positive" in response.content
        if number:  # the first compiles the templates
            samples.append(seconds)
    return _p95(samples)


def _submit_p95(surveys: list[Any], count: int, rng: random.Random) -> float:
    from django.test import Client

    from collegium.voice.models import Question

    samples = []
    for number in range(count + 1):
        survey = rng.choice([s for s in surveys if s.audience != "staff"])
        scale = Question.objects.filter(version_id=survey.version_id, kind="scale")
        data = {f"q{pk}": str(rng.randrange(1, 5)) for pk in scale.values_list("pk", flat=True)}
        client = Client()  # a new browser: no cookie from an earlier answer
        started = time.perf_counter()
        response = client.post(f"/voice/answer/{survey.token}/", data, secure=True)
        seconds = time.perf_counter() - started
        assert response.status_code == 302, response.status_code
        if number:
            samples.append(seconds)
    return _p95(samples)
