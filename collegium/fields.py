"""Form fields every app shares.

`WindowDateField` takes a date only inside the window the service plans and records in: from
1 January 2000 to the end of the year ten years ahead. Without it, year 1 or 9999 was accepted
(an accreditation valid until 9999) and working-day arithmetic past 9999 failed with a 500.
"""

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

FIRST_DAY = date(2000, 1, 1)
YEARS_AHEAD = 10


def date_window(today: date | None = None) -> tuple[date, date]:
    """The first and last dates a form accepts."""
    today = today or timezone.localdate()
    return FIRST_DAY, date(today.year + YEARS_AHEAD, 12, 31)


def day_month_year(day: date) -> str:
    """A date as GOV.UK writes it: 1 January 2000."""
    return f"{day.day} {day:%B %Y}"


def window_message(label: str) -> str:
    first, last = date_window()
    return f"{label} must be between {day_month_year(first)} and {day_month_year(last)}"


class WindowDateField(forms.DateField):
    """A date field that refuses dates outside `date_window()` with a message naming the field."""

    def __init__(self, *, label: str, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.DateInput)
        super().__init__(label=label, **kwargs)

    def validate(self, value: Any) -> None:
        super().validate(value)
        first, last = date_window()
        if value is not None and not first <= value <= last:
            raise ValidationError(window_message(str(self.label)), code="outside_window")
