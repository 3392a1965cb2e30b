import re
from typing import Any

from django import forms
from django.core.validators import validate_email

from collegium import fields
from collegium.reports.models import AccuracyComment, Report

_SEPARATORS = re.compile(r"[\s,;]+")


class DraftForm(forms.Form):
    developmental_report = forms.CharField(
        label="Developmental report",
        help_text="Confidential: for the school and the people it chooses to share it with.",
        widget=forms.Textarea,
        required=False,
    )
    summary = forms.CharField(
        label="Public summary",
        help_text="A short summary the school agrees, published once the report is final. "
        "Changing it after the school has agreed it means asking the school to agree it again.",
        widget=forms.Textarea,
        required=False,
    )
    revision = forms.IntegerField(widget=forms.HiddenInput)


class PointForm(forms.Form):
    text = forms.CharField(
        label="A factual error in the report",
        help_text="One point at a time: what the report says and what it should say, for "
        "example “418 pupils on roll, not 405”.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        # Not the standard message: a long point is better split than cut.
        error_messages={
            "required": "Enter the point the report gets wrong",
            "max_length": "The point must be 2,000 characters or fewer: split it into two",
        },
    )


class AccuracyCheckForm(forms.Form):
    agree_summary = forms.BooleanField(
        label="We agree the public summary as it is written", required=False
    )
    revision = forms.IntegerField(widget=forms.HiddenInput)  # the report as the school read it


class AnswerForm(forms.Form):
    """The lead's answer to one point: corrected, with the report's words before and after, or
    not corrected, with the reason."""

    outcome = fields.choice(
        "Is the report corrected?",
        AccuracyComment.Outcome.choices,
        what="whether the report is corrected",
        widget=forms.RadioSelect,
    )
    corrected_from = forms.CharField(
        label="What the report said",
        help_text="The words the school read.",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    corrected_to = forms.CharField(
        label="What the report says now",
        help_text="Copy the corrected words from the report.",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    reason = forms.CharField(
        label="Why the report is not corrected",
        help_text="The school reads this.",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("outcome") == AccuracyComment.Outcome.CORRECTED:
            if not data.get("corrected_from", "").strip():
                self.add_error("corrected_from", "Enter what the report said")
            if not data.get("corrected_to", "").strip():
                self.add_error("corrected_to", "Enter what the report says now")
        elif data.get("outcome") and not data.get("reason", "").strip():
            self.add_error("reason", "Explain why the report is not corrected")
        return data

    @property
    def answer(self) -> str:
        """The answer as the service takes it: the new words, or the reason."""
        data = self.cleaned_data
        corrected = data["outcome"] == AccuracyComment.Outcome.CORRECTED
        answer: str = data["corrected_to"] if corrected else data["reason"]
        return answer


class ShareForm(forms.Form):
    audiences = forms.MultipleChoiceField(
        label="Groups who may read the report",
        choices=Report.Audience.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    readers = forms.CharField(
        label="People who may read the report",
        help_text="Their email addresses, one a line. They must have an account in the service. "
        "Remove an address to stop that person reading the report.",
        widget=forms.Textarea,
        required=False,
    )

    def clean_readers(self) -> list[str]:
        emails = [word for word in _SEPARATORS.split(self.cleaned_data["readers"]) if word]
        for email in emails:
            try:
                validate_email(email)
            except forms.ValidationError:
                raise forms.ValidationError(
                    f"Enter each email address in the correct format, like name@example.org – "
                    f"“{email}” is not one"
                ) from None
        return list(dict.fromkeys(email.lower() for email in emails))
