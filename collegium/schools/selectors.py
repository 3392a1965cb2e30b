"""Reads for the school register pages (N1): search, and one school with its context."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from collegium.schools.history import Figures, figures_of
from collegium.schools.models import (
    Absence,
    Census,
    Finance,
    ImportRun,
    Inspection,
    KeyStage2Result,
    KeyStage4Destination,
    KeyStage4Result,
    LocalAuthority,
    School,
    SchoolLink,
)

# URNs are six digits; anything longer cannot be one (and would overflow an integer column).
_LONGEST_URN = 9


def search_schools(
    query: str = "", phase: str = "", la_code: int | None = None
) -> QuerySet[School]:
    """Schools matching a name, town or local authority (contains), or a URN (exact)."""
    schools = School.objects.select_related("local_authority")
    query = query.strip()
    if query.isascii() and query.isdigit():
        schools = schools.filter(urn=int(query)) if len(query) <= _LONGEST_URN else schools.none()
    elif query:
        schools = schools.filter(
            Q(name__icontains=query)
            | Q(town__icontains=query)
            | Q(local_authority__name__icontains=query)
        )
    if phase:
        schools = schools.filter(phase=phase)
    if la_code is not None:
        schools = schools.filter(local_authority_id=la_code)
    return schools.order_by("name", "urn")


def register_size() -> int:
    return School.objects.count()


def local_authorities() -> list[tuple[int, str]]:
    return list(LocalAuthority.objects.order_by("name").values_list("code", "name"))


def schools_by_urn(urns: list[int]) -> dict[int, School]:
    return School.objects.in_bulk(urns)


@dataclass(frozen=True)
class LinkedSchool:
    """A predecessor, successor or other linked establishment (it may not be in the register)."""

    urn: int
    name: str
    relationship: str
    established_on: date | None
    in_register: bool


@dataclass(frozen=True)
class SchoolPage:
    school: School
    census: Census | None
    absence: Absence | None
    finance: Finance | None
    finances: list[Finance]
    ks2_results: list[KeyStage2Result]
    ks4_results: list[KeyStage4Result]
    inspections: list[Inspection]
    links: list[LinkedSchool]
    # D1: every year of every measure beside its local-authority and England figures.
    figures: Figures


def school_page(school: School, today: date | None = None) -> SchoolPage:
    """Everything the school's page shows, newest year first, in a handful of queries."""
    censuses = list(Census.objects.filter(school=school).order_by("-year"))
    absences = list(Absence.objects.filter(school=school).order_by("-year"))
    finances = list(Finance.objects.filter(school=school).order_by("-year"))
    ks2 = list(KeyStage2Result.objects.filter(school=school).order_by("-year"))
    ks4 = list(KeyStage4Result.objects.filter(school=school).order_by("-year"))
    destinations = list(KeyStage4Destination.objects.filter(school=school).order_by("-year"))
    records: dict[str, list[Any]] = {
        "census": censuses, "absence": absences, "ks2": ks2, "ks4": ks4,
        "destination": destinations, "finance": finances,
    }  # fmt: skip
    return SchoolPage(
        school=school,
        census=censuses[0] if censuses else None,
        absence=absences[0] if absences else None,
        finance=finances[0] if finances else None,
        finances=finances,
        ks2_results=ks2,
        ks4_results=ks4,
        inspections=list(Inspection.objects.filter(school=school).order_by("-inspected_on")),
        links=linked_schools(school),
        figures=figures_of(school, records, today or timezone.localdate()),
    )


def linked_schools(school: School) -> list[LinkedSchool]:
    links = list(SchoolLink.objects.filter(urn=school.urn).order_by("established_on", "linked_urn"))
    names = dict(
        School.objects.filter(urn__in={link.linked_urn for link in links}).values_list(
            "urn", "name"
        )
    )
    return [
        LinkedSchool(
            urn=link.linked_urn,
            name=names.get(link.linked_urn, link.linked_name),
            relationship=link.link_type,
            established_on=link.established_on,
            in_register=link.linked_urn in names,
        )
        for link in links
    ]


def local_authority_choices() -> list[tuple[int, str]]:
    """Every local authority a school can be added in: the register's and the shipped list's."""
    from collegium.schools.importing.loader import known_local_authorities

    names = known_local_authorities() | dict(local_authorities())
    return sorted(names.items(), key=lambda item: item[1])


def import_runs() -> QuerySet[ImportRun]:
    """The register's import runs, newest first, without their rejected rows."""
    return ImportRun.objects.select_related("started_by").defer("rejections", "file_rows")
