"""Reads of self-evaluations: a school's years, one self-evaluation strand by strand, and the
latest submitted by a year (the one a review team prepares from: reviews.selectors)."""

from dataclasses import dataclass, field

from django.db.models import QuerySet

from collegium import access
from collegium.frameworks.levels import scale_labels, strand_levels
from collegium.frameworks.models import Area, FrameworkVersion, Strand
from collegium.people.models import Role
from collegium.schools.models import School
from collegium.selfevaluation.models import SelfEvaluation, StrandEvaluation
from collegium.types import Person


@dataclass(frozen=True)
class Row:
    """One strand of a self-evaluation as a page shows it."""

    entry: StrandEvaluation
    rating: str  # the level's label, or "" when not rated (or not rated on a scale)
    rated: bool  # the strand takes a level
    missing: tuple[str, ...]  # what submission still needs: "a rating", "a narrative"

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def started(self) -> bool:
        entry = self.entry
        return entry.level is not None or bool(entry.narrative or entry.evidence)


@dataclass
class AreaRows:
    area: Area
    rows: list[Row] = field(default_factory=list)


@dataclass(frozen=True)
class Overview:
    self_evaluation: SelfEvaluation
    graded: bool
    areas: list[AreaRows]

    @property
    def rows(self) -> list[Row]:
        return [row for area in self.areas for row in area.rows]

    @property
    def incomplete(self) -> list[Row]:
        return [row for row in self.rows if not row.complete]


def submitted_by(school_id: int, academic_year: int) -> SelfEvaluation | None:
    """The school's submitted self-evaluation for the academic year, else the latest one
    submitted for an earlier year."""
    return (
        SelfEvaluation.objects.filter(
            school_id=school_id,
            status=SelfEvaluation.Status.SUBMITTED,
            academic_year__lte=academic_year,
        )
        .select_related("school", "framework_version__framework", "submitted_by")
        .order_by("-academic_year")
        .first()
    )


def entries_by_strand(self_evaluation: SelfEvaluation) -> dict[int, StrandEvaluation]:
    entries = self_evaluation.strands.select_related("strand__area")
    return {entry.strand_id: entry for entry in entries}


def self_evaluations_of(school: School) -> list[SelfEvaluation]:
    """Every year's self-evaluation of the school, the latest first."""
    return list(
        school.self_evaluations.select_related(
            "framework_version__framework", "submitted_by"
        ).order_by("-academic_year")
    )


def self_evaluation_in(school: School, academic_year: int) -> SelfEvaluation | None:
    return (
        school.self_evaluations.select_related("school", "framework_version__framework")
        .filter(academic_year=academic_year)
        .first()
    )


def schools_for(user: Person) -> list[School]:
    return list(schools_query(user))


def schools_query(user: Person) -> QuerySet[School]:
    """The schools whose self-evaluations the person reads as a leader or governor, or, for a
    moderator, every school with a self-evaluation, by name."""
    roles = access.roles_of(user)
    schools = School.objects.filter(pk__in=roles.leads | roles.governs)
    if Role.MODERATOR in roles.network:
        schools = schools | School.objects.filter(self_evaluations__isnull=False)
    return schools.distinct().order_by("name", "pk")


def strands_of(version: FrameworkVersion) -> list[Strand]:
    return list(
        Strand.objects.filter(area__version=version)
        .select_related("area")
        .order_by("area__position", "position")
    )


def takes_level(strand: Strand, graded: bool) -> bool:
    return graded or strand.met_or_not_met


def overview(self_evaluation: SelfEvaluation) -> Overview:
    """The self-evaluation area by area, with each strand's rating and what it still needs."""
    version = self_evaluation.framework_version
    labels = scale_labels(version)
    areas: dict[int, AreaRows] = {}
    entries = self_evaluation.strands.select_related("strand__area", "updated_by")
    for entry in entries.order_by("strand__area__position", "strand__position"):
        area = areas.setdefault(entry.strand.area_id, AreaRows(entry.strand.area))
        area.rows.append(_row(entry, labels))
    return Overview(self_evaluation, bool(labels), list(areas.values()))


def _row(entry: StrandEvaluation, labels: dict[int, str]) -> Row:
    rated = takes_level(entry.strand, bool(labels))
    choices = strand_levels(entry.strand, labels) if rated else {}
    rating = choices.get(entry.level, "") if entry.level is not None else ""
    missing = (("a rating",) if rated and not rating else ()) + (
        ("a narrative",) if not entry.narrative.strip() else ()
    )
    return Row(entry, rating, rated, missing)


def descriptors_of(strand: Strand) -> dict[int, str]:
    return dict(strand.descriptors.values_list("level", "text"))


def neighbours(self_evaluation: SelfEvaluation, strand: Strand) -> tuple[Strand | None, ...]:
    """The strands before and after this one, in the framework's order."""
    strands = strands_of(self_evaluation.framework_version)
    index = next(i for i, s in enumerate(strands) if s.pk == strand.pk)
    before = strands[index - 1] if index > 0 else None
    after = strands[index + 1] if index + 1 < len(strands) else None
    return before, after
