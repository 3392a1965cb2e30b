"""Input validation for the framework builder; messages in the GOV.UK style."""

from typing import Any

from django import forms
from django.core.validators import RegexValidator

from collegium import fields
from collegium.frameworks.models import FrameworkVersion, LevelDescriptor, Strand

CODE = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
    "Code must be letters, digits, dots, hyphens or underscores, like LG2",
)
SLUG = RegexValidator(
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
    "Short name must be lower-case letters and digits joined by hyphens, like peer-estimate",
)


def long_text(label: str, help_text: str = "") -> forms.Field:
    return forms.CharField(label=label, required=False, widget=forms.Textarea, help_text=help_text)


class FrameworkForm(forms.Form):
    name = fields.text("Name", what="the framework's name", max_length=200)
    slug = fields.text(
        "Short name",
        what="the short name",
        max_length=80,
        validators=[SLUG],
        help_text="Used in web addresses and file names: lower-case letters, digits and "
        "hyphens, like peer-estimate. It cannot be changed later.",
    )
    description = long_text("Description", "What the framework is for and how it is used")


class VersionForm(forms.Form):
    notes = long_text("What will change in this version", "Shown to everyone who reads it")


class ImportForm(forms.Form):
    """A versioned document's file or pasted text, read as UTF-8 with its format if it shows.

    Safeguarding's and voice's import forms subclass it with their own `text` and `document`.
    """

    document = "framework"  # as in "paste the framework's text"
    file = forms.FileField(
        label="Upload a file",
        required=False,
        help_text="A .yaml or .json file exported from Collegium or written in the same format",
    )
    text = long_text("Or paste the framework's YAML or JSON")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        upload = data.get("file")
        if upload is not None:
            if upload.size > 1_000_000:
                raise forms.ValidationError("The file must be smaller than 1 MB")
            try:
                data["text"] = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError as error:
                raise forms.ValidationError("The file must be UTF-8 text") from error
            data["format"] = "json" if upload.name.lower().endswith(".json") else None
        elif not (data.get("text") or "").strip():
            raise forms.ValidationError(f"Choose a file or paste the {self.document}'s text")
        else:
            data["format"] = None
        return data


class LevelForm(forms.Form):
    label = fields.text(
        "Label", what="the level's label", max_length=80, help_text="For example, Effective"
    )
    description = long_text("Description", "What this level means across the framework")


def seen_field() -> forms.Field:
    """The revision the form was built from, so a change made meanwhile is noticed."""
    return forms.CharField(required=False, widget=forms.HiddenInput)


class EditLevelForm(LevelForm):
    seen = seen_field()


class AreaForm(forms.Form):
    code = fields.text(
        "Code",
        what="the area's code",
        max_length=20,
        validators=[CODE],
        help_text="For example, LG",
    )
    title = fields.text("Title", what="the area's title", max_length=200)
    description = long_text("Description")


class StrandForm(forms.Form):
    code = fields.text(
        "Code",
        what="the strand's code",
        max_length=20,
        validators=[CODE],
        help_text="Unique in this version, for example LG2",
    )
    title = fields.text("Title", what="the strand's title", max_length=200)
    description = long_text("Description")
    enquiry_question = long_text(
        "Enquiry question", "The question reviewers explore, starting “To what extent…”"
    )
    met_or_not_met = forms.BooleanField(
        label="Judged met or not met, not on the scale (for example, safeguarding)",
        required=False,
    )


class EditAreaForm(AreaForm):
    seen = seen_field()


class EditStrandForm(StrandForm):
    seen = seen_field()


class DescriptorsForm(forms.Form):
    """One text box for each level the strand is judged on; an empty box removes the text."""

    seen = seen_field()

    def __init__(self, data: Any, strand: Strand, labels: dict[int, str], seen: str) -> None:
        super().__init__(data, initial={"seen": seen})
        existing = {d.level: d.text for d in LevelDescriptor.objects.filter(strand=strand)}
        for level, label in labels.items():
            self.fields[f"level_{level}"] = forms.CharField(
                label=label, required=False, widget=forms.Textarea, initial=existing.get(level)
            )
        self.levels = list(labels)

    def texts(self) -> dict[int, str]:
        return {level: self.cleaned_data[f"level_{level}"] for level in self.levels}


def version_choices(versions: list[FrameworkVersion]) -> list[tuple[str, str]]:
    return [("", "Choose a framework")] + [(str(v.pk), str(v)) for v in versions]


class CrosswalkForm(forms.Form):
    """Which two published versions to map between (read from the address)."""

    one = fields.choice("Framework", [], what="a framework", coerce=int)
    other = fields.choice("Mapped to framework", [], what="a framework", coerce=int)

    def __init__(self, data: Any, versions: list[FrameworkVersion]) -> None:
        super().__init__(data)
        self.versions = {v.pk: v for v in versions}
        for name in ("one", "other"):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = version_choices(versions)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        one, other = self.versions.get(data.get("one", 0)), self.versions.get(data.get("other", 0))
        if one and other and one.framework_id == other.framework_id:
            raise forms.ValidationError("Choose two different frameworks")
        data["one"], data["other"] = one, other
        return data


class MappingForm(forms.Form):
    from_strand = fields.choice("Strand", [], what="a strand", coerce=int)
    to_strand = fields.choice("Maps to strand", [], what="a strand", coerce=int)

    def __init__(self, data: Any, one: list[Strand], other: list[Strand]) -> None:
        super().__init__(data)
        self.strands = {s.pk: s for s in [*one, *other]}
        for name, strands in (("from_strand", one), ("to_strand", other)):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [("", "Choose a strand")] + [(s.pk, str(s)) for s in strands]

    def strand(self, name: str) -> Strand:
        return self.strands[self.cleaned_data[name]]
