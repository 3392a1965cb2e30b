"""The notification tasks the worker runs: the retry of emails that could not be sent, and the
daily digest. `manage.py run_scheduler` queues them (each only when it is not already queued),
reading the queue itself (the django_tasks_db results table), as improvement/tasks.py does."""

from datetime import date

from django.tasks import task
from django_tasks_db.models import DBTaskResult

from collegium.daily import enqueue_once_a_day
from collegium.notifications.digest import send_digests
from collegium.notifications.services import send_each, to_retry


@task
def retry_emails() -> int:
    """Try again the emails that failed (or were never sent); how many were sent."""
    return send_each(to_retry())


@task
def send_daily_digests() -> int:
    """Send each person who chose a daily digest their digest; how many were sent."""
    return send_digests()


def enqueue_retry() -> bool:
    """Queue a retry when an email is waiting to be tried again and no retry is queued."""
    queued = DBTaskResult.objects.filter(
        task_path=retry_emails.module_path, status="READY"
    ).exists()
    if queued or not to_retry():
        return False
    retry_emails.enqueue()
    return True


def enqueue_daily_digests(today: date | None = None) -> bool:
    """Queue today's digests unless they already were; whether it queued them."""
    return enqueue_once_a_day(send_daily_digests, today)
