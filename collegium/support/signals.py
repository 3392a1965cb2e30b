"""Forget the kept support suggestions (brokerage) when what they are made from changes: a
judgement or finding, a standing offer, who leads a school or is active, the crosswalk, a
school's details or figures, or a register import. Bulk writes send no signals; the suggestions
are then kept at most KEPT_SECONDS."""

from typing import Any

from django.db.models.signals import post_delete, post_save

from collegium.accounts.models import User
from collegium.frameworks.models import StrandMapping
from collegium.people.models import RoleGrant
from collegium.reviews.models import Findings, Judgement
from collegium.schools.models import Census, ImportRun, School
from collegium.support.models import StandingOffer
from collegium.support.selectors.brokerage import forget_suggestions

MADE_FROM = (
    Judgement,
    Findings,
    StandingOffer,
    RoleGrant,
    User,
    StrandMapping,
    School,
    Census,
    ImportRun,
)


def changed(sender: Any, update_fields: Any = None, **kwargs: Any) -> None:
    if update_fields is not None and set(update_fields) == {"last_login"}:
        return  # every sign-in saves this; suggestions do not depend on it
    forget_suggestions()


def connect() -> None:
    for model in MADE_FROM:
        post_save.connect(changed, sender=model, dispatch_uid=f"brokerage-{model.__name__}")
        post_delete.connect(changed, sender=model, dispatch_uid=f"brokerage-d-{model.__name__}")
