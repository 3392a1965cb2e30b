from datetime import date
from typing import Any

from django import forms

from collegium import fields
from collegium.people.models import ReviewerProfile
from collegium.termdates.models import SchoolTerm


class LockForm(forms.Form):
    locked = fields.choice("Lock", [("yes", "Lock"), ("no", "Unlock")], what="lock or unlock")


class ReviewerChoice(forms.ModelChoiceField[ReviewerProfile]):
    """A reviewer labelled with their school (fields.model_choice cannot label its choices, so
    this field keeps its own messages)."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.user.full_name}, {obj.home_school.name}"


class SwapForm(forms.Form):
    reviewer = ReviewerChoice(
        queryset=ReviewerProfile.objects.none(),
        label="Reviewer to take this place",
        help_text="Reviewers whose school has approved review days this academic year",
        empty_label="Choose a reviewer",
        error_messages={
            "required": "Choose the reviewer to take this place",
            "invalid_choice": "Choose a reviewer from the list",
        },
    )

    def __init__(self, *args: Any, choices: list[ReviewerProfile], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["reviewer"]
        assert isinstance(field, ReviewerChoice)
        chosen = ReviewerProfile.objects.filter(pk__in=[c.pk for c in choices])
        field.queryset = chosen.select_related("user", "home_school").order_by("user__full_name")


class NetworkRunForm(forms.Form):
    """A network-wide run: the term, and which reviews (the choices the person may start)."""

    term = fields.model_choice(
        "Term", SchoolTerm.objects.none(), what="the term", empty_label="Choose a term"
    )
    reviews = fields.choice(
        "Reviews to allocate", [], what="which reviews to allocate", widget=forms.RadioSelect
    )

    def __init__(
        self, *args: Any, terms: Any, choices: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        term = self.fields["term"]
        assert isinstance(term, forms.ModelChoiceField)
        term.queryset = terms
        reviews = self.fields["reviews"]
        assert isinstance(reviews, forms.ChoiceField)
        reviews.choices = choices
        if len(choices) == 1:
            reviews.initial = choices[0][0]


def _several(label: str, help_text: str = "") -> forms.MultipleChoiceField:
    # fields.py has no helper for a choice of several; none of these is required.
    return forms.MultipleChoiceField(
        label=label,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
        error_messages={"invalid_choice": "Select only from the choices shown"},
    )


class PreferencesForm(forms.Form):
    """What a reviewer would like from the allocation; every answer is optional."""

    phases = _several("Phases you would like to review")
    strands = _several(
        "Areas you know well",
        "The framework strands you could judge with confidence. Reviews whose focus is on "
        "them are matched to you first.",
    )
    preferred_weeks = _several("Weeks you would prefer")
    avoided_weeks = _several(
        "Weeks to avoid", "You are placed in these weeks only if nobody else can go."
    )
    max_km = fields.whole_number(
        "Furthest you will travel, in kilometres (optional)",
        what="the furthest you will travel",
        min_value=1,
        max_value=500,
        required=False,
        help_text="In a straight line from your school. Leave it empty if distance does not "
        "matter to you.",
    )

    def __init__(
        self, *args: Any, phases: Any, strands: list[str], weeks: list[date], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        week_choices = [(w.isoformat(), f"Week starting Monday {w:%-d %B %Y}") for w in weeks]
        for name, choices in (
            ("phases", list(phases)),
            ("strands", [(s, s) for s in strands]),
            ("preferred_weeks", week_choices),
            ("avoided_weeks", week_choices),
        ):
            field = self.fields[name]
            assert isinstance(field, forms.MultipleChoiceField)
            field.choices = choices

    def clean_preferred_weeks(self) -> list[date]:
        return [date.fromisoformat(w) for w in self.cleaned_data["preferred_weeks"]]

    def clean_avoided_weeks(self) -> list[date]:
        return [date.fromisoformat(w) for w in self.cleaned_data["avoided_weeks"]]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        both = sorted(set(data.get("preferred_weeks", [])) & set(data.get("avoided_weeks", [])))
        if both:
            self.add_error(
                "avoided_weeks",
                f"A week cannot be both preferred and avoided: the week starting "
                f"{both[0]:%-d %B %Y}",
            )
        return data


class DeclineForm(forms.Form):
    reason = fields.text(
        "Why you cannot take the place (optional)",
        what="why you cannot take the place",
        max_length=1000,
        required=False,
        widget=forms.Textarea,
        help_text="The coordinator sees this. You do not have to give a reason.",
    )
