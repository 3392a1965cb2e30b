"""The background task: proposals, progress and failures are stored on the run."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from collegium.allocations import tasks
from collegium.allocations.models import AllocationRun
from collegium.allocations.services import runs
from collegium.audit import verbs
from collegium.audit.models import AuditEvent

Status = AllocationRun.Status


@pytest.mark.django_db
def test_a_run_stores_teams_progress_and_certificate(coordinator, cluster, ready, open_review):
    run = runs.start_run(coordinator, cluster)
    run.refresh_from_db()
    assert run.status == Status.PROPOSED and run.progress == 1.0 and run.finished_at
    places = list(run.places.all())
    assert sorted(p.role for p in places) == ["lead", "peer", "peer"]
    lead = next(p for p in places if p.role == "lead")
    assert lead.reviewer == ready["lena"] and lead.reasons and lead.score > 0
    checks = run.certificate["hard_violations"]  # type: ignore[index]
    assert checks and sum(checks.values()) == 0
    assert run.unfilled == []
    assert AuditEvent.objects.filter(action=verbs.ALLOCATION_RUN_STARTED).count() == 1


@pytest.mark.django_db
def test_progress_is_written_to_the_run_while_it_runs(coordinator, cluster, ready, monkeypatch):
    seen = []
    real = runs.report_progress

    def spy(run_id, fraction, message):
        real(run_id, fraction, message)
        seen.append(
            AllocationRun.objects.values_list("progress", "progress_message").get(pk=run_id)
        )

    monkeypatch.setattr(runs, "report_progress", spy)
    monkeypatch.setattr(tasks, "EVERY_SECONDS", 0.0)
    runs.start_run(coordinator, cluster)
    assert len(seen) > 2 and seen[0][1] and seen[-1][0] == 1.0


@pytest.mark.django_db
def test_a_failure_is_stored_with_its_message(coordinator, cluster, ready, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("solver crashed")

    monkeypatch.setattr(tasks, "allocate", broken)
    run = runs.start_run(coordinator, cluster)
    run.refresh_from_db()
    assert run.status == Status.FAILED
    assert run.error == "The optimiser stopped with an error: solver crashed"
    assert not run.places.exists()


@pytest.mark.django_db
def test_unfilled_places_come_with_a_reason(coordinator, cluster, ready, open_review):
    ready["lena"].accreditations.all().delete()
    run = runs.start_run(coordinator, cluster)
    run.refresh_from_db()
    [gap] = [g for g in run.unfilled if g["role"] == "lead"]
    assert gap["slots"] == 1 and "accredit" in gap["reason"]
    assert f"the week of {open_review.start_date:%-d %B %Y}" in gap["reason"]
    assert "week 1" not in gap["reason"]


@pytest.mark.django_db
def test_nothing_to_allocate_is_refused(coordinator, cluster):
    with pytest.raises(ValidationError, match="No review in Testtown Cluster needs a team"):
        runs.start_run(coordinator, cluster)
    assert not AllocationRun.objects.exists()


@pytest.mark.django_db
def test_a_second_run_waits_for_the_first(coordinator, cluster, ready):
    AllocationRun.objects.create(cluster=cluster, created_by=coordinator)
    with pytest.raises(ValidationError, match="already running"):
        runs.start_run(coordinator, cluster)
    assert AllocationRun.objects.count() == 1


@pytest.mark.django_db
def test_a_run_that_lost_its_worker_is_failed_and_a_new_one_starts(coordinator, cluster, ready):
    lost = AllocationRun.objects.create(cluster=cluster, status=Status.RUNNING)
    AllocationRun.objects.filter(pk=lost.pk).update(queued_at=timezone.now() - timedelta(hours=1))
    run = runs.start_run(coordinator, cluster)
    lost.refresh_from_db()
    assert lost.status == Status.FAILED and "stopped without finishing" in lost.error
    assert AllocationRun.objects.get(pk=run.pk).status == Status.PROPOSED


@pytest.mark.django_db
def test_with_the_database_queue_the_run_waits_for_the_worker(
    settings, coordinator, cluster, ready
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    run = runs.start_run(coordinator, cluster)
    run.refresh_from_db()
    assert run.status == Status.QUEUED and not run.places.exists()
    tasks.run_allocation.call(run.pk)  # what the db_worker does
    run.refresh_from_db()
    assert run.status == Status.PROPOSED and run.places.count() == 3
