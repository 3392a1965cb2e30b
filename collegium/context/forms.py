"""The pupil file upload form: the file, the academic year and the measure it gives."""

from typing import Any

from django import forms
from django.utils import timezone

from collegium.context.models import Measure, year_label
from collegium.context.services import MAX_BYTES, TOO_BIG
from collegium.fields import choice

YEARS_BACK = 5


def year_choices() -> list[tuple[int, str]]:
    """The academic years whose results can be uploaded: the current one and five before it,
    as (calendar year it ends in, label); an academic year starts on 1 September."""
    today = timezone.localdate()
    last = today.year + 1 if today.month >= 9 else today.year
    return [(year, year_label(year)) for year in range(last, last - YEARS_BACK - 1, -1)]


class UploadForm(forms.Form):
    year = choice("Academic year of the results", (), what="the academic year", coerce=int)
    measure = choice(
        "Outcome measure", Measure.choices, what="the outcome measure", widget=forms.RadioSelect
    )
    file = forms.FileField(
        label="Pupil file (CSV)",
        help_text=f"A CSV file saved as UTF-8, smaller than {MAX_BYTES // (1024 * 1024)} MB",
        error_messages={
            "required": "Choose a pupil file to upload",
            "empty": "The chosen file is empty",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = year_choices()
        self.fields["year"].choices = choices  # type: ignore[attr-defined]
        self.fields["year"].initial = choices[1][0]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(TOO_BIG)
        return upload


class CountsForm(forms.Form):
    """D4: a CSV of census counts per school, academic year and year group."""

    file = forms.FileField(
        label="Census counts (CSV)",
        help_text=f"A CSV file saved as UTF-8, smaller than {MAX_BYTES // (1024 * 1024)} MB",
        error_messages={
            "required": "Choose a file of census counts to upload",
            "empty": "The chosen file is empty",
        },
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(TOO_BIG)
        return upload
