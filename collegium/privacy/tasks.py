"""The daily retention task (Django tasks): carry out the dry run that has stood long enough,
or make a new one. `manage.py run_scheduler` enqueues it once a day (settings.DAILY_TASKS);
whether today's was enqueued is read from the task queue, so a restarted scheduler does not
enqueue it twice (and a second run finds the dry run carried out, or one already pending)."""

from datetime import date

from django.tasks import task
from django.utils import timezone

from collegium.daily import enqueue_once_a_day
from collegium.privacy.runs import run_daily


@task
def keep_records_for_their_periods() -> str:
    return run_daily(timezone.localdate())


def enqueue_daily_task(today: date | None = None) -> bool:
    """Enqueue today's task unless it already was; whether it enqueued it."""
    return enqueue_once_a_day(keep_records_for_their_periods, today)
