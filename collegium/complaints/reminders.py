"""Reminders of complaint deadlines (C1): whoever handles a stage is emailed 2 school working days
before its outcome is due and again on the day (the network admins, while nobody is assigned).

The daily task (tasks.py, queued by `manage.py run_scheduler`) calls send_reminders. Each stage
keeps the day of each reminder, so however often the task runs neither reminder goes twice.
Nothing is sent on a day schools are closed; a stage whose due day has passed is listed on the
network admin's page of open complaints instead.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone

from collegium.audit import verbs
from collegium.audit.services import record_change
from collegium.complaints import notices
from collegium.complaints.deadlines import REMIND_BEFORE
from collegium.complaints.models import Complaint, Stage
from collegium.termdates.calendar import is_school_working_day, school_working_days_between


def reminder_due(stage: Stage, today: date) -> str | None:
    """The reminder the stage is due today ("reminded_due_on" or "reminded_before_on"), if any."""
    if stage.is_decided or stage.due_on < today:
        return None
    if stage.due_on == today:
        return None if stage.reminded_due_on else "reminded_due_on"
    soon = school_working_days_between(today, stage.due_on) <= REMIND_BEFORE
    return "reminded_before_on" if soon and stage.reminded_before_on is None else None


def send_reminders(today: date | None = None) -> int:
    """Remind the handlers of every stage due soon or today; the number of stages reminded."""
    today = today or timezone.localdate()
    if not is_school_working_day(today):
        return 0
    reminded = 0
    with transaction.atomic():
        stages = (
            Stage.objects.select_for_update(of=("self",))
            .filter(complaint__status=Complaint.Status.OPEN, decided_on__isnull=True)
            .filter(due_on__gte=today)
            .select_related("handler", "complaint__report__review__school")
        )
        for stage in stages:
            field = reminder_due(stage, today)
            if field is None:
                continue
            before = {field: None}
            setattr(stage, field, today)
            stage.save(update_fields=[field])
            people = notices.reminder(stage.complaint, stage, due_today=stage.due_on == today)
            after = {field: today.isoformat(), "stage": stage.number}
            after["reminded"] = sorted(person.email for person in people)
            record_change(None, verbs.COMPLAINT_REMINDER_SENT, stage.complaint, before, after)
            reminded += 1
    return reminded
