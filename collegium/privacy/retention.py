"""Retention: which records have been kept longer than the network's periods, and removing them.

`expired(today)` counts, per kind, the records whose period has run out and those held back;
`remove_expired(day)` removes what had expired on `day` and is not held now. A record is held
while a complaint that needs it is open: its review's evidence notes, report and audit events,
the complaint's other (closed) complaints, and the accounts of the people taking part in it.
"""

from calendar import monthrange
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce

from collegium.accounts.models import User
from collegium.audit.models import AuditEvent
from collegium.complaints.models import Complaint
from collegium.people.models import RoleGrant
from collegium.privacy import services
from collegium.privacy.models import KINDS, RetentionSettings
from collegium.reports.models import AccuracyComment, KeptPdf, Report
from collegium.reviews.models import EvidenceNote
from collegium.voice.models import Answer, SurveyResponse

OPEN = Complaint.Status.OPEN


@dataclass(frozen=True)
class Expiry:
    kind: str  # a RetentionSettings field
    label: str
    action: str  # what happens to each record, in words
    months: int
    expired: int  # expired and not held: removed when the dry run is carried out
    held: int  # expired but held by an open complaint


def months_before(day: date, months: int) -> date:
    """The same day `months` months earlier (the month's last day when it is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def _open_reports() -> QuerySet[Complaint, Any]:
    return Complaint.objects.filter(status=OPEN).values("report_id")


def _evidence(cutoff: date) -> tuple[QuerySet[EvidenceNote], Q]:
    found = EvidenceNote.objects.filter(review__report__finalised_at__date__lte=cutoff)
    return found, Q(review_id__in=_open_reports())


def _reports(cutoff: date) -> tuple[QuerySet[Report], Q]:
    kept = ~Q(developmental_report="") | Q(accuracy_comments__isnull=False)
    found = Report.objects.filter(kept, finalised_at__date__lte=cutoff).distinct()
    return found, Q(pk__in=_open_reports())


def _responses(cutoff: date) -> tuple[QuerySet[SurveyResponse], Q]:
    found = SurveyResponse.objects.annotate(
        last_day=Coalesce("survey__closed_on", "survey__closes_on")
    ).filter(last_day__lte=cutoff, pk__in=Answer.objects.exclude(text="").values("response_id"))
    return found, Q(pk__in=[])


def _complaints(cutoff: date) -> tuple[QuerySet[Complaint], Q]:
    found = Complaint.objects.filter(status=Complaint.Status.CLOSED, closed_on__lte=cutoff)
    return found, Q(report_id__in=_open_reports())


def _events(cutoff: date) -> tuple[QuerySet[AuditEvent], Q]:
    found = AuditEvent.objects.filter(at__date__lte=cutoff)
    ids = [str(pk) for pk in Complaint.objects.filter(status=OPEN).values_list("pk", flat=True)]
    reports = [str(pk) for pk in _open_reports().values_list("report_id", flat=True)]
    held = Q(subjects__object_type="complaints.complaint", subjects__object_id__in=ids) | Q(
        subjects__object_type__in=["reports.report", "reviews.review"],
        subjects__object_id__in=reports,
    )
    return found, Q(pk__in=AuditEvent.objects.filter(held).values("pk"))


def _accounts(cutoff: date) -> tuple[QuerySet[User], Q]:
    found = (
        User.objects.exclude(pk__in=RoleGrant.objects.values("user_id"))
        .exclude(email__endswith=f"@{services.ERASED_DOMAIN}")
        .filter(is_superuser=False)
        .annotate(last_seen=Coalesce("last_login", "date_joined"))
        .filter(last_seen__date__lte=cutoff)
    )
    taking_part = Complaint.objects.filter(status=OPEN)
    raised = taking_part.exclude(raised_by=None).values("raised_by")
    handling = taking_part.exclude(stages__handler=None).values("stages__handler")
    return found, Q(pk__in=raised) | Q(pk__in=handling)  # no NULL in a NOT IN


def _remove_evidence(found: QuerySet[EvidenceNote]) -> int:
    return found.delete()[1].get(EvidenceNote._meta.label, 0)


def _remove_reports(found: QuerySet[Report]) -> int:
    reports = list(found.values_list("pk", flat=True))
    AccuracyComment.objects.filter(report_id__in=reports).delete()
    KeptPdf.objects.filter(report_id__in=reports).delete()
    Report.objects.filter(pk__in=reports).update(developmental_report="")
    return len(reports)


def _anonymise_responses(found: QuerySet[SurveyResponse]) -> int:
    responses = list(found.values_list("pk", flat=True))
    answers = Answer.objects.filter(response_id__in=responses)
    answers.filter(choice__isnull=True).delete()  # words only: nothing left to count
    answers.exclude(text="").update(text="")
    return len(responses)


def _remove(found: QuerySet[Complaint] | QuerySet[AuditEvent]) -> int:
    return found.delete()[1].get(found.model._meta.label, 0)


def _erase_accounts(found: QuerySet[User]) -> int:
    people = list(found)
    for person in people:
        services.erase(None, person)
    return len(people)


Find = Callable[[date], tuple[QuerySet, Q]]  # type: ignore[type-arg]
Apply = Callable[[QuerySet], int]  # type: ignore[type-arg]
RULES: dict[str, tuple[Find, Apply]] = {
    "evidence_notes": (_evidence, _remove_evidence),
    "reports": (_reports, _remove_reports),
    "survey_responses": (_responses, _anonymise_responses),
    "complaints": (_complaints, _remove),
    "audit_events": (_events, _remove),
    "accounts": (_accounts, _erase_accounts),
}


def expired(today: date, periods: RetentionSettings | None = None) -> list[Expiry]:
    """Per kind of record: how many have expired by `today`, and how many of those are held."""
    periods = periods or RetentionSettings.current()
    found = []
    for kind, label, _default, action in KINDS:
        months = getattr(periods, kind)
        candidates, held = RULES[kind][0](months_before(today, months))
        held_count = candidates.filter(held).count()
        count = candidates.count() - held_count
        found.append(Expiry(kind, label, action, months, count, held_count))
    return found


def remove_expired(day: date, periods: RetentionSettings | None = None) -> dict[str, int]:
    """Remove what had expired on `day` and is not held now; how many of each kind."""
    periods = periods or RetentionSettings.current()
    removed = {}
    for kind, *_ in KINDS:
        find, apply = RULES[kind]
        candidates, held = find(months_before(day, getattr(periods, kind)))
        removed[kind] = apply(candidates.exclude(held))
    return removed
