"""Reads for calibration exercises: packs, a reviewer's invitations, results, and the grades as
ratings for collegium/reliability."""

import statistics
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from django.db.models import QuerySet
from django.http import Http404

from collegium import access
from collegium.accounts.models import User
from collegium.calendars.services import ONE_DAY, Entry
from collegium.calibration.calendar import session_entry
from collegium.calibration.models import CalibrationPack, Grade, Invitation, PackItem
from collegium.frameworks.levels import scale_labels, strand_levels
from collegium.links import site_link
from collegium.types import Person

RATING_COLUMNS = ["school", "reviewer", "strand", "value", "pack", "submitted_at"]


def packs() -> QuerySet[CalibrationPack]:
    """Every exercise, the newest first."""
    return CalibrationPack.objects.select_related("framework_version__framework")


def pack_for(pk: Any) -> CalibrationPack:
    found = CalibrationPack.objects.select_related("framework_version__framework").filter(pk=pk)
    if not found.exists():
        raise Http404
    return found.get()


def items_of(pack: CalibrationPack) -> list[PackItem]:
    return list(pack.items.select_related("strand__area").prefetch_related("strand__descriptors"))


def invitations_for(user: Person) -> list[Invitation]:
    """The person's own invitations, newest first."""
    profile_id = access.roles_of(user).reviewer_id
    found = Invitation.objects.filter(reviewer_id=profile_id).select_related("pack")
    return list(found.order_by("-invited_at"))


def calendar_entries(user: User) -> list[Entry]:
    """For the person's calendar feed: the sessions of the open or closed exercises they are
    invited to, and when their grades are due while they have not submitted; for a moderator,
    the sessions of the exercises they created."""
    reviewer_id = access.roles_of(user).reviewer_id
    invitations = Invitation.objects.filter(reviewer_id=reviewer_id).exclude(
        pack__status=CalibrationPack.Status.DRAFT
    )
    entries = []
    for invitation in invitations.select_related("pack", "reviewer"):
        pack = invitation.pack
        if not access.can(user, "calibration.grade", invitation.reviewer):
            continue
        if pack.has_session:
            entries.append(session_entry(pack))
        if pack.grades_due_on and invitation.submitted_at is None:
            entries.append(
                Entry(
                    key=f"calibration-grades-due-{invitation.pk}",
                    title=f"Calibration grades due: {pack.title}",
                    start=pack.grades_due_on,
                    end=pack.grades_due_on + ONE_DAY,
                    url=site_link("calibration:grade", invitation.pk),
                )
            )
    if access.can(user, "calibration.manage"):
        created = CalibrationPack.objects.filter(created_by=user, session_on__isnull=False)
        entries += [session_entry(pack) for pack in created]
    return list({entry.key: entry for entry in entries}.values())


@dataclass
class ItemResult:
    item: PackItem
    reference_label: str
    counts: list[tuple[str, int]]  # (level label, how many reviewers chose it)
    median: float | None


@dataclass
class ReviewerResult:
    invitation: Invitation
    graded: int = 0
    exact: int = 0
    from_reference: list[int] = field(default_factory=list)
    from_median: list[float] = field(default_factory=list)

    @property
    def agreement(self) -> float | None:
        return 100 * self.exact / self.graded if self.graded else None

    @property
    def mean_from_reference(self) -> float | None:
        return statistics.fmean(self.from_reference) if self.from_reference else None

    @property
    def mean_from_median(self) -> float | None:
        return statistics.fmean(self.from_median) if self.from_median else None


def _grades(pack: CalibrationPack) -> list[Grade]:
    found = Grade.objects.filter(item__pack=pack, invitation__submitted_at__isnull=False)
    return list(found.select_related("invitation__reviewer__user"))


def _item_results(pack: CalibrationPack, grades: list[Grade]) -> list[ItemResult]:
    results = []
    labels = scale_labels(pack.framework_version)
    for item in items_of(pack):
        choices = list(strand_levels(item.strand, labels).items())
        levels = [g.level for g in grades if g.item_id == item.pk]
        counts = [(label, levels.count(level)) for level, label in choices]
        median = statistics.median(levels) if levels else None
        reference = dict(choices).get(item.reference_level or 0, "")
        results.append(ItemResult(item, reference, counts, median))
    return results


def results(pack: CalibrationPack) -> tuple[list[ItemResult], list[ReviewerResult]]:
    """Per item: reference and distribution; per reviewer who submitted: agreement with the
    reference and mean absolute difference from the reference and from the group's median."""
    grades = _grades(pack)
    items = _item_results(pack, grades)
    by_item = {row.item.pk: row for row in items}
    reviewers: dict[int, ReviewerResult] = {}
    for grade in grades:
        row = reviewers.setdefault(grade.invitation_id, ReviewerResult(grade.invitation))
        item = by_item[grade.item_id]
        reference = item.item.reference_level
        row.graded += 1
        if reference is not None:
            row.exact += grade.level == reference
            row.from_reference.append(abs(grade.level - reference))
        if item.median is not None:
            row.from_median.append(abs(grade.level - item.median))
    ordered = sorted(reviewers.values(), key=lambda r: str(r.invitation.reviewer))
    return items, ordered


def own_grades(invitation: Invitation) -> dict[int, int]:
    return dict(invitation.grades.values_list("item_id", "level"))


def calibration_ratings() -> pd.DataFrame:
    """Submitted calibration grades as ratings for the severity model: one row per grade, each
    pack standing in for a school, value = n + 1 − level so that larger is better. Met / not
    met items are left out: they are not on the scale."""
    grades = Grade.objects.filter(
        invitation__submitted_at__isnull=False, item__strand__met_or_not_met=False
    ).select_related("invitation__pack__framework_version", "item")
    sizes: dict[int, int] = {}
    rows = []
    for grade in grades:
        pack = grade.invitation.pack
        if pack.pk not in sizes:
            sizes[pack.pk] = pack.framework_version.scale_levels.count()
        rows.append(
            {
                "school": f"pack-{pack.pk}",
                "reviewer": grade.invitation.reviewer_id,
                "strand": grade.item.strand_id,
                "value": sizes[pack.pk] + 1 - grade.level,
                "pack": pack.pk,
                "submitted_at": grade.invitation.submitted_at,
            }
        )
    return pd.DataFrame(rows, columns=RATING_COLUMNS)
