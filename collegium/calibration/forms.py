from typing import Any

from django import forms

from collegium import fields
from collegium.calibration.models import CalibrationPack, PackItem
from collegium.frameworks.levels import scale_labels, strand_levels
from collegium.frameworks.models import FrameworkVersion, Strand
from collegium.people.models import ReviewerProfile

EVIDENCE_LIMIT = 20_000  # as long as a review's evidence note
ANONYMISE = (
    "Remove the names of schools, staff and pupils, and anything else that would identify them"
)


class PackForm(forms.Form):
    title = fields.text("Title", what="a title for the exercise", max_length=200)
    framework_version = fields.model_choice(
        "Framework",
        FrameworkVersion.objects.filter(
            status=FrameworkVersion.Status.PUBLISHED, scale_levels__isnull=False
        )
        .distinct()
        .select_related("framework"),
        what="a framework",
        empty_label="Choose a framework",
        help_text="Only frameworks with levels can be calibrated",
    )


def _initial(item: PackItem | None) -> dict[str, Any] | None:
    if item is None:
        return None
    return {
        "strand": item.strand_id,
        "evidence": item.evidence,
        "reference_level": item.reference_level,
    }


class ItemForm(forms.Form):
    strand = fields.choice("Strand", [], what="a strand", coerce=int)
    evidence = fields.text(
        "Anonymised evidence",
        what="the anonymised evidence",
        max_length=EVIDENCE_LIMIT,
        help_text=ANONYMISE,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    reference_level = forms.TypedChoiceField(
        label="Reference level",
        coerce=int,
        empty_value=None,
        required=False,
        help_text="The level the evidence shows. For a met or not met strand choose Met or Not met",
    )

    def __init__(self, data: Any, pack: CalibrationPack, item: PackItem | None = None) -> None:
        super().__init__(data, initial=_initial(item))
        version = pack.framework_version
        self.strands = {
            s.pk: s for s in Strand.objects.filter(area__version=version).select_related("area")
        }
        strand_field = self.fields["strand"]
        assert isinstance(strand_field, forms.ChoiceField)
        strand_field.choices = [("", "Choose a strand")] + [
            (s.pk, f"{s.code}: {s.title}") for s in self.strands.values()
        ]
        met = {1: " (or Met)", 2: " (or Not met)"}
        levels = version.scale_levels.values_list("position", "label")
        level_field = self.fields["reference_level"]
        assert isinstance(level_field, forms.TypedChoiceField)
        level_field.choices = [("", "Not chosen yet")] + [
            (pos, f"{label}{met.get(pos, '')}") for pos, label in levels
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        strand = self.strands.get(data.get("strand") or 0)
        if "strand" in data and strand is None:
            self.add_error("strand", "Choose a strand")
        data["strand"] = strand
        return data


class InviteForm(forms.Form):
    # Kept: fields.py has no helper for a choice of several records.
    reviewers = forms.ModelMultipleChoiceField(
        label="Reviewers to invite",
        queryset=ReviewerProfile.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one reviewer to invite"},
    )

    def __init__(self, data: Any, pack: CalibrationPack) -> None:
        super().__init__(data)
        field = self.fields["reviewers"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = (
            ReviewerProfile.objects.exclude(calibration_invitations__pack=pack)
            .filter(user__is_active=True)
            .select_related("user", "home_school")
        )


class SessionForm(forms.Form):
    session_on = fields.date_field("Date", what="the date of the session")
    session_starts_at = fields.time_field("Start time", what="the start time")
    session_ends_at = fields.time_field("End time", what="the end time")
    session_place = fields.text(
        "Where",
        what="where the session is",
        max_length=300,
        required=False,
        help_text="A room and its address, or a link to an online meeting",
    )
    grades_due_on = fields.date_field(
        "Grades due by",
        what="the date grades are due",
        required=False,
        help_text="Optional. Reviewers see it on their home page and in their calendar",
    )

    def __init__(self, data: Any, pack: CalibrationPack) -> None:
        initial = {name: getattr(pack, name) for name in self.base_fields}
        super().__init__(data, initial=initial)


class GradesForm(forms.Form):
    """A radio group per item, on the strand's levels."""

    def __init__(self, data: Any, pack: CalibrationPack, items: list[PackItem]) -> None:
        super().__init__(data)
        self.items = items
        labels = scale_labels(pack.framework_version)
        for number, item in enumerate(items, start=1):
            self.fields[f"level_{item.pk}"] = fields.choice(
                f"Item {number}: {item.strand.code} {item.strand.title}",
                list(strand_levels(item.strand, labels).items()),
                what=f"a level for item {number}",
                widget=forms.RadioSelect,
                coerce=int,
            )

    def levels(self) -> dict[int, int]:
        return {item.pk: self.cleaned_data[f"level_{item.pk}"] for item in self.items}
