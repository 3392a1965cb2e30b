"""Changes of state of retention: the network admin's periods, the daily dry run and carrying
it out once it has stood for WAIT school working days without a pause (ADR 0021)."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.privacy.models import KINDS, MAX_MONTHS, MIN_MONTHS, RetentionRun, RetentionSettings
from collegium.privacy.retention import expired, remove_expired
from collegium.workingdays import add_working_days

WAIT = 5  # school working days between the dry run and the removal: a school week to look
FIELDS = [kind for kind, *_ in KINDS] + ["paused"]


def pending_run() -> RetentionRun | None:
    return RetentionRun.objects.filter(carried_out_on=None, discarded=False).first()


def update_periods(actor: User, periods: dict[str, Any], today: date | None = None) -> None:
    """Save the periods; a changed period discards the dry run and makes a new one today."""
    for kind, label, *_ in KINDS:
        if not MIN_MONTHS <= periods[kind] <= MAX_MONTHS:
            raise ValidationError(
                f"{label} must be kept for a whole number of months between "
                f"{MIN_MONTHS} and {MAX_MONTHS}"
            )
    with transaction.atomic():
        RetentionSettings.objects.get_or_create(pk=1)
        found = RetentionSettings.objects.select_for_update().get(pk=1)
        before = snapshot(found, FIELDS)
        for field in FIELDS:
            setattr(found, field, periods[field])
        found.updated_by = actor
        found.save()
        after = snapshot(found, FIELDS)
        if before == after:
            return
        record_change(actor, verbs.RETENTION_PERIODS_CHANGED, found, before, after)
        if any(before[kind] != after[kind] for kind, *_ in KINDS):  # not only the pause
            RetentionRun.objects.filter(carried_out_on=None).update(discarded=True)
            make_dry_run(today or timezone.localdate(), actor)


def make_dry_run(today: date, actor: User | None = None) -> RetentionRun | None:
    """Count what has expired today and keep the count; None when a dry run is pending."""
    if pending_run() is not None:
        return None
    found = expired(today)
    run = RetentionRun.objects.create(
        made_on=today,
        due_on=add_working_days(today, WAIT),
        counts={e.kind: e.expired for e in found},
        held={e.kind: e.held for e in found},
    )
    record_change(actor, verbs.RETENTION_DRY_RUN_MADE, run, None, {"counts": run.counts})
    return run


def carry_out(run: RetentionRun, today: date) -> dict[str, int]:
    """Remove what had expired on the dry run's day and is not held today."""
    with transaction.atomic():
        run = RetentionRun.objects.select_for_update().get(pk=run.pk)
        if not run.is_pending:
            raise ValidationError("This dry run has already been carried out or discarded")
        if today < run.due_on:
            raise ValidationError("A dry run is carried out only once it is due")
        removed = remove_expired(run.made_on)
        run.removed = removed
        run.carried_out_on = today
        run.save(update_fields=["removed", "carried_out_on"])
        record_change(None, verbs.EXPIRED_RECORDS_REMOVED, run, None, {"removed": removed})
    return removed


def run_daily(today: date) -> str:
    """The daily task: carry out the pending dry run once due (unless paused), or make one."""
    run = pending_run()
    if run is None:
        make_dry_run(today)
        return "dry run made"
    if today >= run.due_on and not RetentionSettings.current().paused:
        carry_out(run, today)
        return "carried out"
    return "waiting"
