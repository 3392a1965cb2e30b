"""Input validation for check-ins, measure readings and the outcome of a previous priority."""

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from collegium.fields import choice, date_field, text
from collegium.improvement.models import ActionPlan, Milestone

LONG_TEXT = 5000  # characters of evidence, a note or what the team found


def _long(label: str, what: str, rows: int, **kwargs: Any) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows})
    return text(label, what=what, max_length=LONG_TEXT, widget=widget, **kwargs)


class CheckInForm(forms.Form):
    status = choice(
        "Where does the milestone stand?",
        Milestone.Status.choices,
        what="the milestone's status",
        widget=forms.RadioSelect,
    )
    evidence = _long(
        "Evidence",
        "the evidence for this status",
        5,
        help_text="What shows this: what has been done, seen or measured, and by whom",
    )


class ReadingForm(forms.Form):
    taken_on = date_field("Date of the reading", what="the date of the reading")
    value = text(
        "Reading",
        what="the reading",
        max_length=100,
        help_text="For example, “78% of pupils agreed” or “seen in 9 of 12 lessons”",
    )
    note = _long(
        "Note (optional)",
        "the note",
        3,
        required=False,
        help_text="How it was measured, or anything that affects the reading",
    )

    def clean_taken_on(self) -> date:
        taken_on: date = self.cleaned_data["taken_on"]
        if taken_on > timezone.localdate():
            raise ValidationError("The date of the reading must be today or in the past")
        return taken_on


class OutcomeForm(forms.Form):
    outcome = choice(
        "Was the previous priority achieved?",
        ActionPlan.Outcome.choices,
        what="whether the priority was achieved",
        widget=forms.RadioSelect,
    )
    note = _long(
        "What the review team found",
        "what the review team found about the priority",
        5,
        help_text="The evidence for the outcome, as the school's governors will read it",
    )
