"""Reminders of the safeguarding cycle (G1), sent by the daily task (tasks.py, queued by
`manage.py run_scheduler`) on school working days:

- an action due within 5 school working days: once, to its owner;
- an overdue action: to its owner, the school's leaders and its governors, again every 5 school
  working days while it stays overdue;
- an audit with the board 10 school working days after it was submitted and not yet reviewed: to
  the governors (the board, and so its chair) and the leaders, again every 5 school working days;
- the annual audit due (never done, or a month before a year has passed since the board reviewed
  the last one) and none started: to the leaders, the designated safeguarding leads and the
  governors, again every 20 school working days.

Each reminder keeps its day (on the action, on the audit, or as a `DueReminder`), so however often
the task runs none goes twice in one day; each person gets one email listing everything.
"""

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.services import record_change
from collegium.links import site_link
from collegium.notifications.services import notify
from collegium.people.selectors import school_leaders
from collegium.safeguarding import selectors
from collegium.safeguarding.models import (
    OPEN_ACTIONS,
    AuditAction,
    DueReminder,
    SafeguardingAudit,
)
from collegium.termdates.calendar import is_school_working_day, school_working_days_between

REMIND_BEFORE = 5  # school working days before an action's due date
REMIND_EVERY = 5  # school working days between reminders of an overdue action or a board review
BOARD_WAIT = 10  # school working days the board has before it is reminded
DUE_EVERY = 20  # school working days between reminders that an annual audit is due
SUBJECT = "Safeguarding: what needs doing"

Lines = dict[User, list[str]]


def _since(day: date | None, today: date) -> int | None:
    return None if day is None else school_working_days_between(day, today)


def _add(lines: Lines, people: Any, line: str) -> None:
    for person in people:
        if line not in lines[person]:
            lines[person].append(line)


def _remind_actions(lines: Lines, today: date) -> int:
    found = AuditAction.objects.select_for_update(of=("self",)).filter(status__in=OPEN_ACTIONS)
    reminded = 0
    for action in found.select_related("audit__school", "owner", "item"):
        school = action.audit.school
        link = site_link("safeguarding:action", action.pk)
        item = f"{action.item.code} " if action.item else ""
        if action.due_on < today:
            last = _since(action.reminded_overdue_on, today)
            if last is not None and last < REMIND_EVERY:
                continue
            field = "reminded_overdue_on"
            line = f"{school.name}: safeguarding action {item}was due {action.due_on:%-d %B %Y}"
            people = [
                action.owner,
                *school_leaders(school.pk),
                *selectors.governors_of(school.pk),
            ]
        elif action.reminded_due_on is None and (
            school_working_days_between(today, action.due_on) <= REMIND_BEFORE
        ):
            field = "reminded_due_on"
            line = f"{school.name}: safeguarding action {item}is due {action.due_on:%-d %B %Y}"
            people = [action.owner]
        else:
            continue
        _add(lines, people, f"{line}. {link}")
        _mark(action, field, today)
        reminded += 1
    return reminded


def _remind_boards(lines: Lines, today: date) -> int:
    waiting = SafeguardingAudit.objects.select_for_update(of=("self",)).filter(
        status=SafeguardingAudit.Status.SUBMITTED
    )
    reminded = 0
    for audit in waiting.select_related("school"):
        waited = _since(audit.submitted_on, today) or 0
        last = _since(audit.board_reminded_on, today)
        if waited < BOARD_WAIT or (last is not None and last < REMIND_EVERY):
            continue
        assert audit.submitted_on is not None
        line = (
            f"{audit.school.name}: the governing board has not yet reviewed the safeguarding audit "
            f"submitted on {audit.submitted_on:%-d %B %Y}. "
            f"{site_link('safeguarding:board-review', audit.pk)}"
        )
        board = [*selectors.governors_of(audit.school_id), *school_leaders(audit.school_id)]
        _add(lines, board, line)
        _mark(audit, "board_reminded_on", today)
        reminded += 1
    return reminded


def _remind_due_audits(lines: Lines, today: date) -> int:
    reminded = 0
    for school in selectors.network_schools(today):
        if selectors.open_audit(school) is not None:
            continue
        due = selectors.audit_due_on(selectors.last_reviewed(school))
        if due is not None and due - timedelta(days=selectors.DUE_SOON_DAYS) > today:
            continue
        last = DueReminder.objects.filter(school=school).order_by("-sent_on").first()
        if last is not None and school_working_days_between(last.sent_on, today) < DUE_EVERY:
            continue
        when = "now" if due is None or due <= today else f"by {due:%-d %B %Y}"
        line = (
            f"{school.name}: the annual safeguarding audit is due {when}. "
            f"{site_link('safeguarding:school', school.pk)}"
        )
        people = [*selectors.auditors_of(school.pk), *selectors.governors_of(school.pk)]
        if not people:
            continue
        _add(lines, people, line)
        sent = DueReminder.objects.create(school=school, sent_on=today)
        record_change(None, verbs.SAFEGUARDING_REMINDER_SENT, sent, None, _reminded(people))
        reminded += 1
    return reminded


def _mark(obj: AuditAction | SafeguardingAudit, field: str, today: date) -> None:
    before = {field: _iso(getattr(obj, field))}
    setattr(obj, field, today)
    obj.save(update_fields=[field])
    record_change(None, verbs.SAFEGUARDING_REMINDER_SENT, obj, before, {field: today.isoformat()})


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _reminded(people: list[User]) -> dict[str, Any]:
    return {"reminded": sorted({person.email for person in people})}


def send_reminders(today: date | None = None) -> int:
    """Today's reminders; the number of things reminded about (actions, audits, schools)."""
    today = today or timezone.localdate()
    if not is_school_working_day(today):
        return 0
    lines: Lines = defaultdict(list)
    with transaction.atomic():
        reminded = _remind_actions(lines, today) + _remind_boards(lines, today)
        reminded += _remind_due_audits(lines, today)
        for person, theirs in lines.items():
            body = "\n\n".join(["Hello " + person.full_name + ",", *theirs, "Collegium"])
            link = site_link("safeguarding:home")  # sent once the reminders are recorded
            notify(
                [person],
                "safeguarding-reminder",
                subject=SUBJECT,
                context={"body": body},
                link=link,
            )
    return reminded
