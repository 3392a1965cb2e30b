"""Input for support between schools: validation only, in users' words. The services check
the rules again (one open request per need and school, answering once…) and say why they refuse."""

from decimal import Decimal
from typing import Any

from django import forms

from collegium.frameworks.models import FrameworkVersion, Strand
from collegium.schools.forms import SchoolURNField


def _days(label: str, name: str, required: bool = True, help_text: str = "") -> forms.Field:
    message = f"{name} must be a number between 0.5 and 60, like 2 or 1.5"
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=Decimal("0.5"),
        max_value=60,
        decimal_places=1,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text=help_text or "For example 2 or 1.5",
        error_messages={
            "required": f"Enter the {name.lower()}",
            "invalid": message,
            "min_value": message,
            "max_value": message,
            "max_digits": message,
            "max_decimal_places": f"{name} can have at most one decimal place, like 1.5",
        },
    )


def _text(label: str, required_message: str | None, rows: int = 4, **kwargs: Any) -> forms.Field:
    return forms.CharField(
        label=label,
        required=required_message is not None,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": required_message or ""},
        **kwargs,
    )


class RequestForm(forms.Form):
    school = SchoolURNField(
        label="URN of the school you are asking",
        missing="Enter the URN of the school you are asking for support",
    )
    message = _text(
        "Your message to the school's leaders",
        "Write a message saying what support you would like",
        help_text="Say what you would like to see or learn, and when would suit you",
    )


class AnswerForm(forms.Form):
    ACCEPT, DECLINE = "accept", "decline"
    answer = forms.ChoiceField(
        label="Can your school give this support?",
        choices=[(ACCEPT, "Yes, we accept"), (DECLINE, "No, we decline")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you accept or decline the request"},
    )
    days_agreed = _days(
        "Days of support you can give (if you accept)",
        "Days of support",
        required=False,
        help_text="For example 2 or 1.5. Needed if you accept.",
    )
    response = _text(
        "Your reply (if you decline, say why)",
        None,
        help_text="Needed if you decline. The school that asked will read it.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        answer = data.get("answer")
        days_missing = data.get("days_agreed") is None and "days_agreed" not in self.errors
        if answer == self.ACCEPT and days_missing:
            self.add_error("days_agreed", "Enter the days of support you can give")
        if answer == self.DECLINE and not data.get("response", "").strip():
            self.add_error("response", "Enter the reason you cannot give this support")
        return data


class SessionForm(forms.Form):
    given_on = forms.DateField(
        label="Date the support was given",
        widget=forms.DateInput,
        error_messages={
            "required": "Enter the date the support was given",
            "invalid": "Enter the date the support was given as a real date, like 2027-03-08",
        },
    )
    days = _days("Days of support given", "Days of support given")
    given_by = forms.CharField(
        label="Who gave it",
        max_length=300,
        help_text="Names and roles, like Jo Smith, deputy headteacher",
        error_messages={
            "required": "Enter who gave the support",
            "max_length": "Who gave it must be 300 characters or fewer",
        },
    )
    what = _text("What was done", "Describe the support given")


class OfferForm(forms.Form):
    strand = forms.TypedChoiceField(
        label="Strand you can help with",
        coerce=int,
        error_messages={
            "required": "Choose the strand you can help with",
            "invalid_choice": "Choose a strand from the list",
        },
    )
    description = _text("What you can offer", "Describe the support you can offer")
    days_available = _days(
        "Days available (optional)",
        "Days available",
        required=False,
        help_text="Days your school can give in a year, like 3 or 1.5",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["strand"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Choose a strand"), *strand_choices()]

    def clean_strand(self) -> Strand:
        return Strand.objects.select_related("area__version").get(pk=self.cleaned_data["strand"])


def strand_choices() -> list[tuple[int, str]]:
    """Strands of every published framework version, named with their framework."""
    strands = (
        Strand.objects.filter(area__version__status=FrameworkVersion.Status.PUBLISHED)
        .select_related("area__version__framework")
        .order_by(
            "area__version__framework__name",
            "-area__version__number",
            "area__position",
            "position",
        )
    )
    return [
        (s.pk, f"{s.area.version.framework.name} (version {s.area.version.number}): {s}")
        for s in strands
    ]
