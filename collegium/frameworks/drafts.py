"""Changes to a draft version's contents: scale levels, areas, strands, level descriptors.

Every change locks the version and refuses if it has been published (services.lock_draft),
so two people editing one draft take turns and a published version never changes.
"""

import hashlib
import json
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max

from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.frameworks.models import (
    Area,
    FrameworkVersion,
    LevelDescriptor,
    ScaleLevel,
    Strand,
)
from collegium.frameworks.services import lock_draft

LEVEL_FIELDS = ["version_id", "position", "label", "description"]
AREA_FIELDS = ["version_id", "position", "code", "title", "description"]
STRAND_FIELDS = [
    "area_id",
    "position",
    "code",
    "title",
    "description",
    "enquiry_question",
    "met_or_not_met",
]
DESCRIPTOR_FIELDS = ["strand_id", "level", "text"]
CONFLICT = (
    "Someone else changed {what} while you were editing it. Check their change on the "
    "framework's page: saving again replaces it with yours."
)


class StaleEdit(ValidationError):
    """Refusal of an edit made from a form loaded before someone else's change."""

    def __init__(self, message: str, revision: str) -> None:
        super().__init__(message, code="conflict")
        self.revision = revision


def revision(obj: ScaleLevel | Area | Strand) -> str:
    """A fingerprint of what an edit form shows, to notice a change made since it was loaded."""
    if isinstance(obj, ScaleLevel):
        values: Any = [obj.label, obj.description]
    elif isinstance(obj, Area):
        values = [obj.code, obj.title, obj.description]
    else:
        values = snapshot(obj, STRAND_FIELDS[2:])
    return hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()[:20]


def descriptors_revision(strand: Strand) -> str:
    texts = {d.level: d.text for d in LevelDescriptor.objects.filter(strand=strand)}
    return hashlib.sha256(json.dumps(texts, sort_keys=True).encode()).hexdigest()[:20]


def _refuse_stale(seen: str, current: str, what: str) -> None:
    """seen is the revision the person's form was built from ("" when not known)."""
    if seen and seen != current:
        raise StaleEdit(CONFLICT.format(what=what), current)


def add_scale_level(
    actor: User, version: FrameworkVersion, label: str, description: str = ""
) -> ScaleLevel:
    """A new level at the weak end of the scale."""
    with transaction.atomic():
        version = lock_draft(version)
        _refuse_taken_label(version, label, None)
        last = version.scale_levels.aggregate(last=Max("position"))["last"] or 0
        level = ScaleLevel.objects.create(
            version=version, position=last + 1, label=label.strip(), description=description
        )
        record_change(actor, verbs.SCALE_LEVEL_ADDED, level, None, snapshot(level, LEVEL_FIELDS))
    return level


def change_scale_level(
    actor: User, level: ScaleLevel, label: str, description: str, seen: str = ""
) -> ScaleLevel:
    with transaction.atomic():
        lock_draft(level.version)
        level.refresh_from_db()
        _refuse_stale(seen, revision(level), f"the level {level.label}")
        _refuse_taken_label(level.version, label, level)
        before = snapshot(level, LEVEL_FIELDS)
        level.label, level.description = label.strip(), description.strip()
        level.save(update_fields=["label", "description"])
        record_change(
            actor, verbs.SCALE_LEVEL_CHANGED, level, before, snapshot(level, LEVEL_FIELDS)
        )
    return level


def _refuse_taken_label(version: FrameworkVersion, label: str, level: ScaleLevel | None) -> None:
    others = version.scale_levels.filter(label__iexact=label.strip())
    if level is not None:
        others = others.exclude(pk=level.pk)
    if others.exists():
        raise ValidationError(f"There is already a level called {label.strip()} in the scale")


def remove_scale_level(actor: User, level: ScaleLevel) -> None:
    """The level goes, with the descriptors written for it; weaker levels move up one place."""
    with transaction.atomic():
        version = lock_draft(level.version)
        found = ScaleLevel.objects.filter(pk=level.pk).first()
        if found is None:
            raise ValidationError(f"The level {level.label} has already been removed")
        level = found
        graded = LevelDescriptor.objects.filter(
            strand__area__version=version, strand__met_or_not_met=False
        )
        for descriptor in graded.filter(level=level.position):
            before = snapshot(descriptor, DESCRIPTOR_FIELDS)
            record_change(actor, verbs.DESCRIPTOR_REMOVED, descriptor, before, None)
            descriptor.delete()
        record_change(actor, verbs.SCALE_LEVEL_REMOVED, level, snapshot(level, LEVEL_FIELDS), None)
        level.delete()
        # One row at a time, weakest last, so no two rows share a position on the way.
        for moving in version.scale_levels.filter(position__gt=level.position).order_by("position"):
            ScaleLevel.objects.filter(pk=moving.pk).update(position=F("position") - 1)
        for descriptor in graded.filter(level__gt=level.position).order_by("level"):
            LevelDescriptor.objects.filter(pk=descriptor.pk).update(level=F("level") - 1)


