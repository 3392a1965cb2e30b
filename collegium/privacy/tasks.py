"""The daily retention task (Django tasks): carry out the dry run that has stood long enough,
or make a new one. `manage.py run_scheduler` enqueues it once a day (settings.DAILY_TASKS);
whether today's was enqueued is read from the task queue, so a restarted scheduler does not
enqueue it twice (and a second run finds the dry run carried out, or one already pending)."""

from datetime import date, datetime, time

from django.tasks import task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from collegium.privacy.runs import run_daily


@task
def keep_records_for_their_periods() -> str:
    return run_daily(timezone.localdate())


def enqueued_on(day: date) -> bool:
    start = timezone.make_aware(datetime.combine(day, time.min))
    return DBTaskResult.objects.filter(
        task_path=keep_records_for_their_periods.module_path, enqueued_at__gte=start
    ).exists()


def enqueue_daily_task(today: date | None = None) -> bool:
    """Enqueue today's task unless it already was; whether it enqueued it."""
    if enqueued_on(today or timezone.localdate()):
        return False
    keep_records_for_their_periods.enqueue()
    return True
