"""Input validation for the reviewer register; messages in the GOV.UK style."""

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from collegium.clusters.models import Cluster
from collegium.fields import WindowDateField
from collegium.people.dates import academic_year_label, current_academic_year, today
from collegium.people.models import SUBJECTS, Role, TrainingRecord
from collegium.people.services.capacity import DAYS_MESSAGE, MAX_DAYS, MIN_DAYS
from collegium.people.services.roles import scope_problem
from collegium.schools.forms import SchoolURNField
from collegium.schools.models import Phase

PHASE_CHOICES = [(p.value, p.label) for p in Phase if p != Phase.NOT_APPLICABLE]


def date_field(label: str, name: str, **kwargs: Any) -> forms.DateField:
    return WindowDateField(
        label=label,
        error_messages={"required": f"Enter {name}", "invalid": f"Enter {name} as a real date"},
        **kwargs,
    )


def _not_in_future(day: date | None, message: str) -> date | None:
    if day is not None and day > today():
        raise ValidationError(message)
    return day


class ProfileForm(forms.Form):
    home_school = SchoolURNField(
        label="Home school URN",
        missing="Enter the URN of the school that employs the reviewer",
        help_text="The 6-digit unique reference number of the school that employs the reviewer",
    )
    job_title = forms.CharField(
        max_length=100,
        error_messages={
            "required": "Enter the job title",
            "max_length": "Job title must be 100 characters or fewer",
        },
    )
    phases = forms.MultipleChoiceField(
        label="Phases they know well",
        choices=PHASE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one phase"},
    )
    subjects = forms.MultipleChoiceField(
        label="Subject expertise",
        required=False,
        choices=[(s, s) for s in SUBJECTS],
        widget=forms.CheckboxSelectMultiple,
    )
    years_in_senior_leadership = forms.IntegerField(
        label="Years in senior leadership",
        min_value=0,
        max_value=60,
        error_messages={
            "required": "Enter the years in senior leadership",
            "invalid": "Years in senior leadership must be a whole number, like 5",
            "min_value": "Years in senior leadership must be 0 or more",
            "max_value": "Years in senior leadership must be 60 or fewer",
        },
    )


class TrainingForm(forms.Form):
    kind = forms.ChoiceField(
        label="Type of training",
        choices=TrainingRecord.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the type of training"},
    )
    title = forms.CharField(
        max_length=200,
        help_text="The module's name, or the review that was shadowed",
        error_messages={
            "required": "Enter the title",
            "max_length": "Title must be 200 characters or fewer",
        },
    )
    provider = forms.CharField(
        max_length=200,
        error_messages={
            "required": "Enter the provider",
            "max_length": "Provider must be 200 characters or fewer",
        },
    )
    completed_on = date_field("Date completed", "the date completed")

    def clean_completed_on(self) -> date | None:
        message = "The date completed must be today or in the past"
        return _not_in_future(self.cleaned_data.get("completed_on"), message)


