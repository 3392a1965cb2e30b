"""The network admin's retention periods: whole months for each kind of record."""

from django import forms

from collegium import fields
from collegium.privacy.models import KINDS, MAX_MONTHS, MIN_MONTHS

FROM = {
    "evidence_notes": "the day the review's report is final",
    "reports": "the day the report is final",
    "survey_responses": "the survey's last day",
    "complaints": "the day the complaint is closed",
    "audit_events": "the day of the event",
    "accounts": "the last sign-in of someone who holds no role",
}


class RetentionForm(forms.Form):
    paused = forms.BooleanField(
        label="Pause the removal of expired records",
        help_text="Dry runs are still made, but nothing is removed until you turn this off.",
        required=False,
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        periods = {
            kind: fields.whole_number(
                f"{label} (months)",
                what=f"the retention period for {label[:1].lower()}{label[1:]}",
                min_value=MIN_MONTHS,
                max_value=MAX_MONTHS,
                help_text=f"Counted from {FROM[kind]}. Then: {action[:1].lower()}{action[1:]}.",
            )
            for kind, label, _default, action in KINDS
        }
        self.fields = {**periods, "paused": self.fields["paused"]}
