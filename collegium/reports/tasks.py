"""The daily task that tells schools their factual accuracy check falls due, and leads when it
ended with no response (Django tasks), queued once a day by `manage.py run_scheduler` and run by
the `db_worker`."""

from datetime import date

from django.tasks import task

from collegium.daily import enqueue_once_a_day
from collegium.reports.notices import remind_checks_due, tell_leads_checks_ended


@task
def remind_accuracy_checks_due() -> int:
    return remind_checks_due() + tell_leads_checks_ended()


def enqueue_daily_task(today: date | None = None) -> bool:
    """Queue today's reminders unless they already were; whether it queued them."""
    return enqueue_once_a_day(remind_accuracy_checks_due, today)
