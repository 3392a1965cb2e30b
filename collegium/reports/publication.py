"""Publishing a review's public summary: the one way a summary becomes public.

PUBLICATION_GATES is the list of every condition; each gate returns None when it is met or the
reason publication is refused, in the words the page shows. A new condition is one more line
here: moderation (Q1, when the network requires it) and "no open complaint" (C1, complaints).
"""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from collegium import access
from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.services import record_change
from collegium.complaints.gates import no_open_complaint
from collegium.quality.gates import moderation_is_complete
from collegium.reports import notices
from collegium.reports.models import Report
from collegium.reports.services.cycle import audit_snapshot, lock_report, refusal

Gate = Callable[[Report], str | None]


def report_is_final(report: Report) -> str | None:
    if report.status == Report.Status.FINAL:
        return None
    return refusal(report, Report.Status.PUBLISHED) or "The report must be final."


def summary_is_agreed(report: Report) -> str | None:
    if report.summary_agreed:
        return None
    return "The school has not agreed the public summary yet."


def summary_is_written(report: Report) -> str | None:
    return None if report.summary.strip() else "The public summary has not been written."


PUBLICATION_GATES: list[Gate] = [
    report_is_final,
    summary_is_written,
    summary_is_agreed,
    moderation_is_complete,
    no_open_complaint,
]


def publication_blockers(report: Report) -> list[str]:
    """Every reason the summary cannot be published now; empty when it can."""
    return [reason for gate in PUBLICATION_GATES if (reason := gate(report))]


def publish_summary(actor: User, report: Report) -> Report:
    access.require(actor, "report.publish", report)
    with transaction.atomic():
        locked = lock_report(report)
        blockers = publication_blockers(locked)
        if blockers:
            raise ValidationError(blockers)
        before = audit_snapshot(locked)
        locked.status = Report.Status.PUBLISHED
        locked.published_at = timezone.now()
        locked.revision += 1
        locked.updated_by = actor
        locked.save()
        record_change(actor, verbs.SUMMARY_PUBLISHED, locked, before, audit_snapshot(locked))
        notices.summary_published(locked)
    return locked
