from typing import Any

from django import forms

from collegium import fields
from collegium.frameworks.models import FrameworkVersion
from collegium.people.dates import academic_year_label

MAX_TEXT = 20000


class StartForm(forms.Form):
    framework_version = fields.choice(
        "Framework",
        [],
        what="a framework",
        coerce=int,
        widget=forms.RadioSelect,
        help_text="The framework your school evaluates itself against this year",
    )
    academic_year = fields.choice(
        "Academic year", [], what="the academic year", coerce=int, widget=forms.RadioSelect
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

    level = fields.choice(
        "Level",
        [],
        what="a level",
        required=False,
        coerce=int,
        empty_value=None,
        widget=forms.RadioSelect,
    )
    narrative = fields.text(
        "Narrative",
        what="the narrative",
        max_length=MAX_TEXT,
        required=False,
        widget=forms.Textarea,
        help_text="What you see in your school for this strand, and how you know",
    )
    evidence = fields.text(
        "Evidence",
        what="the evidence",
        max_length=MAX_TEXT,
        required=False,
        widget=forms.Textarea,
        help_text="Links or references to documents and data, one on each line",
    )
    revision = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        # A hidden field: the person can only start again from the page as it is now.
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
