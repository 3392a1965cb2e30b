"""The daily background task of complaints (Django tasks): remind handlers of deadlines and close
complaints the school did not take further in time.

`manage.py run_scheduler` enqueues it once a day, as it does the improvement reminders; whether
today's was enqueued is read from the task queue itself, so a restarted scheduler does not enqueue
it twice (and if it ran twice, each stage keeps its reminder days and a closed complaint stays
closed)."""

from datetime import date

from django.tasks import task

from collegium.complaints.reminders import send_reminders
from collegium.complaints.services import close_lapsed_complaints
from collegium.daily import enqueue_once_a_day


@task
def keep_complaints_on_time() -> int:
    """Today's reminders and closings; how many stages were reminded or complaints closed."""
    return send_reminders() + len(close_lapsed_complaints())


def enqueue_daily_task(today: date | None = None) -> bool:
    """Enqueue today's task unless it already was; whether it enqueued it."""
    return enqueue_once_a_day(keep_complaints_on_time, today)
