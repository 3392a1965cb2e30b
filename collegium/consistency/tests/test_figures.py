"""Stored figures: worked out by the task worker when the data change, read by the pages."""

import pickle
from datetime import timedelta

import numpy as np
import pandas as pd
import pytest
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from collegium.calibration.models import CalibrationPack, Invitation
from collegium.consistency import figures, statistics, tasks
from collegium.consistency.models import StoredFigures
from collegium.consistency.tests.network import build_network
from collegium.reviews.models import Judgement, JudgementProposal, Review
from collegium.schools.models import ImportRun

RELIABILITY = reverse("consistency:reliability")
SEVERITY = reverse("consistency:severity")
BIAS = reverse("consistency:bias")
PENDING = "The figures are being worked out from the latest judgements"


def stored(kind: str):
    found = figures.latest(kind)
    assert found is not None
    return found[0]


def queued() -> int:
    return DBTaskResult.objects.filter(
        task_path=tasks.refresh_figures.module_path, status=TaskResultStatus.READY
    ).count()


@pytest.fixture
def network(framework_version, cluster, la) -> list[Review]:
    reviews = build_network(framework_version, cluster, la)
    figures.refresh()
    return reviews


def refuse_to_compute(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("a page computed statistics")

    monkeypatch.setattr(statistics, "live_inputs", refuse)
    for kind in statistics.COMPUTE:
        monkeypatch.setitem(statistics.COMPUTE, kind, refuse)


def test_the_pages_read_stored_figures_and_never_compute(
    network, client_for, moderator, monkeypatch
):
    refuse_to_compute(monkeypatch)
    client = client_for(moderator)
    urls = [
        RELIABILITY,
        SEVERITY,
        BIAS,
        reverse("consistency:review-adjusted", args=[network[-1].pk]),
        reverse("consistency:severity-csv", args=["reviewers"]),
        reverse("consistency:reliability-csv", args=["cluster"]),
        reverse("consistency:bias-csv", args=["distribution"]),
    ]
    for url in urls:
        assert client.get(url).status_code == 200
    page = client.get(SEVERITY).content.decode()
    assert "<strong>Generated Reviewer 0</strong>" in page  # flagged
    assert "These figures were worked out on " in page
    assert "worked out again" not in page
    assert queued() == 0


def test_with_nothing_stored_the_page_says_so_and_queues_the_work_once(
    client_for, moderator, outsider, monkeypatch
):
    refuse_to_compute(monkeypatch)
    assert client_for(outsider).get(SEVERITY).status_code == 403
    assert queued() == 0  # a refused visit queues nothing
    client = client_for(moderator)
    for url in (RELIABILITY, SEVERITY, RELIABILITY):
        page = client.get(url)
        assert page.status_code == 200
        assert PENDING in page.content.decode()
    assert PENDING in client_for(None).get(BIAS).content.decode()
    assert queued() == 1
    assert StoredFigures.objects.count() == 0


def test_a_failed_task_is_not_queued_again_on_every_visit(client_for, moderator):
    failed = tasks.refresh_figures.enqueue()
    DBTaskResult.objects.filter(id=failed.id).update(
        status=TaskResultStatus.FAILED, finished_at=timezone.now()
    )
    assert PENDING in client_for(moderator).get(SEVERITY).content.decode()
    assert queued() == 0
    an_hour_ago = timezone.now() - timedelta(hours=1)
    DBTaskResult.objects.filter(id=failed.id).update(finished_at=an_hour_ago)
    client_for(moderator).get(SEVERITY)
    assert queued() == 1


def test_figures_of_an_older_format_are_worked_out_again(network, client_for, moderator):
    StoredFigures.objects.filter(kind="severity").update(figures=b"not a pickle")
    page = client_for(moderator).get(SEVERITY)
    assert page.status_code == 200 and PENDING in page.content.decode()
    assert queued() == 1
    assert figures.refresh() == []  # same data, same hash: nothing to do…
    StoredFigures.objects.filter(kind="severity").update(format=statistics.FORMAT - 1)
    assert figures.refresh() == ["severity"]  # …unless the stored format is an older one
    assert figures.latest("severity") is not None


def test_a_change_to_a_counted_judgement_queues_one_recompute(
    network, review, django_capture_on_commit_callbacks
):
    judgement = Judgement.objects.filter(review=network[0])[0]
    with django_capture_on_commit_callbacks(execute=True):
        judgement.level = 1 if judgement.level != 1 else 2
        judgement.save()
    assert queued() == 1
    proposal = JudgementProposal.objects.filter(review=network[1])[0]
    with django_capture_on_commit_callbacks(execute=True):
        proposal.rationale = "Changed"
        proposal.save()
    assert queued() == 1  # one task waiting is enough for a burst of changes
    DBTaskResult.objects.all().delete()
    strand = review.framework_version.areas.first().strands.first()
    with django_capture_on_commit_callbacks(execute=True):
        JudgementProposal.objects.create(  # a review still being planned counts for nothing
            review=review, strand=strand, proposed_by=review.team.first(), level=2, rationale="x"
        )
    assert queued() == 0
    with django_capture_on_commit_callbacks(execute=True):
        review.status = Review.Status.AGREED
        review.save()
    assert queued() == 1


def test_calibration_grades_and_a_register_import_queue_a_recompute(
    framework_version, reviewer, network_admin, django_capture_on_commit_callbacks
):
    pack = CalibrationPack.objects.create(
        title="Pack", framework_version=framework_version, created_by=network_admin
    )
    invitation = Invitation.objects.create(pack=pack, reviewer=reviewer.reviewer_profile)
    with django_capture_on_commit_callbacks(execute=True):
        invitation.save()
    assert queued() == 0  # not submitted yet
    with django_capture_on_commit_callbacks(execute=True):
        invitation.submitted_at = timezone.now()
        invitation.save()
    assert queued() == 1
    DBTaskResult.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        ImportRun.objects.create(source_dir="/data")
    assert queued() == 1


# Transactional: the worker closes the database connection when its batch ends, which on
# PostgreSQL would end the transaction an ordinary test runs in.
@pytest.mark.django_db(transaction=True)
def test_a_stale_result_is_replaced_by_the_worker(
    network, client_for, moderator, django_capture_on_commit_callbacks
):
    before = StoredFigures.objects.get(kind="reliability")
    old = pd.DataFrame(stored("reliability").tables["area"])
    with django_capture_on_commit_callbacks(execute=True):
        for proposal in JudgementProposal.objects.filter(strand__code="A1S1")[:20]:
            proposal.level = 4 if proposal.level != 4 else 1
            proposal.save()
    page = client_for(moderator).get(RELIABILITY).content.decode()
    assert "They are being worked out again to include the latest changes." in page
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    after = StoredFigures.objects.get(kind="reliability")
    assert after.data_hash != before.data_hash and after.computed_at > before.computed_at
    new = stored("reliability").tables["area"]
    assert not np.allclose(old["estimate"], new["estimate"], equal_nan=True)
    assert StoredFigures.objects.count() == 3  # replaced, one row per kind
    page = client_for(moderator).get(RELIABILITY).content.decode()
    assert "worked out again" not in page


def test_figures_from_an_older_read_do_not_replace_newer_ones(network):
    stored = StoredFigures.objects.get(kind="bias")
    earlier = stored.data_read_at - timedelta(seconds=1)
    assert not figures._store("bias", "older", None, earlier, 0.0)
    assert StoredFigures.objects.get(kind="bias").data_hash == stored.data_hash


def _store(kind: str, result: object) -> None:
    figures._store(kind, "generated", result, timezone.now(), 0.0)


def national_severity(n: int = 3000) -> statistics.Severity:
    rng = np.random.default_rng(0)
    severity = np.sort(rng.normal(0, 0.4, n))[::-1]
    table = pd.DataFrame(
        {
            "reviewer": np.arange(1, n + 1),
            "severity": severity,
            "low": severity - 0.3,
            "high": severity + 0.3,
            "ratings": 60,
            "schools": 3,
            "flagged": np.abs(severity) > 0.9,
            "name": [f"National Reviewer {i}" for i in range(n)],
        }
    )
    terms = ["2024/25 summer", "2025/26 autumn", "2025/26 spring"]
    drift = table.merge(pd.DataFrame({"term": terms}), how="cross").rename(
        columns={"reviewer": "rater"}
    )
    reviews = {r: list(range(1, 40)) for r in table["reviewer"]}
    return statistics.Severity(
        reviewers=n, table=table, drift=drift, threshold=0.5, separation=0.8, terms=terms,
        reviews=reviews,
    )  # fmt: skip


def test_a_national_severity_page_is_of_reasonable_size(network, client_for, moderator, outsider):
    result = national_severity()
    assert result.table is not None
    flagged = int(result.table["flagged"].sum())
    assert flagged > 50
    _store("severity", result)
    client = client_for(moderator)
    page = client.get(SEVERITY)
    assert len(page.content) < 300_000
    html = page.content.decode()
    assert "Severity of 3000 reviewers, harshest first: 1 to 30" in html
    assert f"The first 50 of {flagged} are listed here" in html
    assert html.count('class="govuk-table__row"') == 31  # the header and one page of 30
    assert "National Reviewer 30<" not in html.split("Severity of 3000 reviewers")[1]
    second = client.get(SEVERITY, {"page": "2"}).content.decode()
    assert "National Reviewer 30<" in second and "31 to 60" in second
    for odd in ("0", "x", "99999", "-1"):
        assert client.get(SEVERITY, {"page": odd}).status_code == 200
    rows = client.get(reverse("consistency:severity-csv", args=["reviewers"])).content
    assert rows.decode().count("\n") == 3001  # the file stays complete
    assert client_for(outsider).get(SEVERITY, {"page": "2"}).status_code == 403


def national_reliability(clusters: int = 600) -> statistics.Reliability:
    rng = np.random.default_rng(1)
    groups = {"area": 12, "cluster": clusters, "term": 3}
    tables = {}
    for by, n in groups.items():
        rows = []
        for g in range(n):
            estimate = float(rng.uniform(0.3, 0.95))
            for statistic in statistics.STATISTIC_NAMES:
                rows.append(
                    {
                        "framework": "National framework",
                        by: f"{by.title()} {g:03d}",
                        "statistic": statistic,
                        "estimate": estimate,
                        "low": estimate - 0.1,
                        "high": min(estimate + 0.1, 1.0),
                        "units": 40,
                        "raters": 9,
                    }
                )
        tables[by] = pd.DataFrame(rows)
    return statistics.Reliability(ratings=270_000, reviews=3000, tables=tables)


def test_a_national_reliability_page_shows_its_least_reliable_groups(
    network, client_for, moderator
):
    result = national_reliability()
    _store("reliability", result)
    client = client_for(moderator)
    page = client.get(RELIABILITY)
    assert len(page.content) < 300_000
    html = page.content.decode()
    assert "The 20 clusters with the lowest ordinal alpha, of 600." in html
    alpha = result.tables["cluster"].query("statistic == 'alpha_ordinal'")
    lowest = alpha.sort_values("estimate")["cluster"].tolist()
    assert lowest[0] in html and lowest[19] in html and lowest[20] not in html
    assert html.count("<svg") == 3
    assert "Reliability by term</caption>" in html  # 3 terms: all shown
    rows = client.get(reverse("consistency:reliability-csv", args=["cluster"])).content
    assert rows.decode().count("\n") == 600 * len(statistics.STATISTIC_NAMES) + 1


def test_stored_figures_survive_a_round_trip(db):
    result = national_severity(50)
    _store("severity", result)
    found = figures.latest("severity")
    assert found is not None
    read, when = found
    assert read.table.equals(result.table) and read.reviews == result.reviews
    assert pickle.loads(StoredFigures.objects.get(kind="severity").figures).reviewers == 50
    assert when is not None
