"""Reads for history pages: an event's changes, with confidential texts shown only to people the
access policy lets read them."""

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models

from collegium import access
from collegium.audit.models import AuditEvent
from collegium.audit.services import fingerprint
from collegium.types import Person


@dataclass(frozen=True)
class Change:
    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class Confidential:
    """The text fields of one kind of record and the access rule for who reads them."""

    fields: frozenset[str]
    action: str
    via: str = ""  # the attribute holding the object the rule is asked of, if not the record
    load: tuple[str, ...] = ()  # related records the rule reads, loaded with the records


# The report's own text and the school's comments are recorded as fingerprints already
# (reports.services.cycle.audit_snapshot), so no history holds them.
CONFIDENTIAL_TEXT: dict[str, Confidential] = {
    "reports.report": Confidential(frozenset({"summary"}), "summary.read_draft"),
    "reviews.evidencenote": Confidential(
        frozenset({"text"}), "review.read_evidence", load=("review",)
    ),
    "reviews.judgementproposal": Confidential(
        frozenset({"rationale", "level"}), "review.read_evidence", load=("review",)
    ),
    "selfevaluation.strandevaluation": Confidential(
        frozenset({"narrative", "evidence"}),
        "selfevaluation.view",
        via="self_evaluation",
        load=("self_evaluation",),
    ),
    "selfevaluation.selfevaluation": Confidential(frozenset({"summary"}), "selfevaluation.view"),
}


def changes_in(event: AuditEvent) -> list[Change]:
    before, after = event.before or {}, event.after or {}
    return [
        Change(name, before.get(name), after.get(name))
        for name in {**before, **after}
        if before.get(name) != after.get(name)
    ]


def visible_changes(
    user: Person, event: AuditEvent, decided: dict[tuple[str, str], bool] | None = None
) -> list[Change]:
    """The event's changes as this person may see them: a confidential text they may not read
    becomes its fingerprint. `decided` keeps answers between the events of one page."""
    changes = changes_in(event)
    rule = CONFIDENTIAL_TEXT.get(event.object_type)
    if rule is None or not any(change.field in rule.fields for change in changes):
        return changes
    key = (event.object_type, event.object_id)
    decided = {} if decided is None else decided
    if key not in decided:
        decided[key] = _may_read(user, event, rule)
    if decided[key]:
        return changes
    return [_hidden(change) if change.field in rule.fields else change for change in changes]


def visible_page(user: Person, events: list[AuditEvent]) -> list[tuple[AuditEvent, list[Change]]]:
    """Each event of one page with its changes as this person may see them; the records holding
    confidential text are read together, one query for each kind of record."""
    decided = _decided_together(user, events)
    return [(event, visible_changes(user, event, decided)) for event in events]


def _decided_together(user: Person, events: list[AuditEvent]) -> dict[tuple[str, str], bool]:
    wanted: dict[str, set[str]] = {}
    for event in events:
        rule = CONFIDENTIAL_TEXT.get(event.object_type)
        if rule and any(change.field in rule.fields for change in changes_in(event)):
            wanted.setdefault(event.object_type, set()).add(event.object_id)
    decided = {}
    for object_type, ids in wanted.items():
        rule = CONFIDENTIAL_TEXT[object_type]
        model: type[models.Model] = apps.get_model(object_type)
        records_of = model._default_manager.all()
        found = (records_of.select_related(*rule.load) if rule.load else records_of).in_bulk(
            list(ids)
        )
        records = {str(pk): record for pk, record in found.items()}
        _share_related(list(records.values()), rule.load)
        for object_id in ids:
            record = records.get(object_id)
            decided[object_type, object_id] = record is not None and access.can(
                user, rule.action, getattr(record, rule.via) if rule.via else record
            )
    return decided


def _share_related(records: list[models.Model], names: tuple[str, ...]) -> None:
    """One instance of each related record, so what the policy learns about it (a team place)
    is read once for all the records that belong to it."""
    for name in names:
        shared: dict[Any, models.Model] = {}
        for record in records:
            related = getattr(record, name)
            if related is not None:
                setattr(record, name, shared.setdefault(related.pk, related))


def _may_read(user: Person, event: AuditEvent, rule: Confidential) -> bool:
    model: type[models.Model] = apps.get_model(event.object_type)
    record = model._default_manager.filter(pk=event.object_id).first()
    if record is None:  # gone: nothing left to ask the policy about
        return False
    return access.can(user, rule.action, getattr(record, rule.via) if rule.via else record)


def _hidden(change: Change) -> Change:
    def hide(value: Any) -> Any:
        if value is None or isinstance(value, str):
            return fingerprint(value) if value else value
        return "withheld"  # a proposed level, say: no fingerprint tells it apart

    return Change(change.field, hide(change.before), hide(change.after))
