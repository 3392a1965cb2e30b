from typing import Any

from django import forms

from collegium.frameworks.models import FrameworkVersion
from collegium.people.dates import academic_year_label

MAX_TEXT = 20000


class StartForm(forms.Form):
    framework_version = forms.TypedChoiceField(
        label="Framework",
        coerce=int,
        widget=forms.RadioSelect,
        help_text="The framework your school evaluates itself against this year",
        error_messages={"required": "Choose a framework", "invalid_choice": "Choose a framework"},
    )
    academic_year = forms.TypedChoiceField(
        label="Academic year",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the academic year",
            "invalid_choice": "Choose the academic year",
        },
    )

    def __init__(
        self, data: Any, versions: list[FrameworkVersion], years: list[int], **kwargs: Any
    ) -> None:
        super().__init__(data, **kwargs)
        self.versions = {version.pk: version for version in versions}
        version_field = self.fields["framework_version"]
        assert isinstance(version_field, forms.ChoiceField)
        version_field.choices = [(version.pk, str(version)) for version in versions]
        year_field = self.fields["academic_year"]
        assert isinstance(year_field, forms.ChoiceField)
        year_field.choices = [(year, academic_year_label(year)) for year in years]
        if len(years) == 1:
            self.initial["academic_year"] = years[0]

    def chosen_version(self) -> FrameworkVersion:
        return self.versions[self.cleaned_data["framework_version"]]


class StrandForm(forms.Form):
    """One strand: a level (when the strand takes one), a narrative and evidence."""

    level = forms.TypedChoiceField(
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose one of the levels shown"},
    )
    narrative = forms.CharField(
        label="Narrative",
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea,
        help_text="What you see in your school for this strand, and how you know",
        error_messages={"max_length": f"Narrative must be {MAX_TEXT:,} characters or fewer"},
    )
    evidence = forms.CharField(
        label="Evidence",
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea,
        help_text="Links or references to documents and data, one on each line",
        error_messages={"max_length": f"Evidence must be {MAX_TEXT:,} characters or fewer"},
    )
    revision = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={"required": "Reload the page and try again"},
    )

    def __init__(self, data: Any, levels: dict[int, str], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.levels = levels
        level_field = self.fields["level"]
        assert isinstance(level_field, forms.ChoiceField)
        level_field.choices = list(levels.items())
        if not levels:
            del self.fields["level"]

    def chosen_level(self) -> int | None:
        return self.cleaned_data.get("level")
