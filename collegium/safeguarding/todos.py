"""What the home page asks of people about safeguarding audits (collegium/todo.py): the actions
they own due within a fortnight or overdue, their school's audit to complete or to start, the
board's review to record, an audit shared for their review, and for oversight the schools
flagged. The texts name the school and the item's code, never what the school wrote."""

from datetime import date, timedelta

from django.urls import reverse

from collegium import access
from collegium.reviews.models import Review
from collegium.safeguarding import selectors
from collegium.safeguarding.models import OPEN_ACTIONS, AuditAction, AuditShare, SafeguardingAudit
from collegium.safeguarding.reminders import BOARD_WAIT
from collegium.schools.models import School
from collegium.termdates.calendar import add_school_working_days
from collegium.todo import ToDo
from collegium.types import Person

SOON = timedelta(days=14)  # an action shows on its owner's home page a fortnight before it is due


def to_dos(user: Person, today: date) -> list[ToDo]:
    roles = access.roles_of(user)
    found = _own_actions(roles.user_id, today) + _audits(roles.leads | roles.safeguards, today)
    found += _board_reviews(roles.governs) + _shared(roles.reviewer_id)
    if access.can(user, "safeguarding.oversee"):
        found += _flagged(today)
    return found


def _own_actions(user_id: int | None, today: date) -> list[ToDo]:
    if user_id is None:
        return []
    mine = AuditAction.objects.filter(
        owner_id=user_id, status__in=OPEN_ACTIONS, due_on__lte=today + SOON
    )
    return [
        ToDo(
            f"Your safeguarding action for {action.audit.school.name}"
            + (f" ({action.item.code})" if action.item else ""),
            reverse("safeguarding:action", args=[action.pk]),
            "safeguarding.view",
            action.audit,
            action.due_on,
        )
        for action in mine.select_related("audit__school", "item").order_by("due_on")
    ]


def _audits(urns: frozenset[int], today: date) -> list[ToDo]:
    found = []
    for school in School.objects.filter(pk__in=urns).order_by("name"):
        audit = selectors.open_audit(school)
        if audit is not None and audit.is_draft:
            text = f"Complete {school.name}'s safeguarding audit and submit it to the board"
            href = reverse("safeguarding:audit", args=[audit.pk])
            found.append(ToDo(text, href, "safeguarding.audit", audit))
        elif audit is None:
            due = selectors.audit_due_on(selectors.last_reviewed(school))
            if due is None or due - timedelta(days=selectors.DUE_SOON_DAYS) <= today:
                text = f"Start {school.name}'s annual safeguarding audit"
                href = reverse("safeguarding:school", args=[school.pk])
                found.append(ToDo(text, href, "safeguarding.audit", school, due))
    return found


def _board_reviews(urns: frozenset[int]) -> list[ToDo]:
    waiting = SafeguardingAudit.objects.filter(
        school_id__in=urns, status=SafeguardingAudit.Status.SUBMITTED
    )
    return [
        ToDo(
            f"Record the governing board's review of {audit.school.name}'s safeguarding audit",
            reverse("safeguarding:board-review", args=[audit.pk]),
            "safeguarding.board_review",
            audit,
            add_school_working_days(audit.submitted_on, BOARD_WAIT) if audit.submitted_on else None,
        )
        for audit in waiting.select_related("school").order_by("submitted_on")
    ]


def _shared(reviewer_id: int | None) -> list[ToDo]:
    """Audits a head shared for a review whose team the person is on (the only way a review
    team finds one: no review page links to it)."""
    if reviewer_id is None:
        return []
    shares = AuditShare.objects.filter(review__team__reviewer_id=reviewer_id).exclude(
        review__status__in=[Review.Status.CANCELLED, Review.Status.CLOSED]
    )
    return [
        ToDo(
            f"Read {share.audit.school.name}'s safeguarding audit, shared for your review",
            reverse("safeguarding:audit", args=[share.audit_id]),
            "safeguarding.view",
            share.audit,
        )
        for share in shares.select_related("audit__school").order_by("shared_at")
    ]


def _flagged(today: date) -> list[ToDo]:
    flagged = selectors.flagged_count(today)
    if not flagged:
        return []
    schools = "school has" if flagged == 1 else "schools have"
    text = f"{flagged} {schools} no safeguarding audit reviewed by the board in 12 months"
    href = reverse("safeguarding:oversight") + "?show=flagged"
    return [ToDo(text, href, "safeguarding.oversee")]
