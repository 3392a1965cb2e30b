"""Record audit events (X1). Every service that changes state calls record_change."""

import datetime
import decimal
import hashlib
from collections.abc import Iterable
from typing import Any

from django.db import models

from collegium.accounts.models import User
from collegium.audit.models import AuditEvent, AuditSubject
from collegium.types import Person

# Objects that have a history page; a change to a record pointing at one of them
# (by a foreign key) is shown in that object's history too.
HISTORY_OWNERS = {
    "schools.school",
    "clusters.cluster",
    "people.reviewerprofile",
    "reviews.review",
}


def snapshot(obj: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The object's field values as JSON-safe data, for before/after records."""
    names = list(fields) if fields is not None else [f.attname for f in obj._meta.concrete_fields]
    return {name: _json_safe(getattr(obj, name)) for name in names}


def _json_safe(value: Any) -> Any:
    if isinstance(value, datetime.date | datetime.datetime | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    return value


def fingerprint(text: str) -> str:
    """A confidential text as its length and a short hash: a reader can tell whether two
    versions differ without reading either."""
    digest = hashlib.sha256(text.encode()).hexdigest()[:12]
    return f"{len(text.split())} words, fingerprint {digest}" if text else ""


def object_label(obj: models.Model) -> str:
    return f"{obj._meta.app_label}.{obj._meta.model_name}"


# Apps whose records keep their own history only: a school's safeguarding audit (G1) is not part
# of the school's or a review's history, which moderators, review teams and leaders read.
PRIVATE_HISTORY_APPS = {"safeguarding"}


def _owners(obj: models.Model) -> set[tuple[str, str]]:
    if obj._meta.app_label in PRIVATE_HISTORY_APPS:
        return set()
    owners = set()
    for field in obj._meta.concrete_fields:
        target = field.related_model
        if not field.is_relation or target is None or isinstance(target, str):
            continue
        label = f"{target._meta.app_label}.{target._meta.model_name}"
        value = getattr(obj, field.attname)
        if label in HISTORY_OWNERS and value is not None:
            owners.add((label, str(value)))
    # A reviewer's record (a declared conflict, a past review) also names a school, but it is
    # the reviewer's private record: it must not show in that school's history.
    # A change within a review (a team place, a judgement) belongs to the review's history.
    review = {owner for owner in owners if owner[0] == "reviews.review"}
    reviewer = {owner for owner in owners if owner[0] == "people.reviewerprofile"}
    if object_label(obj) == "reviews.review":
        # A review is not the cluster's business: other members' leaders read the cluster's
        # history, and may not know another school's focus or nominee.
        owners = {owner for owner in owners if owner[0] != "clusters.cluster"}
    return review or reviewer or owners


def _subjects(obj: models.Model) -> set[tuple[str, str]]:
    return {(object_label(obj), str(obj.pk))} | _owners(obj)


def record_change(
    actor: Person | None,
    action: str,
    obj: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    person = actor if isinstance(actor, User) else None  # None: the system acted
    event = AuditEvent.objects.create(
        actor=person,
        actor_name=str(person) if person is not None else "System",
        action=action,
        object_type=object_label(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        before=before,
        after=after,
    )
    AuditSubject.objects.bulk_create(
        AuditSubject(event=event, object_type=kind, object_id=pk) for kind, pk in _subjects(obj)
    )
    return event


def history_of(obj: models.Model) -> models.QuerySet[AuditEvent]:
    """Events about the object itself and about records that belong to it, newest first."""
    return (
        AuditEvent.objects.filter(
            subjects__object_type=object_label(obj), subjects__object_id=str(obj.pk)
        )
        .select_related("actor")
        .distinct()
    )
