import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from collegium import fields
from collegium.schools.models import Phase, School
from collegium.schools.uploads import MAX_BYTES, MAX_FILES, MAX_MB, MAX_TOTAL_BYTES, MAX_TOTAL_MB


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


POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")


class AddSchoolForm(forms.Form):
    """A school the DfE files do not have yet: a new or independent school, by its URN."""

    urn = forms.IntegerField(
        label="URN",
        min_value=100000,
        max_value=999999,
        help_text="The school's unique reference number: 6 digits, given by Get Information "
        "about Schools when the school is registered, even before it opens",
        error_messages={
            "required": "Enter the school's URN",
            "invalid": "Enter the URN using numbers only, like 150123",
            "min_value": "The URN must be 6 digits, like 150123",
            "max_value": "The URN must be 6 digits, like 150123",
        },
    )
    name = fields.text("School name", what="the school's name", max_length=200)
    phase = fields.choice("Phase", Phase.choices, what="the school's phase")
    school_type = fields.text(
        "Type of school",
        what="the type of school",
        max_length=100,
        help_text="As Get Information about Schools gives it, like Other independent school",
    )
    local_authority = fields.choice(
        "Local authority", [], what="the local authority", coerce=int, empty_value=None
    )
    town = fields.text("Town", what="the town", max_length=100)
    postcode = fields.text("Postcode", what="the postcode", max_length=10)

    def __init__(self, *args: Any, local_authorities: list[tuple[int, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["local_authority"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Choose the local authority"), *local_authorities]
        self.names = dict(local_authorities)

    def clean_postcode(self) -> str:
        postcode = " ".join(self.cleaned_data["postcode"].upper().split())
        if not POSTCODE.match(postcode):
            raise ValidationError("Enter a real postcode, like SW1A 1AA")
        return postcode

    def clean_local_authority(self) -> tuple[int, str]:
        code: int = self.cleaned_data["local_authority"]
        return code, self.names[code]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files chosen at once: a list of uploads."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        chosen = [item for item in (data or []) if item] if isinstance(data, list) else [data]
        chosen = [item for item in chosen if item]
        if not chosen and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        return [super(MultipleFileField, self).clean(item, initial) for item in chosen]


class RegisterUploadForm(forms.Form):
    """The DfE and Ofsted files for a refresh of the register (checked by the service)."""

    upload = MultipleFileField(
        label="Files (CSV)",
        error_messages={
            "required": "Choose the files to upload",
            "empty": "A chosen file is empty",
        },
    )
    allow_shrink = forms.BooleanField(
        label="The files really are smaller: import files with over 10% fewer rows than the "
        "last import read, or without a file it read",
        required=False,
    )

    def clean_upload(self) -> list[tuple[str, bytes]]:
        chosen = self.cleaned_data["upload"]
        # Checked before any file is read into memory.
        if len(chosen) > MAX_FILES:
            raise ValidationError(f"Choose {MAX_FILES} files or fewer")
        if sum(upload.size for upload in chosen) > MAX_TOTAL_BYTES:
            raise ValidationError(
                f"The files together are larger than {MAX_TOTAL_MB} MB: upload them in parts"
            )
        too_big = [upload.name for upload in chosen if upload.size > MAX_BYTES]
        if too_big:
            too_large = "is larger than {} MB: each file must be smaller"
            raise ValidationError([f"{name} {too_large.format(MAX_MB)}" for name in too_big])
        return [(str(upload.name), upload.read()) for upload in chosen]
