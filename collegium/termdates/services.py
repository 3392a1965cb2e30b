"""Changing the network's term dates: one term at a time, or a new year from England's usual
pattern (collegium/termdates/usual.py), which the network admin then checks term by term.

Every refusal says what is wrong and changes nothing; every change is in the audit trail."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.fields import day_month_year
from collegium.people.dates import academic_year_label
from collegium.termdates.models import SchoolTerm
from collegium.termdates.usual import usual_terms

Season = SchoolTerm.Season
SEASONS = [Season.AUTUMN, Season.SPRING, Season.SUMMER]
DATE_FIELDS = ["first_day", "last_day", "half_term_first_day", "half_term_last_day"]
FIRST_YEAR, LAST_YEAR = 2000, 2100


def _season_window(term: SchoolTerm) -> tuple[date, date]:
    """The months a term of its season may take: autumn August to December, spring January to
    April, summer April to August (Easter moves the line between spring and summer)."""
    year = term.academic_year
    windows = {
        Season.AUTUMN: (date(year, 8, 1), date(year, 12, 31)),
        Season.SPRING: (date(year + 1, 1, 1), date(year + 1, 4, 30)),
        Season.SUMMER: (date(year + 1, 4, 1), date(year + 1, 8, 31)),
    }
    return windows[Season(term.season)]


def _check_shape(term: SchoolTerm) -> None:
    if term.last_day <= term.first_day:
        raise ValidationError(f"The last day of the {_name(term)} must be after its first day")
    if term.half_term_last_day < term.half_term_first_day:
        raise ValidationError(
            f"The last day of the {_name(term)}'s half term must be on or after its first day"
        )
    if not term.first_day < term.half_term_first_day <= term.half_term_last_day < term.last_day:
        raise ValidationError(
            f"The half term must be inside the {_name(term)}: after its first day "
            f"({day_month_year(term.first_day)}) and before its last "
            f"({day_month_year(term.last_day)})"
        )
    first, last = _season_window(term)
    if term.first_day < first or term.last_day > last:
        raise ValidationError(
            f"The {_name(term)} must start and end between {day_month_year(first)} and "
            f"{day_month_year(last)}"
        )


def _order(term: SchoolTerm) -> tuple[int, int]:
    return term.academic_year, SEASONS.index(Season(term.season))


def _check_neighbours(terms: list[SchoolTerm]) -> None:
    """The changed terms do not overlap the terms before and after them."""
    changed = {_order(t) for t in terms}
    years = [t.academic_year for t in terms]
    others = SchoolTerm.objects.select_for_update().filter(
        academic_year__range=(min(years) - 1, max(years) + 1)
    )
    every = sorted([t for t in others if _order(t) not in changed] + terms, key=_order)
    for before, after in zip(every, every[1:], strict=False):
        if _order(before) not in changed and _order(after) not in changed:
            continue
        if before.last_day >= after.first_day:
            raise ValidationError(
                f"The {_name(after)} would start on or before the last day of the "
                f"{_name(before)} ({day_month_year(before.last_day)}): terms cannot overlap"
            )


def _name(term: SchoolTerm) -> str:
    return f"{term.season} term {academic_year_label(term.academic_year)}"


def change_term(
    actor: User,
    term: SchoolTerm,
    first_day: date,
    last_day: date,
    half_term_first_day: date,
    half_term_last_day: date,
) -> SchoolTerm:
    """Set a term's dates and its half term."""
    with transaction.atomic():
        term = SchoolTerm.objects.select_for_update().get(pk=term.pk)
        before = snapshot(term, DATE_FIELDS)
        term.first_day, term.last_day = first_day, last_day
        term.half_term_first_day, term.half_term_last_day = half_term_first_day, half_term_last_day
        _check_shape(term)
        _check_neighbours([term])
        after = snapshot(term, DATE_FIELDS)
        if after != before:
            term.updated_by = actor
            term.save()
            record_change(actor, verbs.TERM_DATES_CHANGED, term, before, after)
    return term


def add_year(actor: User | None, year: int) -> list[SchoolTerm]:
    """Add a year's three terms from England's usual pattern, for the admin to check."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(
            f"Choose an academic year from {academic_year_label(FIRST_YEAR)} to "
            f"{academic_year_label(LAST_YEAR)}"
        )
    terms = [
        SchoolTerm(academic_year=year, updated_by=actor, **vars(usual))
        for usual in usual_terms(year)
    ]
    already = f"{academic_year_label(year)} already has term dates: change them term by term"
    with transaction.atomic():
        if SchoolTerm.objects.filter(academic_year=year).exists():
            raise ValidationError(already)
        for term in terms:
            _check_shape(term)
        _check_neighbours(terms)
        try:
            with transaction.atomic():  # another admin may add the same year at the same time
                for term in terms:
                    term.save()
        except IntegrityError:
            raise ValidationError(already) from None
        for term in terms:
            record_change(actor, verbs.TERM_DATES_ADDED, term, None, snapshot(term, DATE_FIELDS))
    return terms
