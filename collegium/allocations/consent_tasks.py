"""The daily background task of place requests (Django tasks): requests unanswered after their
due date time out and their places are offered to the run's backups (services/consent.py).

`manage.py run_scheduler` enqueues it once a day, as it does the other daily tasks; whether
today's was enqueued is read from the task queue itself, so a restarted scheduler does not
enqueue it twice (and a second run finds nothing overdue)."""

from datetime import date, datetime, time

from django.tasks import task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from collegium.allocations.services.consent import expire


@task
def expire_place_requests() -> int:
    """Time out today's overdue requests; how many timed out."""
    return expire()


def enqueued_on(day: date) -> bool:
    start = timezone.make_aware(datetime.combine(day, time.min))
    return DBTaskResult.objects.filter(
        task_path=expire_place_requests.module_path, enqueued_at__gte=start
    ).exists()


def enqueue_daily_task(today: date | None = None) -> bool:
    """Enqueue today's task unless it already was; whether it enqueued it."""
    if enqueued_on(today or timezone.localdate()):
        return False
    expire_place_requests.enqueue()
    return True
