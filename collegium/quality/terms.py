"""Moderation terms: a review belongs to the term its first day falls in.

Autumn runs from 1 September to 31 December, spring from 1 January to 31 March and summer from
1 April to 31 August, within the academic year that starts on 1 September.
"""

from dataclasses import dataclass
from datetime import date

from collegium.people.dates import academic_year_label, current_academic_year

SEASONS = ("autumn", "spring", "summer")


@dataclass(frozen=True, order=True)
class Term:
    academic_year: int  # the year the academic year starts in: 2026 = 2026/27
    season: str

    @property
    def key(self) -> str:
        return f"{self.academic_year}-{self.season}"

    @property
    def label(self) -> str:
        return f"{self.season.capitalize()} term {academic_year_label(self.academic_year)}"

    @property
    def first_day(self) -> date:
        year = self.academic_year
        starts = {"autumn": date(year, 9, 1), "spring": date(year + 1, 1, 1)}
        return starts.get(self.season, date(year + 1, 4, 1))

    @property
    def last_day(self) -> date:
        year = self.academic_year
        ends = {"autumn": date(year, 12, 31), "spring": date(year + 1, 3, 31)}
        return ends.get(self.season, date(year + 1, 8, 31))

    def __str__(self) -> str:
        return self.label


def term_of(day: date) -> Term:
    season = "autumn" if day.month >= 9 else "spring" if day.month <= 3 else "summer"
    return Term(current_academic_year(day), season)


def parse_term(key: str) -> Term | None:
    """The term a key such as "2026-autumn" names, or None if it names none."""
    year, _, season = key.partition("-")
    if not year.isdigit() or season not in SEASONS or not 2000 <= int(year) <= 2100:
        return None
    return Term(int(year), season)
