"""Changes to frameworks (F1, F2): frameworks, versions, publishing, imports and the crosswalk.

A version is a draft until it is published; a published version never changes, because
self-evaluations and reviews point at it. Changes to a draft's contents are in drafts.py.
"""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, QuerySet
from django.utils import timezone

from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.frameworks import selectors
from collegium.frameworks.models import (
    Area,
    Framework,
    FrameworkVersion,
    LevelDescriptor,
    ScaleLevel,
    Strand,
    StrandMapping,
)
from collegium.frameworks.spec import FrameworkSpec, labels_for
from collegium.frameworks.versioning import DocumentVersion
from collegium.types import Person

Status = FrameworkVersion.Status
TRANSITIONS: dict[str, set[str]] = {Status.DRAFT: {Status.PUBLISHED}, Status.PUBLISHED: set()}
FRAMEWORK_FIELDS = ["slug", "name", "description"]
VERSION_FIELDS = ["framework_id", "number", "status", "notes", "published_at"]
MAPPING_FIELDS = ["from_strand_id", "to_strand_id"]


def published_refusal(version: FrameworkVersion) -> str:
    return (
        f"Version {version.number} is published and may be in use: "
        "create a new version to change it"
    )


def lock_draft(version: FrameworkVersion) -> FrameworkVersion:
    """Lock the version for a change to its contents; refuse if it has been published."""
    locked = FrameworkVersion.objects.select_for_update().select_related("framework")
    version = locked.get(pk=version.pk)
    if version.status != Status.DRAFT:
        raise ValidationError(published_refusal(version))
    return version


def create_framework(actor: User, slug: str, name: str, description: str = "") -> FrameworkVersion:
    """A new framework and its first version, an empty draft."""
    with transaction.atomic():
        framework = _new_framework(actor, slug, name.strip(), description.strip())
        return _new_version(actor, framework, 1, "")


def _new_framework(actor: User | None, slug: str, name: str, description: str) -> Framework:
    taken = f"There is already a framework with the short name {slug}. Choose another."
    if Framework.objects.filter(slug=slug).exists():
        raise ValidationError(taken)
    try:
        with transaction.atomic():  # a savepoint, so a refusal leaves the transaction usable
            framework = Framework.objects.create(
                slug=slug, name=name, description=description, created_by=actor
            )
    except IntegrityError as error:  # created by someone else a moment ago
        raise ValidationError(taken) from error
    record_change(
        actor, verbs.FRAMEWORK_CREATED, framework, None, snapshot(framework, FRAMEWORK_FIELDS)
    )
    return framework


def _new_version(
    actor: User | None, framework: Framework, number: int, notes: str
) -> FrameworkVersion:
    version = FrameworkVersion.objects.create(framework=framework, number=number, notes=notes)
    record_change(actor, verbs.VERSION_CREATED, version, None, snapshot(version, VERSION_FIELDS))
    return version


def _next_number(framework: Framework) -> int:
    Framework.objects.select_for_update().get(pk=framework.pk)  # one new version at a time
    latest = framework.versions.aggregate(latest=Max("number"))["latest"]
    return (latest or 0) + 1


def create_version(actor: User, framework: Framework, notes: str = "") -> FrameworkVersion:
    """A new draft, starting as a copy of the framework's latest version."""
    with transaction.atomic():
        number = _next_number(framework)
        latest = framework.versions.filter(number=number - 1).first()
        version = _new_version(actor, framework, number, notes.strip())
        if latest is not None:
            write_contents(version, selectors.spec_of(latest))
    return version


def import_version(actor: User | None, spec: FrameworkSpec) -> FrameworkVersion:
    """A checked file becomes a new draft: of the framework with its slug, or of a new one."""
    with transaction.atomic():
        framework = Framework.objects.filter(slug=spec.slug).first()
        if framework is None:
            framework = _new_framework(actor, spec.slug, spec.name, spec.description)
        version = _new_version(actor, framework, _next_number(framework), spec.notes)
        write_contents(version, spec)
        record_change(
            actor, verbs.VERSION_IMPORTED, version, None, snapshot(version, VERSION_FIELDS)
        )
    return version


