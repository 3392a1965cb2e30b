"""Forms of the review visit (R4–R6): evidence notes, concerns, judgements and findings.

Validation only; the rules of the visit (who, when, which strands) live in the services.
"""

from typing import Any
from uuid import uuid4

from django import forms

from collegium import fields
from collegium.frameworks.models import FrameworkVersion, Strand
from collegium.reviews.models import Activity, EvidenceNote, Review
from collegium.reviews.services.judgements import bears_on, level_choices
from collegium.selfevaluation.selectors import descriptors_of

MAX_FINDING = 20000  # characters in each part of the findings


def strands_of(review: Review) -> forms.ModelMultipleChoiceField[Strand]:
    return forms.ModelMultipleChoiceField(
        queryset=Strand.objects.filter(area__version=review.framework_version_id).select_related(
            "area"
        ),
        required=False,
        label="Strands this note is evidence for",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose strands from this review's framework"},
    )


def activity_label(activity: Activity) -> str:
    subject = f" ({activity.subject})" if activity.subject else ""
    when = f"Day {activity.day}, {activity.starts_at:%H:%M}"
    return f"{when}: {activity.get_kind_display()}{subject}"


class EvidenceForm(forms.Form):
    text = fields.text(
        "Your note",
        what="your note",
        max_length=20000,
        widget=forms.Textarea,
        help_text=(
            "The review team and moderators see your notes during the visit; the school's "
            "leaders see them once the judgements are agreed."
        ),
    )
    activity = fields.choice(
        "Activity (optional)",
        [],
        what="an activity",
        required=False,
        coerce=int,
        empty_value=None,
    )
    note = forms.IntegerField(required=False, widget=forms.HiddenInput)
    base_revision = forms.IntegerField(required=False, widget=forms.HiddenInput)
    client_key = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)

    def __init__(self, review: Review, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("client_key", uuid4().hex)
        super().__init__(*args, **kwargs)
        self.review = review
        self.fields["strands"] = strands_of(review)
        activities = review.activities.all()
        self.fields["activity"].choices = [("", "None")] + [  # type: ignore[attr-defined]
            (a.pk, activity_label(a)) for a in activities
        ]
        self.order_fields(["text", "strands", "activity", "note", "base_revision", "client_key"])

    def chosen_activity(self) -> Activity | None:
        pk = self.cleaned_data.get("activity")
        return self.review.activities.filter(pk=pk).first() if pk else None


class ConcernForm(forms.Form):
    text = fields.text(
        "Your concern",
        what="your concern",
        max_length=10000,
        widget=forms.Textarea,
        help_text="Say what happened and what you would like the lead reviewer to do",
    )


class ResponseForm(forms.Form):
    response = fields.text(
        "Your response",
        what="your response to the concern",
        max_length=10000,
        widget=forms.Textarea,
    )


def level_hints(version: FrameworkVersion, strand: Strand, levels: list[int]) -> dict[int, str]:
    """What each level means for this strand, as the self-evaluation shows it: the strand's
    descriptor of the level, else the scale's own description (met / not met has none)."""
    descriptors = descriptors_of(strand)
    scale = {} if strand.met_or_not_met else _scale_descriptions(version)
    return {level: descriptors.get(level) or scale.get(level, "") for level in levels}


def _scale_descriptions(version: FrameworkVersion) -> dict[int, str]:
    return dict(version.scale_levels.values_list("position", "description"))


def note_label(note: EvidenceNote) -> str:
    text = note.text if len(note.text) <= 120 else note.text[:117] + "…"
    return f"{note.author.reviewer.user.full_name}: {text}"


class JudgementForm(forms.Form):
    """A proposal by a reviewer, or the lead's agreed judgement, of one strand."""

    level = fields.choice(
        "Level",
        [],
        what="a level",
        coerce=int,
        empty_value=None,
        widget=forms.RadioSelect,
        help_text="The strongest level is first. Each level says what it means for this strand.",
    )
    rationale = fields.text(
        "Rationale",
        what="the rationale for the judgement",
        max_length=20000,
        widget=forms.Textarea,
    )
    evidence = forms.TypedMultipleChoiceField(
        label="Evidence cited",
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Cite at least one piece of evidence",
            "invalid_choice": "Choose evidence recorded on this review",
        },
    )

    def __init__(self, review: Review, strand: Strand, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = level_choices(review.framework_version, strand)
        self.level_hints: dict[int, str] = {}
        if choices:
            levels = [level for level, _ in choices]
            self.level_hints = level_hints(review.framework_version, strand, levels)
            self.fields["level"].choices = choices  # type: ignore[attr-defined]
            self.fields["level"].error_messages["required"] = (
                "Choose met or not met" if strand.met_or_not_met else "Choose a level"
            )
        else:
            del self.fields["level"]
        notes = review.evidence.select_related("author__reviewer__user").prefetch_related("strands")
        version = review.framework_version
        self.fields["evidence"].choices = [  # type: ignore[attr-defined]
            (n.pk, note_label(n))
            for n in notes
            if bears_on([s.pk for s in n.strands.all()], strand, version)
        ]
        if not self.fields["evidence"].choices:  # type: ignore[attr-defined]
            self.fields["evidence"].help_text = "No evidence is tagged to this strand yet"


class AgreeJudgementForm(JudgementForm):
    """The lead's agreed judgement of one strand; without a peer's proposal, the lead says why."""

    no_peer_reason = fields.text(
        "Why are you agreeing this judgement without a peer's proposal?",
        what="the reason",
        max_length=5000,
        required=False,
        widget=forms.Textarea,
        help_text=(
            "No other member of the team has proposed a level for this strand. For example, "
            "a head-to-head review, where the visiting head is the whole team"
        ),
    )

    def __init__(
        self, review: Review, strand: Strand, peer_proposed: bool, *args: Any, **kwargs: Any
    ) -> None:
        super().__init__(review, strand, *args, **kwargs)
        if peer_proposed:
            del self.fields["no_peer_reason"]


class FindingsForm(forms.Form):
    strengths = fields.text(
        "Strengths", what="the school's strengths", max_length=MAX_FINDING, widget=forms.Textarea
    )
    areas_to_develop = fields.text(
        "Areas to develop",
        what="the areas to develop",
        max_length=MAX_FINDING,
        widget=forms.Textarea,
    )
    priority_strand = fields.model_choice(
        "Strand of the improvement priority",
        Strand.objects.none(),
        what="the strand of the improvement priority",
        empty_label="Choose a strand",
    )
    improvement_priority = fields.text(
        "Improvement priority",
        what="the improvement priority",
        max_length=MAX_FINDING,
        widget=forms.Textarea,
        help_text="The one priority the team and the school agreed",
    )
    excellence_strand = forms.ModelChoiceField(
        queryset=Strand.objects.none(),
        label="Strand of the area of excellence (optional)",
        required=False,
        empty_label="None",
    )
    area_of_excellence = fields.text(
        "Area of excellence (optional)",
        what="the area of excellence",
        max_length=MAX_FINDING,
        required=False,
        widget=forms.Textarea,
    )

    def __init__(self, review: Review, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        strands = Strand.objects.filter(area__version=review.framework_version_id)
        for name in ("priority_strand", "excellence_strand"):
            self.fields[name].queryset = strands  # type: ignore[attr-defined]
