"""Input for the term dates pages: a term's dates, and the year to add."""

from datetime import date
from typing import Any

from django import forms

from collegium import fields
from collegium.people.dates import academic_year_label


def _date(label: str, name: str) -> forms.DateField:
    return fields.date_field(label, what=f"the {name}")


class TermForm(forms.Form):
    first_day = _date("First day of the term", "first day of the term")
    last_day = _date("Last day of the term", "last day of the term")
    half_term_first_day = _date("First day of the half term", "first day of the half term")
    half_term_last_day = _date("Last day of the half term", "last day of the half term")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("first_day"), data.get("last_day")
        half_first, half_last = data.get("half_term_first_day"), data.get("half_term_last_day")
        if first and last and last <= first:
            self.add_error("last_day", "The last day of the term must be after its first day")
        if half_first and half_last and half_last < half_first:
            self.add_error(
                "half_term_last_day",
                "The last day of the half term must be on or after its first day",
            )
        if first and last and half_first and not _inside(half_first, first, last):
            self.add_error("half_term_first_day", "The half term must be inside the term")
        elif first and last and half_last and not _inside(half_last, first, last):
            self.add_error("half_term_last_day", "The half term must be inside the term")
        return data


def _inside(day: date, first: date, last: date) -> bool:
    return first < day < last


class AddYearForm(forms.Form):
    year = fields.choice("Academic year", [], what="the academic year to add", coerce=int)

    def __init__(self, data: Any, years: list[int]) -> None:
        super().__init__(data)
        field = self.fields["year"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(year, academic_year_label(year)) for year in years]
