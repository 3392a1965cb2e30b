"""Daily background tasks, each queued at most once a day by `manage.py run_scheduler`.
Whether today's was queued is read from the task queue itself (django_tasks_db's results
table), so a restarted scheduler does not queue it twice and no extra table or cache is needed;
each task is written so that running it twice on one day changes nothing more."""

from datetime import date, datetime, time
from typing import Any

from django.tasks import Task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult


def enqueue_once_a_day(daily_task: Task[Any, Any], today: date | None = None) -> bool:
    """Queue the task unless it was queued today (local time); whether it queued it."""
    start = timezone.make_aware(datetime.combine(today or timezone.localdate(), time.min))
    queued = DBTaskResult.objects.filter(task_path=daily_task.module_path, enqueued_at__gte=start)
    if queued.exists():
        return False
    daily_task.enqueue()
    return True
