"""Input for the review planning pages: scheduling, the team, the focus and the timetable."""

from datetime import date
from typing import Any

from django import forms

from collegium import fields
from collegium.clusters.models import Cluster
from collegium.frameworks.models import FrameworkVersion
from collegium.frameworks.selectors import published_versions
from collegium.people.models import ReviewerProfile
from collegium.reviews.models import Activity, Review, TeamMember
from collegium.reviews.services.planning_types import REVIEW_TYPES, review_dates

MAX_ACTIVITIES_A_DAY = 12


def _date_field(label: str) -> forms.DateField:
    return fields.date_field(
        label, what="the start date", help_text="A weekday in term time that is not a bank holiday"
    )


def _days_field() -> forms.IntegerField:
    return fields.whole_number(
        "Number of days",
        what="the number of days",
        min_value=1,
        max_value=5,
        help_text="A quality assurance review lasts 1 to 5 days (usually 3), a cluster peer "
        "review 1 or 2, a head-to-head review 1",
    )


def _confirm_second_field() -> forms.BooleanField:
    """Shown only once scheduling has been refused for a second review in the academic year."""
    return forms.BooleanField(label="Yes, schedule a second review", required=False)


def _not_past(day: date) -> date:
    if day < date.today():
        raise forms.ValidationError("The start date must be today or in the future")
    return day


class ChooseClusterForm(forms.Form):
    cluster = fields.model_choice(
        "Cluster", Cluster.objects.none(), what="a cluster", empty_label=None
    )

    def __init__(self, data: Any, clusters: list[Cluster]) -> None:
        super().__init__(data)
        field = self.fields["cluster"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Cluster.objects.filter(pk__in=[c.pk for c in clusters]).order_by("name")


class ScheduleForm(forms.Form):
    school = fields.choice("School to review", [], what="the school", coerce=int)
    kind = fields.choice(
        "Type of review",
        [(k, t.label) for k, t in REVIEW_TYPES.items()],
        what="the type of review",
        widget=forms.RadioSelect,
    )
    framework_version = fields.model_choice(
        "Framework", FrameworkVersion.objects.none(), what="the framework"
    )
    start_date = _date_field("Start date")
    days = _days_field()
    confirm_second = _confirm_second_field()

    def __init__(self, data: Any, schools: list[tuple[int, str]]) -> None:
        super().__init__(data, initial={"kind": Review.Kind.QUALITY_ASSURANCE, "days": 3})
        school = self.fields["school"]
        assert isinstance(school, forms.TypedChoiceField)
        school.choices = [("", "Choose a school"), *schools]
        versions = published_versions()
        version = self.fields["framework_version"]
        assert isinstance(version, forms.ModelChoiceField)
        version.queryset = FrameworkVersion.objects.filter(pk__in=[v.pk for v in versions])
        version.choices = [("", "Choose a framework")] + [
            (v.pk, f"{v.framework.name}, version {v.number}") for v in versions
        ]

    def clean_start_date(self) -> date:
        return _not_past(self.cleaned_data["start_date"])


class MoveForm(forms.Form):
    start_date = _date_field("New start date")
    days = _days_field()
    confirm_second = _confirm_second_field()

    def clean_start_date(self) -> date:
        return _not_past(self.cleaned_data["start_date"])


class TeamMemberForm(forms.Form):
    reviewer = fields.model_choice("Reviewer", ReviewerProfile.objects.none(), what="a reviewer")
    role = fields.choice(
        "Role on the team",
        TeamMember.Role.choices,
        what="the reviewer's role on the team",
        widget=forms.RadioSelect,
    )

    def __init__(self, data: Any, reviewers: list[ReviewerProfile]) -> None:
        super().__init__(data)
        field = self.fields["reviewer"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = ReviewerProfile.objects.filter(pk__in=[r.pk for r in reviewers])
        field.choices = [("", "Choose a reviewer")] + [
            (r.pk, f"{r.user.full_name}, {r.job_title}, {r.home_school.name}") for r in reviewers
        ]


class VersionField(forms.CharField):
    """The edit_version of the record when the form was opened (see services.planning_types)."""

    def __init__(self) -> None:
        super().__init__(widget=forms.HiddenInput, required=False, max_length=64)

    def clean(self, value: Any) -> str | None:
        return super().clean(value) or None


class FocusForm(forms.Form):
    focus = fields.text(
        "Focus of the review",
        what="the focus of the review",
        max_length=2000,
        widget=forms.Textarea,
        help_text="What the school wants the team to look at most closely",
    )
    nominee_name = fields.text(
        "Nominee's name",
        what="the nominee's name",
        max_length=200,
        help_text="The member of staff who joins the team's meetings for the school",
    )
    nominee_role = fields.text("Nominee's role", what="the nominee's role", max_length=200)
    max_activities_per_day = fields.whole_number(
        "Most activities a day",
        what="the most activities a day",
        min_value=1,
        max_value=MAX_ACTIVITIES_A_DAY,
    )
    version = VersionField()


def _time_field(label: str, required: str) -> forms.TimeField:
    # No shared helper for a time: the messages are written here.
    return forms.TimeField(
        label=label,
        help_text="Use the 24-hour clock, for example 09:30 or 14:00",
        error_messages={"required": required, "invalid": f"{label} must be a time like 09:30"},
    )


class ActivityForm(forms.Form):
    day = fields.choice("Day", [], what="the day", coerce=int)
    starts_at = _time_field("Start time", "Enter the start time")
    ends_at = _time_field("End time", "Enter the end time")
    kind = fields.choice(
        "Activity", [("", "Choose an activity"), *Activity.Kind.choices], what="the activity"
    )
    subject = fields.text(
        "Subject (optional)",
        what="the subject",
        max_length=100,
        required=False,
        help_text="Needed for a subject deep-dive",
    )
    led_by_staff = fields.text(
        "Member of staff leading it (optional)",
        what="the member of staff",
        max_length=200,
        required=False,
        help_text="Needed for a subject deep-dive",
    )
    reviewer = fields.model_choice(
        "Visiting reviewer (optional)",
        TeamMember.objects.none(),
        what="the visiting reviewer",
        required=False,
    )
    needs_host_leader = forms.BooleanField(
        label="The school asks for a host leader alongside the visiting reviewer", required=False
    )
    host_leader = fields.text(
        "Host leader (optional)", what="the host leader", max_length=200, required=False
    )
    notes = fields.text(
        "Notes (optional)",
        what="the notes",
        max_length=2000,
        required=False,
        widget=forms.Textarea,
    )
    version = VersionField()

    def __init__(self, data: Any, review: Review, initial: dict[str, Any] | None = None) -> None:
        super().__init__(data, initial=initial)
        day = self.fields["day"]
        assert isinstance(day, forms.TypedChoiceField)
        dates = review_dates(review.start_date, review.days)
        day.choices = [(n, f"Day {n}, {d:%A %-d %B}") for n, d in enumerate(dates, start=1)]
        team = list(review.team.select_related("reviewer__user"))
        reviewer = self.fields["reviewer"]
        assert isinstance(reviewer, forms.ModelChoiceField)
        reviewer.queryset = TeamMember.objects.filter(review=review)
        reviewer.choices = [("", "No visiting reviewer yet")] + [
            (m.pk, m.reviewer.user.full_name) for m in team
        ]
