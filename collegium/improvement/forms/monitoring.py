"""Input validation for check-ins, measure readings and the outcome of a previous priority."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from collegium.fields import WindowDateField
from collegium.improvement.models import ActionPlan, Milestone


class CheckInForm(forms.Form):
    status = forms.ChoiceField(
        label="Where does the milestone stand?",
        choices=Milestone.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the milestone's status"},
    )
    evidence = forms.CharField(
        label="Evidence",
        help_text="What shows this: what has been done, seen or measured, and by whom",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the evidence for this status"},
    )


class ReadingForm(forms.Form):
    taken_on = WindowDateField(
        label="Date of the reading",
        error_messages={
            "required": "Enter the date of the reading",
            "invalid": "Enter the date of the reading as a real date",
        },
    )
    value = forms.CharField(
        label="Reading",
        max_length=100,
        help_text="For example, “78% of pupils agreed” or “seen in 9 of 12 lessons”",
        error_messages={
            "required": "Enter the reading",
            "max_length": "The reading must be 100 characters or fewer",
        },
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        help_text="How it was measured, or anything that affects the reading",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_taken_on(self) -> date:
        taken_on: date = self.cleaned_data["taken_on"]
        if taken_on > timezone.localdate():
            raise ValidationError("The date of the reading must be today or in the past")
        return taken_on


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Was the previous priority achieved?",
        choices=ActionPlan.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the priority was achieved"},
    )
    note = forms.CharField(
        label="What the review team found",
        help_text="The evidence for the outcome, as the school's governors will read it",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter what the review team found about the priority"},
    )
