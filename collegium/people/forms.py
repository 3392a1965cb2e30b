"""Input validation for the reviewer register; messages in the GOV.UK style."""

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from collegium import fields
from collegium.clusters.models import Cluster
from collegium.people.dates import academic_year_label, current_academic_year, today
from collegium.people.models import SUBJECTS, Role, TrainingRecord
from collegium.people.services.capacity import DAYS_MESSAGE, MAX_DAYS, MIN_DAYS
from collegium.people.services.roles import scope_problem
from collegium.schools.forms import SchoolURNField
from collegium.schools.models import Phase
from collegium.schools.picker import SchoolPickerField

PHASE_CHOICES = [(p.value, p.label) for p in Phase if p != Phase.NOT_APPLICABLE]
LONG_TEXT = 20_000  # the longest free text, as for a review's evidence note


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
    job_title = fields.text("Job title", what="the job title", max_length=100)
    # Kept: fields.py has no helper for a choice of several.
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
    years_in_senior_leadership = fields.whole_number(
        "Years in senior leadership",
        what="the years in senior leadership",
        min_value=0,
        max_value=60,
    )


class TrainingForm(forms.Form):
    kind = fields.choice(
        "Type of training",
        TrainingRecord.Kind.choices,
        what="the type of training",
        widget=forms.RadioSelect,
    )
    title = fields.text(
        "Title",
        what="the title",
        max_length=200,
        help_text="The module's name, or the review that was shadowed",
    )
    provider = fields.text("Provider", what="the provider", max_length=200)
    completed_on = fields.date_field("Date completed", what="the date completed")

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
    starts_on = fields.date_field("First day", what="the first day")
    ends_on = fields.date_field("Last day", what="the last day")
    reason = fields.text("Reason (optional)", what="the reason", max_length=200, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "The last day must be the same as or after the first day")
        return data


class ConflictForm(forms.Form):
    school = SchoolURNField(missing="Enter the URN of the school they have a conflict with")
    reason = fields.text(
        "Why there is a conflict of interest",
        what="why there is a conflict of interest",
        max_length=LONG_TEXT,
        widget=forms.Textarea,
    )


class EmploymentForm(forms.Form):
    school = SchoolURNField(missing="Enter the URN of the school they worked at")
    left_on = fields.date_field("Date they left", what="the date they left")

    def clean_left_on(self) -> date | None:
        message = "The date they left must be today or in the past"
        return _not_in_future(self.cleaned_data.get("left_on"), message)


class PastReviewForm(forms.Form):
    school = SchoolURNField(missing="Enter the URN of the school reviewed")
    reviewed_on = fields.date_field("Date of the review", what="the date of the review")
    as_lead = forms.BooleanField(label="They led the review", required=False)

    def clean_reviewed_on(self) -> date | None:
        message = "The date of the review must be today or in the past"
        return _not_in_future(self.cleaned_data.get("reviewed_on"), message)


class GrantAccreditationForm(forms.Form):
    granted_on = fields.date_field("Date granted", what="the date granted", initial=today)
    expires_on = fields.date_field("Expiry date", what="the expiry date")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        granted, expires = data.get("granted_on"), data.get("expires_on")
        if granted and expires and expires <= granted:
            self.add_error("expires_on", "The expiry date must be after the date granted")
        return data


class RevokeAccreditationForm(forms.Form):
    reason = fields.text(
        "Reason for revoking",
        what="the reason for revoking the accreditation",
        max_length=LONG_TEXT,
        widget=forms.Textarea,
        help_text="The reviewer can read this in their register entry",
    )


class ApproveDaysForm(forms.Form):
    academic_year = fields.choice(
        "Academic year", [], what="the academic year", widget=forms.RadioSelect, coerce=int
    )
    # Kept: the service refuses with the same words (DAYS_MESSAGE), so the two agree.
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
        assert isinstance(years, forms.ChoiceField)
        years.choices = [(y, academic_year_label(y)) for y in (year, year + 1)]


class AddPersonForm(forms.Form):
    full_name = fields.text("Full name", what="their full name", max_length=200)
    # Kept: fields.py has no email helper; the format message is GOV.UK's for an email address.
    email = forms.EmailField(
        label="Email address",
        error_messages={
            "required": "Enter their email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )


class GrantRoleForm(forms.Form):
    role = fields.choice("Role", [("", "Choose a role"), *Role.choices], what="a role")
    school = SchoolURNField(
        label="School URN",
        required=False,
        help_text="For a school leader or governor only",
    )
    cluster = fields.model_choice(
        "Cluster",
        Cluster.objects.all(),
        what="the cluster",
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
    phase = fields.choice(
        "Phase", [("", "All phases"), *PHASE_CHOICES], what="a phase", required=False
    )
    lead = fields.choice(
        "Lead reviewers",
        [("", "All reviewers"), ("yes", "Lead reviewers only"), ("no", "Not lead reviewers")],
        what="who to show",
        required=False,
    )


class PeopleSearchForm(forms.Form):
    q = forms.CharField(label="Name or email address", required=False, max_length=200)


class ApproveDaysUnheadedForm(ApproveDaysForm):
    """A network admin approving in the place of a head who is not on Collegium."""

    reason = fields.text(
        "Why are you approving these days?",
        what="why you are approving the days",
        max_length=2_000,
        widget=forms.Textarea,
        help_text="For example, who at the school agreed the days and when",
    )


class InviteHeadForm(AddPersonForm):
    """The head of a school invited to a cluster, who has no Collegium account yet."""


class InviteReviewerForm(AddPersonForm):
    home_school = SchoolPickerField(
        label="Home school",
        what="the name, town or URN of the school that employs them",
        max_length=300,
        help_text="The school that employs them: its name, town or URN",
    )
    job_title = fields.text("Job title", what="their job title", max_length=100)
    years_in_senior_leadership = fields.whole_number(
        "Years in senior leadership",
        what="their years in senior leadership",
        min_value=0,
        max_value=50,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
