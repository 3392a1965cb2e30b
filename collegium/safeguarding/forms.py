"""Input validation for safeguarding audits, their actions, the board's review, sharing,
oversight visits and templates; messages in the GOV.UK style (collegium/fields.py)."""

from typing import Any

from django import forms

from collegium.fields import choice, date_field, model_choice, text
from collegium.frameworks import forms as framework_forms
from collegium.reviews.models import Review
from collegium.safeguarding import selectors
from collegium.safeguarding.models import (
    AuditAction,
    OversightVisit,
    Rating,
    SafeguardingAudit,
    TemplateVersion,
)
from collegium.safeguarding.services.actions import CHOSEN

LONG = 5_000


def long_text(label: str, what: str, required: bool = True, **kwargs: Any) -> forms.CharField:
    rows = kwargs.pop("rows", 4)
    return text(
        label,
        what=what,
        max_length=LONG,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
        **kwargs,
    )


class StartAuditForm(forms.Form):
    version = model_choice(
        "Audit template",
        TemplateVersion.objects.none(),
        what="the audit template",
        widget=forms.RadioSelect,
        empty_label=None,
    )

    def __init__(self, data: Any = None) -> None:
        super().__init__(data)
        published = [v.pk for v in selectors.published_versions()]
        field = self.fields["version"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = TemplateVersion.objects.filter(pk__in=published).select_related("template")
        field.label_from_instance = _version_label  # type: ignore[assignment]


def _version_label(version: TemplateVersion) -> str:
    return f"{version.template.name}, version {version.number}"


class RateItemForm(forms.Form):
    rating = choice(
        "Rating",
        Rating.choices,
        what="red, amber or green",
        widget=forms.RadioSelect,
        help_text="Green: what good looks like is in place. Amber: partly. Red: not in place.",
    )
    evidence = long_text(
        "Evidence you looked at",
        "the evidence you looked at",
        help_text="Documents, records and conversations, with dates",
    )
    notes = long_text("Notes", "your notes", required=False)


class ActionForm(forms.Form):
    description = long_text(
        "Action", "the action", help_text="What will be done, so that the item becomes green"
    )
    owner = model_choice(
        "Owner", selectors.auditors_of(0), what="the owner", help_text="They are reminded of it"
    )
    due_on = date_field(
        "Due date", what="the due date", help_text="A school working day, for example 2027-03-08"
    )

    def __init__(self, audit: SafeguardingAudit, data: Any = None) -> None:
        super().__init__(data)
        field = self.fields["owner"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = selectors.auditors_of(audit.school_id)
        field.label_from_instance = lambda user: user.full_name  # type: ignore[assignment]


class ActionStatusForm(forms.Form):
    status = choice(
        "Status",
        [(value, AuditAction.Status(value).label) for value in CHOSEN],
        what="the action's status",
        widget=forms.RadioSelect,
    )


class BoardReviewForm(forms.Form):
    met_on = date_field("Date of the board's meeting", what="the date of the board's meeting")
    minute_reference = text(
        "Minute reference",
        what="the minute reference",
        max_length=100,
        help_text="Where the review is recorded in the board's minutes, for example FGB 2027/14",
    )
    comments = long_text("The board's comments", "the board's comments", required=False, rows=6)


class ShareForm(forms.Form):
    review = model_choice(
        "Review",
        Review.objects.none(),
        what="the review whose team may read the audit",
        widget=forms.RadioSelect,
        empty_label=None,
    )

    def __init__(self, audit: SafeguardingAudit, data: Any = None) -> None:
        super().__init__(data)
        field = self.fields["review"]
        assert isinstance(field, forms.ModelChoiceField)
        shown = [review.pk for review in selectors.reviews_to_share_with(audit)]
        field.queryset = Review.objects.filter(pk__in=shown).order_by("start_date")
        field.label_from_instance = _review_label  # type: ignore[assignment]


def _review_label(review: Review) -> str:
    return f"{review.get_kind_display()} starting {review.start_date:%-d %B %Y}"


class VisitForm(forms.Form):
    visited_on = date_field("Date of the visit", what="the date of the visit")
    visited_by = text(
        "Who visited", what="who visited", max_length=300, help_text="Names and roles"
    )
    checked = long_text("What was checked", "what was checked")
    outcome = choice(
        "Outcome", OversightVisit.Outcome.choices, what="the outcome", widget=forms.RadioSelect
    )


class VersionForm(forms.Form):
    notes = long_text("What will change in this version", "what will change", required=False)


class ImportForm(framework_forms.ImportForm):
    document = "template"
    text = long_text("Or paste the template's YAML or JSON", "the template", required=False)
