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


# GOV.UK fields with the standard error messages, written once. `what` is how the message names
# the answer: "the start date", "your note", "the number of days".


def _capital(what: str) -> str:
    return what[:1].upper() + what[1:]


def text(
    label: str, *, what: str, max_length: int, required: bool = True, **kwargs: Any
) -> forms.CharField:
    """Text: "Enter your note"; "Your note must be 20,000 characters or fewer"."""
    messages = {
        "required": f"Enter {what}",
        "max_length": f"{_capital(what)} must be {max_length:,} characters or fewer",
    }
    return forms.CharField(
        label=label, max_length=max_length, required=required, error_messages=messages, **kwargs
    )


def whole_number(
    label: str,
    *,
    what: str,
    min_value: int,
    max_value: int | None = None,
    required: bool = True,
    **kwargs: Any,
) -> forms.IntegerField:
    """A whole number: "Enter the number of days"; "… must be a whole number between 1 and 5"."""
    if max_value is None:
        wrong = f"{_capital(what)} must be a whole number, {min_value:,} or more"
    else:
        wrong = f"{_capital(what)} must be a whole number between {min_value:,} and {max_value:,}"
    messages = {"required": f"Enter {what}", "invalid": wrong, "min_value": wrong}
    messages["max_value"] = wrong
    return forms.IntegerField(
        label=label,
        min_value=min_value,
        max_value=max_value,
        required=required,
        error_messages=messages,
        **kwargs,
    )


def date_field(label: str, *, what: str, required: bool = True, **kwargs: Any) -> forms.DateField:
    """A date in the window: "Enter the start date"; "… as a real date, like 2027-03-08"."""
    messages = {
        "required": f"Enter {what}",
        "invalid": f"Enter {what} as a real date, like 2027-03-08",
    }
    return WindowDateField(label=label, required=required, error_messages=messages, **kwargs)


class TimeOfDayField(forms.TimeField):
    """A time of day typed as people write it: 15:30, 3:30pm, 3pm, 3.30pm; shown as 15:30."""

    input_formats = ["%H:%M", "%H.%M", "%I:%M%p", "%I.%M%p", "%I%p"]

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip().lower().replace(" ", "").replace("noon", "12pm")
            value = {"midday": "12pm", "midnight": "0:00"}.get(value, value)
        return super().to_python(value)

    def prepare_value(self, value: Any) -> Any:
        return value.strftime("%H:%M") if hasattr(value, "strftime") else value


def time_field(label: str, *, what: str, required: bool = True, **kwargs: Any) -> forms.TimeField:
    """A time of day: "Enter the start time"; "… as a time, like 15:30 or 3:30pm"."""
    messages = {
        "required": f"Enter {what}",
        "invalid": f"Enter {what} as a time, like 15:30 or 3:30pm",
    }
    kwargs.setdefault("widget", forms.TextInput(attrs={"class": "govuk-input--width-5"}))
    return TimeOfDayField(label=label, required=required, error_messages=messages, **kwargs)


def choice(
    label: str, choices: Any, *, what: str, required: bool = True, **kwargs: Any
) -> forms.ChoiceField:
    """One of a list: "Choose the kind of review"; with `coerce`, a TypedChoiceField."""
    messages = {"required": f"Choose {what}", "invalid_choice": f"Choose {what} from the list"}
    kind = forms.TypedChoiceField if "coerce" in kwargs else forms.ChoiceField
    return kind(label=label, choices=choices, required=required, error_messages=messages, **kwargs)


def model_choice(
    label: str, queryset: Any, *, what: str, required: bool = True, **kwargs: Any
) -> forms.ModelChoiceField[Any]:
    """One record of a list: "Choose the strand"."""
    messages = {"required": f"Choose {what}", "invalid_choice": f"Choose {what} from the list"}
    return forms.ModelChoiceField(
        label=label, queryset=queryset, required=required, error_messages=messages, **kwargs
    )
