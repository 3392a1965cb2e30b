"""Reads for the term dates page: each year's terms and the years without dates. (The reviews a
change of dates has left outside term time are read by collegium.reviews.selectors.)"""

from dataclasses import dataclass
from datetime import date

from collegium.people.dates import academic_year_label, current_academic_year
from collegium.termdates.models import SchoolTerm


@dataclass(frozen=True)
class Year:
    year: int
    terms: list[SchoolTerm]  # autumn, spring, summer

    @property
    def label(self) -> str:
        return academic_year_label(self.year)


def years_with_dates() -> list[Year]:
    terms = list(SchoolTerm.objects.order_by("first_day"))
    years = sorted({t.academic_year for t in terms})
    return [Year(year, [t for t in terms if t.academic_year == year]) for year in years]


def years_to_add(today: date) -> list[Year]:
    """Years without dates from this academic year to the one after the last with dates."""
    known = set(SchoolTerm.objects.values_list("academic_year", flat=True).distinct())
    this_year = current_academic_year(today)
    last = max(known | {this_year}) + 1
    return [Year(year, []) for year in range(this_year, last + 1) if year not in known]
