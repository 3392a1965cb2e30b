import re

from django import forms
from django.core.validators import validate_email

from collegium.reports.models import Report

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


class AccuracyCheckForm(forms.Form):
    comments = forms.CharField(
        label="Comments on factual accuracy",
        help_text="Say what is factually wrong and what it should say. Leave this empty if the "
        "report is factually accurate.",
        widget=forms.Textarea,
        required=False,
    )
    agree_summary = forms.BooleanField(
        label="We agree the public summary as it is written", required=False
    )
    revision = forms.IntegerField(widget=forms.HiddenInput)  # the report as the school read it


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
