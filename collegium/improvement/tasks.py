"""The daily background task that reminds people of overdue milestones (Django tasks).

`manage.py run_scheduler` (started by `make run`) enqueues it once a day; the `db_worker` runs
it. Whether today's task was already enqueued is read from the task queue itself (the
django_tasks_db results table), so a restarted scheduler does not enqueue it twice and no
extra table or cache is needed. Even if it were run twice, the reminders would not be sent
twice: each milestone keeps the date of its last reminder."""

from datetime import date

from django.tasks import task

from collegium.daily import enqueue_once_a_day
from collegium.improvement.services.reminders import send_overdue_reminders


@task
def remind_overdue_milestones() -> int:
    """Send today's reminders; the number of people reminded."""
    return send_overdue_reminders()


def enqueue_daily_reminders(today: date | None = None) -> bool:
    """Enqueue today's reminders unless they already were; whether it enqueued them."""
    return enqueue_once_a_day(remind_overdue_milestones, today)
