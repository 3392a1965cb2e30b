"""The daily background task of safeguarding audits (Django tasks): the reminders of reminders.py.

`manage.py run_scheduler` enqueues it once a day, as it does the improvement and complaints
tasks; whether today's was enqueued is read from the task queue itself, so a restarted scheduler
does not enqueue it twice (and if it ran twice, each reminder keeps its day)."""

from datetime import date, datetime, time

from django.tasks import task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from collegium.safeguarding.reminders import send_reminders


@task
def remind_safeguarding() -> int:
    """Today's reminders; how many actions, audits and schools were reminded about."""
    return send_reminders()


def enqueued_on(day: date) -> bool:
    start = timezone.make_aware(datetime.combine(day, time.min))
    return DBTaskResult.objects.filter(
        task_path=remind_safeguarding.module_path, enqueued_at__gte=start
    ).exists()


def enqueue_daily_task(today: date | None = None) -> bool:
    """Enqueue today's task unless it already was; whether it enqueued it."""
    if enqueued_on(today or timezone.localdate()):
        return False
    remind_safeguarding.enqueue()
    return True
