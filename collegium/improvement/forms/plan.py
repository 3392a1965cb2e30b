"""Input for the improvement workshop and the action plan: validation only, in users' words.
The services check the rules again (due dates, owners, strands) and say why they refuse."""

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms

from collegium.accounts.models import User
from collegium.fields import choice, date_field, model_choice, text, time_field
from collegium.frameworks.models import Strand
from collegium.improvement.models import SuccessMeasure
from collegium.improvement.selectors.figures import figure_choices

LONG_TEXT = 5000  # characters of a description, a record or notes
DAYS_WANTED = "Days wanted must be a number between 0.5 and 60, like 2 or 1.5"


def _text(label: str, what: str, long: bool = True, **kwargs: Any) -> forms.CharField:
    """Text in users' words: "Enter what the action is"; a long one in a box of three rows."""
    widget = forms.Textarea(attrs={"rows": 3}) if long else forms.TextInput
    kwargs.setdefault("max_length", LONG_TEXT if long else 200)
    return text(label, what=what, widget=widget, **kwargs)


def _optional(label: str, what: str, long: bool = False, **kwargs: Any) -> forms.CharField:
    return _text(label, what, long, required=False, **kwargs)


def _people(label: str, choices: list[tuple[int, str]], help_text: str) -> forms.Field:
    """Several people ticked from a list (collegium/fields.py has no helper for several)."""
    return forms.TypedMultipleChoiceField(
        label=label,
        choices=choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
        error_messages={"invalid_choice": "Choose people from the list"},
    )


def _strand_field(
    label: str, strands: list[Strand], required: bool
) -> forms.ModelChoiceField[Strand]:
    return model_choice(
        label,
        Strand.objects.filter(pk__in=[s.pk for s in strands]).select_related("area"),
        what="the strand",
        required=required,
        empty_label="Choose a strand",
    )


class ScheduleWorkshopForm(forms.Form):
    held_on = date_field(
        "Date of the workshop",
        what="the date of the workshop",
        help_text="A school day in term time, today or later",
    )
    starts_at = time_field(
        "Start time", what="the start time", help_text="For example, 15:30 or 3:30pm"
    )
    ends_at = time_field("End time", what="the end time", help_text="For example, 17:00 or 5pm")
    location = _text("Where it will be held", "where the workshop will be held", False)
    attendees = forms.Field()  # replaced in __init__ with the people connected to the review
    other_attendees = _optional(
        "Other attendees (optional)",
        "the other attendees",
        True,
        help_text="Names and roles, one per line",
    )

    def __init__(self, data: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.fields["attendees"] = _people(
            "Who to invite", choices, "Each person chosen gets an email invitation"
        )
        self.order_fields(
            ["held_on", "starts_at", "ends_at", "location", "attendees", "other_attendees"]
        )

    def clean_held_on(self) -> date:
        held_on: date = self.cleaned_data["held_on"]
        if held_on < date.today():
            raise forms.ValidationError("The date of the workshop must be today or later")
        return held_on

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts is not None and ends is not None and ends <= starts:
            self.add_error("ends_at", "The end time must be after the start time")
        return data


class RecordWorkshopForm(forms.Form):
    attended = forms.Field()
    other_attendees = _optional(
        "Others who attended (optional)",
        "the others who attended",
        True,
        help_text="Names and roles, one per line",
    )
    scrutiny = _text(
        "How the workshop scrutinised the agreed priority",
        "how the workshop scrutinised the priority",
        help_text="What was asked about the priority, and what the school and team concluded",
    )
    notes = _optional("Notes (optional)", "the notes", True)

    def __init__(self, data: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.fields["attended"] = _people("Who attended", choices, "")
        self.order_fields(["attended", "other_attendees", "scrutiny", "notes"])


class ActionForm(forms.Form):
    """An action with its owner; when adding, also its first milestone."""

    description = _text("What will the school do?", "what the action is")
    owner = model_choice(
        "Who owns the action",
        User.objects.none(),
        what="the action's owner",
        empty_label="Choose a school leader",
    )
    milestone = _text("First milestone", "the action's first milestone", False, max_length=300)
    due_on = date_field(
        "When the first milestone is due", what="the due date", help_text="A date in the future"
    )

    def __init__(self, data: Any, leaders: Any, adding: bool = True, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = leaders
        if not adding:
            del self.fields["milestone"], self.fields["due_on"]


class MilestoneForm(forms.Form):
    description = _text("Milestone", "the milestone", False, max_length=300)
    due_on = date_field("Due date", what="the due date", help_text="A date in the future")


class MeasureForm(forms.Form):
    kind = choice(
        "What kind of measure is it?",
        SuccessMeasure.Kind.choices,
        what="what kind of measure it is",
        widget=forms.RadioSelect,
    )
    strand = forms.Field(required=False)
    context_figure = choice(
        "Which figure? (for a context data measure)",
        [("", "Choose a figure"), *figure_choices()],
        what="the figure from the school's context data",
        required=False,
        help_text="Only the figures published for schools like yours are listed",
    )
    description = _text(
        "Describe the measure",
        "a description of the success measure",
        help_text="What you will look at, and how you will know the priority is met",
    )
    baseline = _optional(
        "Where the school is now (optional)", "where the school is now", max_length=100
    )
    target = _optional("Target (optional)", "the target", max_length=100)

    def __init__(
        self,
        data: Any,
        strands: list[Strand],
        figures: list[tuple[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        """`figures`: the context figures that fit the school (all of them if not given); a
        measure being changed keeps its own figure even if it no longer fits."""
        super().__init__(data, **kwargs)
        label = "Which strand? (for a framework strand measure)"
        self.fields["strand"] = _strand_field(label, strands, False)
        if figures is not None:
            current = self.initial.get("context_figure")
            offered = [key for key, _ in figures]
            kept = [(k, v) for k, v in figure_choices() if k == current and k not in offered]
            figure = self.fields["context_figure"]
            assert isinstance(figure, forms.ChoiceField)
            figure.choices = [("", "Choose a figure"), *figures, *kept]
        self.order_fields(["kind", "strand", "context_figure", "description", "baseline", "target"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        if kind == SuccessMeasure.Kind.STRAND and not data.get("strand"):
            self.add_error("strand", "Choose the strand this measure follows")
        if kind == SuccessMeasure.Kind.CONTEXT and not data.get("context_figure"):
            self.add_error("context_figure", "Choose the figure from the school's context data")
        return data


class NeedForm(forms.Form):
    strand = forms.Field()
    description = _text(
        "What support does the school need?", "a description of the support the school needs"
    )
    days_wanted = forms.DecimalField(  # a decimal: collegium/fields.py has no helper for one
        label="Days of support wanted (optional)",
        required=False,
        min_value=Decimal("0.5"),
        max_value=60,
        decimal_places=1,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text="For example 2 or 1.5",
        error_messages=dict.fromkeys(
            ("invalid", "min_value", "max_value", "max_digits"), DAYS_WANTED
        )
        | {"max_decimal_places": "Days wanted can have at most one decimal place, like 1.5"},
    )

    def __init__(self, data: Any, strands: list[Strand], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.fields["strand"] = _strand_field("Strand the support is for", strands, True)
        self.order_fields(["strand", "description", "days_wanted"])
