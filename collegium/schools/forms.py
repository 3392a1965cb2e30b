from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from collegium.schools.models import Phase, School


class SchoolSearchForm(forms.Form):
    q = forms.CharField(
        label="School name, URN, town or local authority",
        required=False,
        max_length=200,
        error_messages={"max_length": "Search words must be 200 characters or fewer"},
    )
    phase = forms.ChoiceField(
        label="Phase",
        required=False,
        choices=[("", "All phases"), *Phase.choices],
        error_messages={"invalid_choice": "Select a phase from the list"},
    )
    la = forms.TypedChoiceField(
        label="Local authority",
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": "Select a local authority from the list"},
    )

    def __init__(self, *args: Any, local_authorities: list[tuple[int, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["la"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "All local authorities"), *local_authorities]

    def has_criteria(self) -> bool:
        data = self.cleaned_data
        return bool(data.get("q", "").strip() or data.get("phase") or data.get("la") is not None)


class SchoolDetailsForm(forms.Form):
    trust_name = forms.CharField(
        label="Trust name",
        required=False,
        max_length=200,
        help_text="Leave empty if the school is not part of a trust",
        error_messages={"max_length": "Trust name must be 200 characters or fewer"},
    )


class SchoolURNField(forms.IntegerField):
    """A school in the register, entered by its URN."""

    def __init__(
        self,
        *,
        missing: str = "Enter the school's URN",
        invalid: str = "Enter the URN using numbers only, like 100000",
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("label", "School URN")
        kwargs.setdefault("help_text", "The school's 6-digit unique reference number")
        super().__init__(**kwargs)
        self.error_messages = {
            "required": missing,
            "invalid": invalid,
        }

    def clean(self, value: Any) -> School | None:  # type: ignore[override]
        urn = super().clean(value)
        if urn is None:
            return None
        school = School.objects.filter(urn=urn).first()
        if school is None:
            raise ValidationError(f"There is no school with URN {urn} in the register")
        return school
