"""Changes to question banks: imports and publishing (network admins, and the shipped banks).

A version is a draft until it is published; a published version never changes, because surveys
point at it. A draft is made by importing a file (exchange.py): a bank's new version is its
latest exported, changed and imported again.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max

from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.frameworks.models import FrameworkVersion, Strand
from collegium.frameworks.services import publish_draft
from collegium.voice.models import BankVersion, Question, QuestionBank, ScaleOption
from collegium.voice.spec import BankSpec

Status = BankVersion.Status
BANK_FIELDS = ["slug", "name", "audience", "description"]
VERSION_FIELDS = ["bank_id", "number", "status", "notes", "published_at"]


def strand_for(reference: str) -> Strand | None:
    """The strand "framework-slug:CODE" names, in its framework's latest published version."""
    slug, _, code = reference.partition(":")
    latest = (
        FrameworkVersion.objects.filter(
            framework__slug=slug, status=FrameworkVersion.Status.PUBLISHED
        )
        .order_by("-number")
        .first()
    )
    if latest is None:
        return None
    return Strand.objects.filter(area__version=latest, code=code).first()


def import_version(actor: Any, spec: BankSpec) -> BankVersion:
    """A checked file becomes a new draft: of the bank with its slug, or of a new one."""
    with transaction.atomic():
        bank = QuestionBank.objects.filter(slug=spec.slug).first()
        if bank is None:
            bank = _new_bank(actor, spec)
        elif bank.audience != spec.audience:
            raise ValidationError(
                f"The bank {spec.slug} asks {bank.get_audience_display().lower()}: "
                "a new version must ask the same audience"
            )
        version = _new_version(bank, spec.notes)
        _write_contents(version, spec)
        after = snapshot(version, VERSION_FIELDS)
        record_change(actor, verbs.QUESTION_BANK_VERSION_IMPORTED, version, None, after)
    return version


def _new_bank(actor: Any, spec: BankSpec) -> QuestionBank:
    taken = f"There is already a question bank with the short name {spec.slug}. Choose another."
    try:
        with transaction.atomic():
            bank = QuestionBank.objects.create(
                slug=spec.slug,
                name=spec.name,
                audience=spec.audience,
                description=spec.description,
                created_by=actor,
            )
    except IntegrityError as error:  # created by someone else a moment ago
        raise ValidationError(taken) from error
    record_change(actor, verbs.QUESTION_BANK_CREATED, bank, None, snapshot(bank, BANK_FIELDS))
    return bank


def _new_version(bank: QuestionBank, notes: str) -> BankVersion:
    QuestionBank.objects.select_for_update().get(pk=bank.pk)  # one new version at a time
    latest = bank.versions.aggregate(latest=Max("number"))["latest"]
    return BankVersion.objects.create(bank=bank, number=(latest or 0) + 1, notes=notes)


def _write_contents(version: BankVersion, spec: BankSpec) -> None:
    ScaleOption.objects.bulk_create(
        ScaleOption(version=version, position=position, label=label)
        for position, label in enumerate(spec.scale, start=1)
    )
    for position, question_spec in enumerate(spec.questions, start=1):
        question = Question.objects.create(
            version=version,
            position=position,
            code=question_spec.code,
            text=question_spec.text,
            hint=question_spec.hint,
            kind=question_spec.kind,
        )
        strands = [strand_for(reference) for reference in question_spec.strands]
        question.strands.set([strand for strand in strands if strand is not None])


def publish_version(actor: Any, version: BankVersion) -> BankVersion:
    versions = BankVersion.objects.select_related("bank")
    verb = verbs.QUESTION_BANK_VERSION_PUBLISHED
    return publish_draft(actor, versions, version, verb, VERSION_FIELDS)