class WeeksForm(forms.Form):
    weeks = forms.MultipleChoiceField(
        label="Weeks they are available for reviews",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select every week they could spend on a review. Unselect a week to remove it.",
    )

    def __init__(self, *args: Any, offered: list[date], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        weeks = self.fields["weeks"]
        assert isinstance(weeks, forms.MultipleChoiceField)
        weeks.choices = [
            (week.isoformat(), f"Week starting Monday {week:%-d %B %Y}") for week in offered
        ]

    def clean_weeks(self) -> list[date]:
        return [date.fromisoformat(week) for week in self.cleaned_data["weeks"]]


class BlackoutForm(forms.Form):
    starts_on = date_field("First day", "the first day")
    ends_on = date_field("Last day", "the last day")
    reason = forms.CharField(
        label="Reason (optional)",
        required=False,
        max_length=200,
        error_messages={"max_length": "Reason must be 200 characters or fewer"},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "The last day must be the same as or after the first day")
        return data


class ConflictForm(forms.Form):
    school = SchoolURNField(missing="Enter the URN of the school they have a conflict with")
    reason = forms.CharField(
        label="Why there is a conflict of interest",
        widget=forms.Textarea,
        error_messages={"required": "Enter why there is a conflict of interest"},
    )


class EmploymentForm(forms.Form):
    school = SchoolURNField(missing="Enter the URN of the school they worked at")
    left_on = date_field("Date they left", "the date they left")

    def clean_left_on(self) -> date | None:
        message = "The date they left must be today or in the past"
        return _not_in_future(self.cleaned_data.get("left_on"), message)


class PastReviewForm(forms.Form):
    school = SchoolURNField(missing="Enter the URN of the school reviewed")
    reviewed_on = date_field("Date of the review", "the date of the review")
    as_lead = forms.BooleanField(label="They led the review", required=False)

    def clean_reviewed_on(self) -> date | None:
        message = "The date of the review must be today or in the past"
        return _not_in_future(self.cleaned_data.get("reviewed_on"), message)


class GrantAccreditationForm(forms.Form):
    granted_on = date_field("Date granted", "the date granted", initial=today)
    expires_on = date_field("Expiry date", "the expiry date")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        granted, expires = data.get("granted_on"), data.get("expires_on")
        if granted and expires and expires <= granted:
            self.add_error("expires_on", "The expiry date must be after the date granted")
        return data


class RevokeAccreditationForm(forms.Form):
    reason = forms.CharField(
        label="Reason for revoking",
        widget=forms.Textarea,
        help_text="The reviewer can read this in their register entry",
        error_messages={"required": "Enter the reason for revoking the accreditation"},
    )


class ApproveDaysForm(forms.Form):
    academic_year = forms.TypedChoiceField(
        label="Academic year",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the academic year"},
    )
    days = forms.IntegerField(
        label="Days approved",
        min_value=MIN_DAYS,
        max_value=MAX_DAYS,
        help_text="Whole days in the academic year, from 1 to 60",
        error_messages={
            key: DAYS_MESSAGE for key in ("required", "invalid", "min_value", "max_value")
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        year = current_academic_year()
        years = self.fields["academic_year"]
        assert isinstance(years, forms.TypedChoiceField)
        years.choices = [(y, academic_year_label(y)) for y in (year, year + 1)]


class AddPersonForm(forms.Form):
    full_name = forms.CharField(
        max_length=200,
        error_messages={
            "required": "Enter their full name",
            "max_length": "Full name must be 200 characters or fewer",
        },
    )
    email = forms.EmailField(
        label="Email address",
        error_messages={
            "required": "Enter their email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )


class GrantRoleForm(forms.Form):
    role = forms.ChoiceField(
        choices=[("", "Choose a role"), *Role.choices],
        error_messages={"required": "Select a role"},
    )
    school = SchoolURNField(
        label="School URN",
        required=False,
        help_text="For a school leader or governor only",
    )
    cluster = forms.ModelChoiceField(
        queryset=Cluster.objects.all(),
        required=False,
        empty_label="No cluster",
        help_text="For a cluster coordinator only",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("role") and "school" not in self.errors:
            problem = scope_problem(data["role"], data.get("school"), data.get("cluster"))
            if problem:
                self.add_error(*problem)
        return data


class ReviewerFilterForm(forms.Form):
    phase = forms.ChoiceField(
        label="Phase",
        required=False,
        choices=[("", "All phases"), *PHASE_CHOICES],
        error_messages={"invalid_choice": "Select a phase from the list"},
    )
    lead = forms.ChoiceField(
        label="Lead reviewers",
        required=False,
        choices=[
            ("", "All reviewers"),
            ("yes", "Lead reviewers only"),
            ("no", "Not lead reviewers"),
        ],
        error_messages={"invalid_choice": "Select who to show from the list"},
    )


class PeopleSearchForm(forms.Form):
    q = forms.CharField(label="Name or email address", required=False, max_length=200)
