from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from collegium import fields
from collegium.schools.models import Phase, School


class SchoolSearchForm(forms.Form):
    q = fields.text(
        "School name, URN, town or local authority",
        what="the search words",
        max_length=200,
        required=False,
    )
    phase = fields.choice(
        "Phase", [("", "All phases"), *Phase.choices], what="a phase", required=False
    )
    la = fields.choice(
        "Local authority",
        [],
        what="a local authority",
        required=False,
        coerce=int,
        empty_value=None,
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
    trust_name = fields.text(
        "Trust name",
        what="the trust name",
        max_length=200,
        required=False,
        help_text="Leave empty if the school is not part of a trust",
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
        kwargs.setdefault(
            "help_text",
            "The school's unique reference number (URN), usually 6 digits, like 100000: it is on "
            "the school's page under Schools, and on Get Information about Schools",
        )
        super().__init__(**kwargs)
        self.error_messages = {
            "required": missing,
            "invalid": invalid,
        }

    def clean(self, value: Any) -> School | None:
        urn = super().clean(value)
        if urn is None:
            return None
        school = School.objects.filter(urn=urn).first()
        if school is None:
            raise ValidationError(f"There is no school with URN {urn} in the register")
        return school