def write_contents(version: FrameworkVersion, spec: FrameworkSpec) -> None:
    """Fill an empty version with the scale, areas, strands and descriptors of the spec."""
    ScaleLevel.objects.bulk_create(
        ScaleLevel(version=version, position=p, label=lv.label, description=lv.description)
        for p, lv in enumerate(spec.scale, start=1)
    )
    for a_pos, area_spec in enumerate(spec.areas, start=1):
        area = Area.objects.create(
            version=version,
            position=a_pos,
            code=area_spec.code,
            title=area_spec.title,
            description=area_spec.description,
        )
        for s_pos, s in enumerate(area_spec.strands, start=1):
            strand = Strand.objects.create(
                area=area,
                position=s_pos,
                code=s.code,
                title=s.title,
                description=s.description,
                enquiry_question=s.enquiry_question,
                met_or_not_met=s.met_or_not_met,
            )
            LevelDescriptor.objects.bulk_create(
                LevelDescriptor(strand=strand, level=level, text=text)
                for level, text in sorted(s.descriptors.items())
            )


def publish_problems(version: FrameworkVersion) -> list[str]:
    """What must be added before the version can be published, in the builder's words."""
    spec = selectors.spec_of(version)
    if not spec.areas:
        return ["Add at least one area before publishing"]
    problems = []
    for area in spec.areas:
        if not area.strands:
            problems.append(f"Add at least one strand to area {area.code} ({area.title})")
        for strand in area.strands:
            if not spec.scale and not strand.met_or_not_met and not strand.enquiry_question:
                problems.append(
                    f"Strand {strand.code} needs an enquiry question: "
                    "the framework has no scale, so the question is what reviewers explore"
                )
            if spec.scale and not strand.met_or_not_met:
                labels = labels_for(spec.scale, False)
                missing = [labels[lv] for lv in labels if lv not in strand.descriptors]
                if missing:
                    problems.append(
                        f"Strand {strand.code} needs a descriptor for {', '.join(missing)}"
                    )
    return problems


def publish_version(actor: User | None, version: FrameworkVersion) -> FrameworkVersion:
    versions = FrameworkVersion.objects.select_related("framework")
    return publish_draft(
        actor, versions, version, verbs.VERSION_PUBLISHED, VERSION_FIELDS, publish_problems
    )


def publish_draft[V: DocumentVersion](
    actor: Person | None,
    versions: QuerySet[V],
    version: V,
    verb: str,
    fields: list[str],
    problems_of: Callable[[V], list[str]] | None = None,
) -> V:
    """Publish a draft version of a framework, an audit template or a question bank: lock it,
    refuse one already published or with problems (`problems_of`), and record the change."""
    with transaction.atomic():
        version = versions.select_for_update().get(pk=version.pk)
        if DocumentVersion.Status.PUBLISHED not in TRANSITIONS[version.status]:
            raise ValidationError(f"Version {version.number} has already been published")
        problems = problems_of(version) if problems_of is not None else []
        if problems:
            raise ValidationError(problems)
        before = snapshot(version, fields)
        version.status = DocumentVersion.Status.PUBLISHED
        version.published_at = timezone.now()
        version.save(update_fields=["status", "published_at"])
        record_change(actor, verb, version, before, snapshot(version, fields))
    return version


def add_mapping(actor: User | None, from_strand: Strand, to_strand: Strand) -> StrandMapping:
    """Crosswalk: evidence on either strand also shows under the other."""
    with transaction.atomic():
        pair = Strand.objects.select_for_update().select_related("area__version")
        strands = {s.pk: s for s in pair.filter(pk__in=[from_strand.pk, to_strand.pk])}
        one, other = strands[from_strand.pk], strands[to_strand.pk]
        if one.area.version.framework_id == other.area.version.framework_id:
            raise ValidationError(
                "Strands of the same framework cannot be mapped to each other: "
                "choose a strand of another framework"
            )
        already = f"{one.code} and {other.code} are already mapped to each other"
        if StrandMapping.objects.filter(from_strand=other, to_strand=one).exists():
            raise ValidationError(already)
        try:
            with transaction.atomic():
                mapping = StrandMapping.objects.create(
                    from_strand=one, to_strand=other, created_by=actor
                )
        except IntegrityError as error:
            raise ValidationError(already) from error
        record_change(actor, verbs.STRANDS_MAPPED, mapping, None, snapshot(mapping, MAPPING_FIELDS))
    return mapping


def remove_mapping(actor: User, mapping: StrandMapping) -> None:
    with transaction.atomic():
        found = StrandMapping.objects.select_for_update().filter(pk=mapping.pk).first()
        if found is None:
            raise ValidationError("This mapping has already been removed")
        before = snapshot(found, MAPPING_FIELDS)
        record_change(actor, verbs.STRANDS_UNMAPPED, found, before, None)
        found.delete()
