"""Changes to audit templates: imports, new versions and publishing (network admins).

A version is a draft until it is published; a published version never changes, because audits
point at it. A draft is made by importing a file (exchange.py) or as a copy of the template's
latest version, to be exported, changed and imported again.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max

from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.frameworks.services import publish_draft
from collegium.safeguarding import selectors
from collegium.safeguarding.models import (
    AuditTemplate,
    TemplateItem,
    TemplateSection,
    TemplateVersion,
)
from collegium.safeguarding.spec import TemplateSpec

Status = TemplateVersion.Status
TEMPLATE_FIELDS = ["slug", "name", "description"]
VERSION_FIELDS = ["template_id", "number", "status", "notes", "published_at"]


def import_version(actor: Any, spec: TemplateSpec) -> TemplateVersion:
    """A checked file becomes a new draft: of the template with its slug, or of a new one."""
    with transaction.atomic():
        template = AuditTemplate.objects.filter(slug=spec.slug).first()
        if template is None:
            template = _new_template(actor, spec)
        version = _new_version(actor, template, spec.notes)
        write_contents(version, spec)
        after = snapshot(version, VERSION_FIELDS)
        record_change(actor, verbs.AUDIT_TEMPLATE_VERSION_IMPORTED, version, None, after)
    return version


def create_version(actor: Any, template: AuditTemplate, notes: str = "") -> TemplateVersion:
    """A new draft, starting as a copy of the template's latest version."""
    with transaction.atomic():
        latest = template.versions.order_by("-number").first()
        version = _new_version(actor, template, notes.strip())
        if latest is not None:
            write_contents(version, selectors.spec_of(latest))
    return version


def _new_template(actor: Any, spec: TemplateSpec) -> AuditTemplate:
    taken = f"There is already a template with the short name {spec.slug}. Choose another."
    try:
        with transaction.atomic():  # a savepoint, so a refusal leaves the transaction usable
            template = AuditTemplate.objects.create(
                slug=spec.slug, name=spec.name, description=spec.description, created_by=actor
            )
    except IntegrityError as error:  # created by someone else a moment ago
        raise ValidationError(taken) from error
    after = snapshot(template, TEMPLATE_FIELDS)
    record_change(actor, verbs.AUDIT_TEMPLATE_CREATED, template, None, after)
    return template


def _new_version(actor: Any, template: AuditTemplate, notes: str) -> TemplateVersion:
    AuditTemplate.objects.select_for_update().get(pk=template.pk)  # one new version at a time
    latest = template.versions.aggregate(latest=Max("number"))["latest"]
    version = TemplateVersion.objects.create(
        template=template, number=(latest or 0) + 1, notes=notes
    )
    after = snapshot(version, VERSION_FIELDS)
    record_change(actor, verbs.AUDIT_TEMPLATE_VERSION_CREATED, version, None, after)
    return version


def write_contents(version: TemplateVersion, spec: TemplateSpec) -> None:
    """Fill an empty version with the sections and items of the spec."""
    for s_pos, section_spec in enumerate(spec.sections, start=1):
        section = TemplateSection.objects.create(
            version=version,
            position=s_pos,
            code=section_spec.code,
            title=section_spec.title,
            description=section_spec.description,
        )
        TemplateItem.objects.bulk_create(
            TemplateItem(
                section=section,
                position=i_pos,
                code=item.code,
                title=item.title,
                good_looks_like=item.good_looks_like,
                evidence_expected=item.evidence_expected,
                statutory=item.statutory,
            )
            for i_pos, item in enumerate(section_spec.items, start=1)
        )


def publish_problems(version: TemplateVersion) -> list[str]:
    """What must change before the version can be published, in the builder's words."""
    spec = selectors.spec_of(version)
    if not spec.sections:
        return ["Add at least one section before publishing"]
    return [
        f"Add at least one item to section {section.code} ({section.title})"
        for section in spec.sections
        if not section.items
    ]


def publish_version(actor: Any, version: TemplateVersion) -> TemplateVersion:
    versions = TemplateVersion.objects.select_related("template")
    verb = verbs.AUDIT_TEMPLATE_VERSION_PUBLISHED
    return publish_draft(actor, versions, version, verb, VERSION_FIELDS, publish_problems)
