"""The daily background task of safeguarding audits (Django tasks): the reminders of reminders.py.

`manage.py run_scheduler` enqueues it once a day, as it does the improvement and complaints
tasks; whether today's was enqueued is read from the task queue itself, so a restarted scheduler
does not enqueue it twice (and if it ran twice, each reminder keeps its day)."""

from datetime import date

from django.tasks import task

from collegium.daily import enqueue_once_a_day
from collegium.safeguarding.reminders import send_reminders


@task
def remind_safeguarding() -> int:
    """Today's reminders; how many actions, audits and schools were reminded about."""
    return send_reminders()


def enqueue_daily_task(today: date | None = None) -> bool:
    """Enqueue today's task unless it already was; whether it enqueued it."""
    return enqueue_once_a_day(remind_safeguarding, today)