def add_area(
    actor: User, version: FrameworkVersion, code: str, title: str, description: str = ""
) -> Area:
    with transaction.atomic():
        version = lock_draft(version)
        _refuse_taken_area_code(version, code, None)
        last = version.areas.aggregate(last=Max("position"))["last"] or 0
        area = Area.objects.create(
            version=version,
            position=last + 1,
            code=code.strip(),
            title=title.strip(),
            description=description.strip(),
        )
        record_change(actor, verbs.AREA_ADDED, area, None, snapshot(area, AREA_FIELDS))
    return area


def change_area(
    actor: User, area: Area, code: str, title: str, description: str, seen: str = ""
) -> Area:
    with transaction.atomic():
        lock_draft(area.version)
        area.refresh_from_db()
        _refuse_stale(seen, revision(area), f"area {area.code}")
        _refuse_taken_area_code(area.version, code, area)
        before = snapshot(area, AREA_FIELDS)
        area.code, area.title, area.description = code.strip(), title.strip(), description.strip()
        area.save(update_fields=["code", "title", "description"])
        record_change(actor, verbs.AREA_CHANGED, area, before, snapshot(area, AREA_FIELDS))
    return area


def _refuse_taken_area_code(version: FrameworkVersion, code: str, area: Area | None) -> None:
    others = version.areas.filter(code=code.strip())
    if area is not None:
        others = others.exclude(pk=area.pk)
    if others.exists():
        raise ValidationError(f"There is already an area with the code {code.strip()}")


def remove_area(actor: User, area: Area) -> None:
    """The area goes with its strands and their descriptors."""
    with transaction.atomic():
        lock_draft(area.version)
        record_change(actor, verbs.AREA_REMOVED, area, snapshot(area, AREA_FIELDS), None)
        area.delete()


def add_strand(actor: User, area: Area, **fields: Any) -> Strand:
    """fields: code, title, description, enquiry_question, met_or_not_met."""
    with transaction.atomic():
        version = lock_draft(area.version)
        _refuse_taken_strand_code(version, fields["code"], None)
        last = area.strands.aggregate(last=Max("position"))["last"] or 0
        strand = Strand.objects.create(area=area, position=last + 1, **_cleaned(fields))
        record_change(actor, verbs.STRAND_ADDED, strand, None, snapshot(strand, STRAND_FIELDS))
    return strand


def change_strand(actor: User, strand: Strand, seen: str = "", **fields: Any) -> Strand:
    """fields: code, title, description, enquiry_question, met_or_not_met."""
    with transaction.atomic():
        version = lock_draft(strand.area.version)
        strand.refresh_from_db()
        _refuse_stale(seen, revision(strand), f"strand {strand.code}")
        _refuse_taken_strand_code(version, fields["code"], strand)
        judged_otherwise = fields["met_or_not_met"] != strand.met_or_not_met
        if judged_otherwise and strand.descriptors.exists():
            raise ValidationError(
                f"Remove the descriptors of strand {strand.code} before changing whether it "
                "is judged met or not met: they were written for other levels"
            )
        before = snapshot(strand, STRAND_FIELDS)
        for name, value in _cleaned(fields).items():
            setattr(strand, name, value)
        strand.save()
        record_change(actor, verbs.STRAND_CHANGED, strand, before, snapshot(strand, STRAND_FIELDS))
    return strand


def _cleaned(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}


def _refuse_taken_strand_code(version: FrameworkVersion, code: str, strand: Strand | None) -> None:
    others = Strand.objects.filter(area__version=version, code=code.strip())
    if strand is not None:
        others = others.exclude(pk=strand.pk)
    if others.exists():
        raise ValidationError(f"There is already a strand with the code {code.strip()}")


def remove_strand(actor: User, strand: Strand) -> None:
    with transaction.atomic():
        lock_draft(strand.area.version)
        record_change(actor, verbs.STRAND_REMOVED, strand, snapshot(strand, STRAND_FIELDS), None)
        strand.delete()


def set_descriptors(actor: User, strand: Strand, texts: dict[int, str], seen: str = "") -> None:
    """Write the strand's descriptor for each level given; an empty text removes it."""
    with transaction.atomic():
        lock_draft(strand.area.version)
        existing = {d.level: d for d in strand.descriptors.select_for_update()}
        current = descriptors_revision(strand)
        _refuse_stale(seen, current, f"the descriptors of strand {strand.code}")
        for level, text in sorted(texts.items()):
            _set_descriptor(actor, strand, existing.get(level), level, text.strip())


def _set_descriptor(
    actor: User, strand: Strand, descriptor: LevelDescriptor | None, level: int, text: str
) -> None:
    if descriptor is None and text:
        descriptor = LevelDescriptor.objects.create(strand=strand, level=level, text=text)
        record_change(
            actor, verbs.DESCRIPTOR_ADDED, descriptor, None, snapshot(descriptor, DESCRIPTOR_FIELDS)
        )
    elif descriptor is not None and not text:
        before = snapshot(descriptor, DESCRIPTOR_FIELDS)
        record_change(actor, verbs.DESCRIPTOR_REMOVED, descriptor, before, None)
        descriptor.delete()
    elif descriptor is not None and descriptor.text != text:
        before = snapshot(descriptor, DESCRIPTOR_FIELDS)
        descriptor.text = text
        descriptor.save(update_fields=["text"])
        record_change(
            actor,
            verbs.DESCRIPTOR_CHANGED,
            descriptor,
            before,
            snapshot(descriptor, DESCRIPTOR_FIELDS),
        )
