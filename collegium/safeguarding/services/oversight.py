"""G1 external oversight: a moderator or network admin records a visit to check a school's
safeguarding (who visited, when, what was checked, the outcome)."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from collegium.audit import verbs
from collegium.audit.services import fingerprint, record_change
from collegium.safeguarding.models import OversightVisit
from collegium.schools.models import School


def record_visit(
    actor: Any,
    school: School,
    *,
    visited_on: date,
    visited_by: str,
    checked: str,
    outcome: str,
    today: date | None = None,
) -> OversightVisit:
    visited_by, checked = visited_by.strip(), checked.strip()
    if visited_on > (today or timezone.localdate()):
        raise ValidationError(
            "Record a visit once it has happened: the date must be today or earlier"
        )
    if not visited_by or not checked:
        raise ValidationError("Say who visited and what they checked")
    if outcome not in OversightVisit.Outcome.values:
        raise ValidationError("Choose the outcome of the visit")
    with transaction.atomic():
        visit = OversightVisit.objects.create(
            school=school,
            visited_on=visited_on,
            visited_by=visited_by,
            checked=checked,
            outcome=outcome,
            recorded_by=actor,
        )
        after = {
            "school": school.pk,
            "visited_on": visited_on.isoformat(),
            "outcome": outcome,
            "checked": fingerprint(checked),
        }
        record_change(actor, verbs.SAFEGUARDING_VISIT_RECORDED, visit, None, after)
    return visit
