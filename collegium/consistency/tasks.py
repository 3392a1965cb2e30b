"""The background task that works out the consistency figures (Django tasks).

Changes to the data queue it (`signals.py`, after the change is committed); a page with no
figures yet queues it once. The `db_worker` (started by `make run`) runs it. Whether it is
already waiting is read from the task queue (the django_tasks_db results table), so a burst of
changes queues one task, not one per change.
"""

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.tasks import TaskResultStatus, task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from collegium.consistency import figures

# A task marked running for longer than this is taken to have died with its worker.
RUNNING_AT_MOST = timedelta(hours=2)
# After a failure, a page waits this long before it queues the task again.
RETRY_AFTER = timedelta(minutes=10)


@task
def refresh_figures() -> list[str]:
    """Work out again the figures whose data changed; the kinds stored."""
    return figures.refresh()


def _queued() -> QuerySet[DBTaskResult[..., Any]]:
    return DBTaskResult.objects.filter(task_path=refresh_figures.module_path)


def pending() -> bool:
    """Whether the task is waiting for a worker or being run."""
    now = timezone.now()
    waiting = _queued().filter(status=TaskResultStatus.READY)
    running = _queued().filter(
        status=TaskResultStatus.RUNNING, started_at__gte=now - RUNNING_AT_MOST
    )
    return waiting.exists() or running.exists()


def request_refresh() -> bool:
    """Queue the task unless it is already waiting; whether it was queued."""
    if _queued().filter(status=TaskResultStatus.READY).exists():
        return False
    refresh_figures.enqueue()
    return True


def request_refresh_after_commit() -> None:
    """Queue the task once the current change is committed (the worker must see it)."""
    transaction.on_commit(request_refresh)


def failed_recently() -> bool:
    since = timezone.now() - RETRY_AFTER
    return _queued().filter(status=TaskResultStatus.FAILED, finished_at__gte=since).exists()
