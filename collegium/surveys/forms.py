"""The survey form: one question per item of QUESTIONS, rated on the five-point scale."""

from typing import Any

from django import forms

from collegium import fields
from collegium.surveys.models import QUESTIONS, RATING_LABELS, RATINGS
from collegium.surveys.services import COMMENT_LIMIT, rating_error


class SurveyForm(forms.Form):
    comment = fields.text(
        "Is there anything else you would like to tell us about the review? (optional)",
        what="your comment",
        max_length=COMMENT_LIMIT,
        required=False,
        widget=forms.Textarea,
        help_text="Do not name pupils or members of staff",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question in QUESTIONS:
            # The service's own words for a missing rating, so the form and the service agree.
            message = rating_error(question)
            self.fields[question.field] = forms.TypedChoiceField(
                label=question.text,
                choices=RATINGS,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": message, "invalid_choice": message},
            )
        self.order_fields([q.field for q in QUESTIONS] + ["comment"])

    def answers(self) -> list[tuple[str, str]]:
        """The answers as the check page shows them: (question, answer)."""
        data = self.cleaned_data
        rows = [(q.text, RATING_LABELS[data[q.field]]) for q in QUESTIONS]
        return rows + [("Anything else", data["comment"] or "None")]
