"""P1: lead-reviewer accreditation, granted and revoked by a moderator."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.people.dates import today
from collegium.people.models import Accreditation, ReviewerProfile

ACCREDITATION_FIELDS = [
    "granted_on",
    "expires_on",
    "granted_by_id",
    "revoked_on",
    "revoked_by_id",
    "revocation_reason",
]


def grant_accreditation(
    actor: User, profile: ReviewerProfile, *, granted_on: date, expires_on: date
) -> Accreditation:
    if expires_on <= granted_on:
        raise ValidationError("The expiry date must be after the date granted")
    if profile.user_id == actor.pk:
        raise ValidationError("You cannot grant your own accreditation: ask another moderator")
    with transaction.atomic():
        ReviewerProfile.objects.select_for_update().get(pk=profile.pk)  # one grant at a time
        overlapping = profile.accreditations.filter(
            revoked_on__isnull=True, granted_on__lt=expires_on, expires_on__gt=granted_on
        ).first()
        if overlapping is not None:
            raise ValidationError(
                f"{profile.user} already holds an accreditation from "
                f"{overlapping.granted_on:%-d %B %Y} to {overlapping.expires_on:%-d %B %Y}. "
                "Revoke it or choose dates after it ends."
            )
        accreditation = Accreditation.objects.create(
            reviewer=profile, granted_on=granted_on, expires_on=expires_on, granted_by=actor
        )
        after = snapshot(accreditation, ACCREDITATION_FIELDS)
        record_change(actor, verbs.ACCREDITATION_GRANTED, accreditation, None, after)
    return accreditation


def revoke_accreditation(
    actor: User, accreditation: Accreditation, *, reason: str
) -> Accreditation:
    if not reason.strip():
        raise ValidationError("Enter the reason for revoking the accreditation")
    with transaction.atomic():
        accreditation = Accreditation.objects.select_for_update().get(pk=accreditation.pk)
        if accreditation.state(today()) not in {"current", "future"}:
            raise ValidationError("This accreditation has already ended or been revoked")
        before = snapshot(accreditation, ACCREDITATION_FIELDS)
        accreditation.revoked_on, accreditation.revoked_by = today(), actor
        accreditation.revocation_reason = reason.strip()
        accreditation.save(update_fields=["revoked_on", "revoked_by", "revocation_reason"])
        after = snapshot(accreditation, ACCREDITATION_FIELDS)
        record_change(actor, verbs.ACCREDITATION_REVOKED, accreditation, before, after)
    return accreditation
