"""The daily task that tells schools their factual accuracy check falls due, and leads when it
ended with no response (Django tasks), queued once a day by `manage.py run_scheduler` and run by
the `db_worker`."""

from datetime import date, datetime, time

from django.tasks import task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from collegium.reports.notices import remind_checks_due, tell_leads_checks_ended


@task
def remind_accuracy_checks_due() -> int:
    return remind_checks_due() + tell_leads_checks_ended()


def enqueue_daily_task(today: date | None = None) -> bool:
    """Queue today's reminders unless they already were; whether it queued them."""
    start = timezone.make_aware(datetime.combine(today or timezone.localdate(), time.min))
    if DBTaskResult.objects.filter(
        task_path=remind_accuracy_checks_due.module_path, enqueued_at__gte=start
    ).exists():
        return False
    remind_accuracy_checks_due.enqueue()
    return True
