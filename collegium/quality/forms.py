from typing import Any

from django import forms

from collegium import fields
from collegium.quality.selectors import StrandRow

MAX_FEEDBACK = 20000  # characters


class StrandsForm(forms.Form):
    """For each agreed strand: the moderator's level (the agreed one unless adjusted) and why."""

    def __init__(self, data: Any, rows: list[StrandRow]) -> None:
        super().__init__(data)
        self.rows = rows
        for row in rows:
            code, pk = row.strand.code, row.strand.pk
            current = row.moderated.level if row.moderated else row.judgement.level
            if row.choices:
                self.fields[f"level_{pk}"] = fields.choice(
                    f"{code}: moderated level",
                    list(row.choices.items()),
                    what=f"the moderated level of {code}",
                    coerce=int,
                    initial=current,
                )
            self.fields[f"rationale_{pk}"] = forms.CharField(
                label=f"{code}: rationale",
                help_text="Required when you adjust the agreed level",
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                initial=row.moderated.rationale if row.moderated else "",
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for row in self.rows:
            pk = row.strand.pk
            level = data.get(f"level_{pk}", row.judgement.level)
            if level != row.judgement.level and not data.get(f"rationale_{pk}", "").strip():
                self.add_error(
                    f"rationale_{pk}",
                    f"Explain why you adjusted the level of {row.strand.code}",
                )
        return data

    def chosen(self) -> list[tuple[StrandRow, int | None, str]]:
        data = self.cleaned_data
        return [
            (
                row,
                data.get(f"level_{row.strand.pk}", row.judgement.level),
                data[f"rationale_{row.strand.pk}"],
            )
            for row in self.rows
        ]


class FeedbackForm(forms.Form):
    feedback = fields.text(
        "Feedback to the review team",
        what="your feedback to the review team",
        max_length=MAX_FEEDBACK,
        help_text="The team and the school's leaders read it with the moderated levels",
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class SettingsForm(forms.Form):
    requires_moderation = forms.BooleanField(
        label="Publish a review's summary only after its moderation is completed",
        help_text="On by default: a summary waits for its term's sample and, if the review was "
        "picked, its moderation. Turning it off is recorded in the audit trail with your name.",
        required=False,
    )
    random_share = fields.whole_number(
        "Random share of the other reviews to moderate each term (percent)",
        what="the random share",
        min_value=0,
        max_value=100,
        help_text="A whole number between 0 and 100",
    )
