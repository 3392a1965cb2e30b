"""Changes to the school register made by people (the importer has its own package)."""

from django.db import transaction

from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.schools.models import School

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
