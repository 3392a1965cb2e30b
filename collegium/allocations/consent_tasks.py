"""The daily background task of place requests (Django tasks): requests unanswered after their
due date time out and their places are offered to the run's backups (services/consent.py).

`manage.py run_scheduler` enqueues it once a day, as it does the other daily tasks; whether
today's was enqueued is read from the task queue itself, so a restarted scheduler does not
enqueue it twice (and a second run finds nothing overdue)."""

from datetime import date

from django.tasks import task

from collegium.allocations.services.consent import expire
from collegium.daily import enqueue_once_a_day


@task
def expire_place_requests() -> int:
    """Time out today's overdue requests; how many timed out."""
    return expire()


def enqueue_daily_task(today: date | None = None) -> bool:
    """Enqueue today's task unless it already was; whether it enqueued it."""
    return enqueue_once_a_day(expire_place_requests, today)
