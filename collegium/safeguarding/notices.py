"""The notifications of the safeguarding cycle (G1) that ask someone to act, sent once the change
commits: the governors hear that an audit awaits the board's review, an action's owner hears of
an action someone else gave them, and a review's team hear that the head shared the audit with
them. Like the reminders (reminders.py) they name the school and the item's code, never what the
school wrote."""

from collegium.links import site_link
from collegium.notifications.services import notify
from collegium.safeguarding import selectors
from collegium.safeguarding.models import AuditAction, AuditShare, SafeguardingAudit


def audit_submitted(audit: SafeguardingAudit) -> None:
    school = audit.school
    notify(
        selectors.governors_of(school.pk),
        "safeguarding-audit-submitted",
        subject=f"Record the board's review of {school.name}'s safeguarding audit",
        context={"audit": audit, "school": school},
        link=site_link("safeguarding:board-review", audit.pk),
    )


def action_given(action: AuditAction) -> None:
    """The owner hears, unless they gave the action to themselves."""
    if action.owner_id == action.created_by_id:
        return
    school = action.audit.school
    notify(
        [action.owner],
        "safeguarding-action-given",
        subject=f"A safeguarding action for {school.name} is yours",
        context={"action": action, "school": school},
        link=site_link("safeguarding:action", action.pk),
    )


def audit_shared(share: AuditShare) -> None:
    review, school = share.review, share.audit.school
    team = review.team.select_related("reviewer__user")
    notify(
        [member.reviewer.user for member in team],
        "safeguarding-audit-shared",
        subject=f"{school.name}'s safeguarding audit is shared with your review team",
        context={"review": review, "school": school},
        link=site_link("safeguarding:audit", share.audit_id),
    )
