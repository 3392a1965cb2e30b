"""Who else may read a confidential report: the school leader decides (R7).

share_report sets the whole choice at once, groups and named people, from the sharing form.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from collegium import access
from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.services import record_change
from collegium.reports import notices
from collegium.reports.models import Report, ReportReader
from collegium.reports.services.cycle import lock_report

UNKNOWN = (
    "There is no one with the email address {email} in the service. They need to have an "
    "account before you can share the report with them."
)


def readers_of(report: Report) -> list[str]:
    return sorted(
        report.readers.select_related("user").values_list("user__email", flat=True),
        key=str.lower,
    )


def _people(emails: Iterable[str]) -> list[User]:
    wanted = {email.strip().lower() for email in emails if email.strip()}
    match = Q(pk__in=[])
    for email in wanted:
        match |= Q(email__iexact=email)
    found = {user.email.lower(): user for user in User.objects.filter(match)}
    unknown = sorted(wanted - set(found))
    if unknown:
        raise ValidationError([UNKNOWN.format(email=email) for email in unknown])
    return list(found.values())


def share_report(
    actor: User, report: Report, audiences: list[Report.Audience], reader_emails: Iterable[str]
) -> Report:
    access.require(actor, "report.respond", report)
    groups = sorted({Report.Audience(audience).value for audience in audiences})
    people = _people(reader_emails)
    with transaction.atomic():
        locked = lock_report(report)
        before = {"shared_with": locked.shared_with, "readers": readers_of(locked)}
        locked.shared_with = groups  # not a new revision: the texts the lead edits are unchanged
        locked.updated_by = actor
        locked.save()
        locked.readers.exclude(user__in=people).delete()
        for person in people:
            ReportReader.objects.get_or_create(
                report=locked, user=person, defaults={"granted_by": actor}
            )
        after = {"shared_with": locked.shared_with, "readers": readers_of(locked)}
        record_change(actor, verbs.REPORT_SHARING_CHANGED, locked, before, after)
        # Only a final report is read: one shared before is announced when finalised.
        governors = Report.Audience.GOVERNORS
        newly = governors in groups and governors not in before["shared_with"]
        is_final = locked.status in {Report.Status.FINAL, Report.Status.PUBLISHED}
        if newly and is_final:
            notices.shared_with_governors(locked)
        new_readers = [person for person in people if person.email not in before["readers"]]
        if is_final:
            notices.shared_with_readers(locked, new_readers)
    return locked
