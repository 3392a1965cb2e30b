"""Changes to the school register made by people (the importer has its own package)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.schools.models import LocalAuthority, School

EDITABLE_FIELDS = ["trust_name"]


def update_school_details(actor: User, school: School, trust_name: str) -> School:
    """Correct the details the DfE files get wrong or out of date (for now, the trust)."""
    trust_name = trust_name.strip()
    if trust_name == school.trust_name:
        return school
    with transaction.atomic():
        before = snapshot(school, EDITABLE_FIELDS)
        school.trust_name = trust_name
        school.save(update_fields=EDITABLE_FIELDS)
        record_change(
            actor, verbs.SCHOOL_DETAILS_CHANGED, school, before, snapshot(school, EDITABLE_FIELDS)
        )
    return school


ADDED_FIELDS = [
    "name",
    "phase",
    "school_type",
    "local_authority_id",
    "town",
    "postcode",
    "added_by_hand",
]


def add_school(
    actor: User,
    *,
    urn: int,
    name: str,
    phase: str,
    school_type: str,
    local_authority: tuple[int, str],
    town: str,
    postcode: str,
) -> School:
    """Add a school the DfE files do not have yet (a new or independent school), by its URN.

    It is marked as added by hand: the register import leaves it as it is until a DfE file
    gives its URN, and then the file's details replace these.
    """
    code, la_name = local_authority
    with transaction.atomic():
        existing = School.objects.filter(urn=urn).first()
        if existing is not None:
            raise ValidationError(f"{existing.name} already has URN {urn} in the register")
        authority, _ = LocalAuthority.objects.get_or_create(code=code, defaults={"name": la_name})
        try:
            with transaction.atomic():
                school = School.objects.create(
                    urn=urn,
                    name=" ".join(name.split()),
                    phase=phase,
                    school_type=school_type.strip(),
                    local_authority=authority,
                    town=town.strip(),
                    postcode=" ".join(postcode.upper().split()),
                    added_by_hand=True,
                )
        except IntegrityError:  # added a moment ago by someone else
            raise ValidationError(f"A school with URN {urn} is already in the register") from None
        record_change(actor, verbs.SCHOOL_ADDED, school, None, snapshot(school, ADDED_FIELDS))
    return school
