from typing import Any

from django import forms

from collegium import fields
from collegium.people.models import ReviewerProfile


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
