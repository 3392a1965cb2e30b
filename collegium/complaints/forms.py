from typing import Any

from django import forms

from collegium import fields
from collegium.accounts.models import User
from collegium.complaints.models import Outcome
from collegium.complaints.services import NOT_UPHELD_CHANGES
from collegium.frameworks.models import Strand
from collegium.reviews.models import Judgement, Review

OTHER = [
    ("conduct", "The conduct of the review team"),
    ("process", "How the review was run (the process)"),
]
ESCALATE, ACCEPT = "escalate", "accept"
MAX_TEXT = 20000  # characters in each written answer


class StrandChoices(forms.ModelMultipleChoiceField[Strand]):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code} {obj.title}"


class ComplaintForm(forms.Form):
    strands = StrandChoices(
        label="Judgements you contest",
        help_text="Choose the strands whose judgement you contest, if any",
        queryset=Strand.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    other = forms.MultipleChoiceField(
        label="Anything else you contest",
        choices=OTHER,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    grounds = fields.text(
        "What went wrong, and why you are complaining",
        what="what went wrong and why you are complaining",
        max_length=MAX_TEXT,
        help_text="Say what happened, when, and what evidence shows it",
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    outcome_sought = fields.text(
        "The outcome you are seeking",
        what="the outcome you are seeking",
        max_length=MAX_TEXT,
        help_text="For example, a judgement looked at again with the evidence you name",
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, review: Review, data: Any = None, initial: Any = None) -> None:
        super().__init__(data, initial=initial)
        strands = Strand.objects.filter(area__version=review.framework_version)
        field = self.fields["strands"]
        assert isinstance(field, StrandChoices)
        field.queryset = strands.select_related("area").order_by("area__position", "position")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("strands") and not data.get("other") and "strands" not in self.errors:
            self.add_error(
                "strands",
                "Choose what you are complaining about: a judgement, the team's conduct or "
                "the process",
            )
        return data


class DecisionForm(forms.Form):
    outcome = fields.choice(
        "Outcome", Outcome.choices, what="the outcome", widget=forms.RadioSelect
    )
    reasons = fields.text(
        "Reasons",
        what="the reasons for the outcome",
        max_length=MAX_TEXT,
        help_text="The school, the lead reviewer and the cluster coordinator read them",
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def __init__(self, data: Any, judgements: list[tuple[Judgement, dict[int, str]]]) -> None:
        """`judgements`: the contested agreed judgements the outcome may change, with levels."""
        super().__init__(data)
        self.judgements = judgements
        for judgement, choices in judgements:
            if choices:
                self.fields[f"level_{judgement.strand_id}"] = fields.choice(
                    f"{judgement.strand.code}: level after this outcome",
                    list(choices.items()),
                    what=f"the level of {judgement.strand.code}",
                    coerce=int,
                    initial=judgement.level,
                    help_text="Keep the agreed level unless the outcome changes it",
                )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("outcome") == Outcome.NOT_UPHELD and self.levels_changed():
            self.add_error(None, NOT_UPHELD_CHANGES)
        return data

    def levels(self) -> dict[int, int | None]:
        """Strand id → the level chosen, for every contested judgement that has levels."""
        data = self.cleaned_data
        return {
            judgement.strand_id: data.get(f"level_{judgement.strand_id}", judgement.level)
            for judgement, choices in self.judgements
            if choices
        }

    def levels_changed(self) -> bool:
        current = {judgement.strand_id: judgement.level for judgement, _ in self.judgements}
        return any(level != current[strand] for strand, level in self.levels().items())


class RespondForm(forms.Form):
    choice = fields.choice(
        "What do you want to do?",
        [],
        what="whether to take the complaint further or accept",
        widget=forms.RadioSelect,
    )

    def __init__(self, data: Any, next_stage: str) -> None:
        super().__init__(data)
        field = self.fields["choice"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            (ESCALATE, f"Take the complaint to {next_stage}"),
            (ACCEPT, "Accept the outcome, which closes the complaint"),
        ]


class AssignForm(forms.Form):
    handler = fields.model_choice(
        "Who will handle this stage",
        User.objects.none(),
        what="who will handle this stage",
        widget=forms.RadioSelect,
    )

    def __init__(self, data: Any, holders: Any) -> None:
        """`holders`: everyone holding the stage's role; the page lists only the eligible, and
        the service refuses anyone connected to the review, with the reason."""
        super().__init__(data)
        field = self.fields["handler"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = holders
