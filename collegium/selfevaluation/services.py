"""S1 changes to a school's self-evaluation: start it, save a strand, submit it.

TRANSITIONS is the table of allowed status changes. A submitted self-evaluation is not reopened:
it is what the review team prepares from and what their judgements are compared with, so it
stays as it was seen; the next academic year's self-evaluation is a new one.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.frameworks.levels import scale_labels, strand_levels
from collegium.frameworks.models import FrameworkVersion, Strand
from collegium.people.dates import academic_year_label, current_academic_year
from collegium.schools.models import School
from collegium.selfevaluation import selectors
from collegium.selfevaluation.models import SelfEvaluation, StrandEvaluation

Status = SelfEvaluation.Status

TRANSITIONS: dict[str, set[str]] = {
    Status.DRAFT: {Status.SUBMITTED},
    Status.SUBMITTED: set(),
}

SELF_EVALUATION_FIELDS = [
    "school_id",
    "academic_year",
    "framework_version_id",
    "status",
    "submitted_at",
    "submitted_by_id",
]
ENTRY_FIELDS = ["level", "narrative", "evidence", "revision"]


class EditConflict(ValidationError):
    """Someone else saved the strand after the person opened it: nothing was saved."""


def start_self_evaluation(
    actor: User, school: School, academic_year: int, framework_version: FrameworkVersion
) -> SelfEvaluation:
    """A draft self-evaluation for the year, with an empty entry for every strand."""
    if framework_version.status != FrameworkVersion.Status.PUBLISHED:
        raise ValidationError(
            f"{framework_version} has not been published yet. Choose a published framework."
        )
    if academic_year > current_academic_year() + 1:
        raise ValidationError(
            "You cannot start a self-evaluation more than a year ahead. "
            "Choose this academic year or the next."
        )
    with transaction.atomic():
        School.objects.select_for_update().get(pk=school.pk)  # one start at a time per school
        if selectors.self_evaluation_in(school, academic_year) is not None:
            raise ValidationError(_already_started(school, academic_year))
        self_evaluation = _create(actor, school, academic_year, framework_version)
        StrandEvaluation.objects.bulk_create(
            StrandEvaluation(self_evaluation=self_evaluation, strand=strand)
            for strand in selectors.strands_of(framework_version)
        )
        after = snapshot(self_evaluation, SELF_EVALUATION_FIELDS)
        record_change(actor, verbs.SELF_EVALUATION_STARTED, self_evaluation, None, after)
    return self_evaluation


def _already_started(school: School, academic_year: int) -> str:
    return (
        f"{school.name} already has a self-evaluation for {academic_year_label(academic_year)}. "
        "Open it from the list of self-evaluations."
    )


def _create(
    actor: User, school: School, academic_year: int, version: FrameworkVersion
) -> SelfEvaluation:
    try:
        with transaction.atomic():  # a savepoint, so a refusal leaves the transaction usable
            return SelfEvaluation.objects.create(
                school=school,
                academic_year=academic_year,
                framework_version=version,
                created_by=actor,
            )
    except IntegrityError as error:  # started by another leader a moment ago
        raise ValidationError(_already_started(school, academic_year)) from error


def save_strand(
    actor: User,
    strand_evaluation: StrandEvaluation,
    level: int | None,
    narrative: str,
    evidence: str,
    revision: int,
) -> StrandEvaluation:
    """Save one strand's rating, narrative and evidence. `revision` is the one the person
    opened: if another leader has saved the strand since, EditConflict is raised and nothing
    is saved. Saving what is already there changes nothing."""
    entry = strand_evaluation
    narrative, evidence = _clean_text(narrative), _clean_text(evidence)
    with transaction.atomic():
        self_evaluation = _lock(entry.self_evaluation)
        if self_evaluation.status != Status.DRAFT:
            raise ValidationError(_submitted_already(self_evaluation))
        entry.refresh_from_db(from_queryset=StrandEvaluation.objects.select_for_update())
        _check_level(entry.strand, level, self_evaluation.framework_version)
        if (entry.level, entry.narrative, entry.evidence) == (level, narrative, evidence):
            return entry
        if revision != entry.revision:
            raise EditConflict(_conflict_message(entry))
        before = snapshot(entry, ENTRY_FIELDS)
        entry.level, entry.narrative, entry.evidence = level, narrative, evidence
        entry.revision += 1
        entry.updated_by = actor
        entry.save()
        record_change(
            actor, verbs.STRAND_EVALUATION_SAVED, entry, before, snapshot(entry, ENTRY_FIELDS)
        )
    return entry


def _clean_text(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


def _lock(self_evaluation: SelfEvaluation) -> SelfEvaluation:
    """Re-read the self-evaluation with a row lock: saves and submission take turns."""
    return (
        SelfEvaluation.objects.select_for_update()
        .select_related("school", "framework_version__framework")
        .get(pk=self_evaluation.pk)
    )


def _submitted_already(self_evaluation: SelfEvaluation) -> str:
    when = timezone.localtime(self_evaluation.submitted_at)
    return (
        f"This self-evaluation was submitted on {when:%-d %B %Y}, so it can no longer be changed."
    )


def _check_level(strand: Strand, level: int | None, version: FrameworkVersion) -> None:
    labels = scale_labels(version)
    if not selectors.takes_level(strand, bool(labels)):
        if level is not None:
            raise ValidationError(
                f"{version.framework.name} has no scale: {strand.code} is not given a level."
            )
        return
    choices = strand_levels(strand, labels)
    if level is not None and level not in choices:
        allowed = " or ".join(choices.values()) if strand.met_or_not_met else "a level of its scale"
        raise ValidationError(f"Choose {allowed} for {strand.code} {strand.title}.")


def _conflict_message(entry: StrandEvaluation) -> str:
    who = entry.updated_by.full_name if entry.updated_by else "Someone else"
    when = timezone.localtime(entry.updated_at)
    return (
        f"{who} saved this strand at {when:%H:%M} while you were editing it, so your changes "
        "have not been saved. Their version is shown below: check it, change your answer if "
        "you need to, and save again."
    )


def submit_self_evaluation(actor: User, self_evaluation: SelfEvaluation) -> SelfEvaluation:
    """Draft → submitted, once every strand has a rating (when it takes one) and a narrative."""
    with transaction.atomic():
        locked = _lock(self_evaluation)
        _check_transition(locked, Status.SUBMITTED)
        missing = selectors.overview(locked).incomplete
        if missing:
            raise ValidationError([_missing_message(row) for row in missing])
        before = snapshot(locked, SELF_EVALUATION_FIELDS)
        locked.status = Status.SUBMITTED
        locked.submitted_at = timezone.now()
        locked.submitted_by = actor
        locked.save()
        after = snapshot(locked, SELF_EVALUATION_FIELDS)
        record_change(actor, verbs.SELF_EVALUATION_SUBMITTED, locked, before, after)
    return locked


def _check_transition(self_evaluation: SelfEvaluation, to: str) -> None:
    if to not in TRANSITIONS[self_evaluation.status]:
        raise ValidationError(_submitted_already(self_evaluation))


def _missing_message(row: selectors.Row) -> str:
    strand = row.entry.strand
    return f"{strand.code} {strand.title} needs {' and '.join(row.missing)}"
