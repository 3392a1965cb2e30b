"""Forms of stakeholder voice: validation and messages only, with the shared GOV.UK fields."""

from typing import Any

from django import forms

from collegium.fields import choice, date_field, model_choice, text, whole_number
from collegium.frameworks import forms as framework_forms
from collegium.voice.models import BankVersion, Question, ScaleOption, Survey
from collegium.voice.services.responses import LONGEST_ANSWER, Given

LONG = 10_000


def long_text(label: str, what: str, required: bool = True, **kwargs: Any) -> forms.CharField:
    rows = kwargs.pop("rows", 5)
    widget = forms.Textarea(attrs={"rows": rows})
    return text(label, what=what, max_length=LONG, required=required, widget=widget, **kwargs)


class OpenSurveyForm(forms.Form):
    def __init__(self, *args: Any, versions: list[BankVersion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ids = [v.pk for v in versions]
        chosen = model_choice(
            "Who is the survey for?",
            BankVersion.objects.filter(pk__in=ids).select_related("bank").order_by("bank__name"),
            what="who the survey is for",
            widget=forms.RadioSelect,
        )
        chosen.label_from_instance = lambda v: str(v.bank.name)  # type: ignore[method-assign,assignment]
        self.fields["version"] = chosen
        self.fields["opens_on"] = date_field("Opens on", what="the opening date")
        self.fields["closes_on"] = date_field(
            "Closes on",
            what="the closing date",
            help_text="Responses are taken until the end of this day",
        )
        self.fields["uses_codes"] = forms.BooleanField(
            label="Each person needs a one-time code to answer (staff and governor surveys only)",
            required=False,
        )


class CodesForm(forms.Form):
    count = whole_number(
        "How many one-time codes?", what="the number of codes", min_value=1, max_value=500
    )


class SizesForm(forms.Form):
    staff = whole_number(
        "Staff", what="the number of staff", min_value=0, max_value=20_000, required=False
    )
    parents = whole_number(
        "Parents and carers",
        what="the number of parents and carers",
        min_value=0,
        max_value=100_000,
        required=False,
        help_text="Families with a child at the school, counting each family once",
    )
    governors = whole_number(
        "Governors", what="the number of governors", min_value=0, max_value=100, required=False
    )


class ResponseForm(forms.Form):
    """One field per question: radios on the bank's scale, or a box for their own words. Every
    question may be left out; at least one must be answered (the service checks)."""

    def __init__(
        self,
        *args: Any,
        survey: Survey,
        questions: list[Question],
        scale: list[ScaleOption],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        options = [(str(o.position), o.label) for o in scale]
        if survey.uses_codes:
            self.fields["code"] = text(
                "Your one-time code",
                what="your one-time code",
                max_length=20,
                help_text=(
                    "It is on the slip you were given. It lets you answer once, "
                    "and it is not kept with your answers."
                ),
            )
        for question in questions:
            name = f"q{question.pk}"
            if question.kind == Question.Kind.TEXT:
                self.fields[name] = text(
                    question.text,
                    what="your answer",
                    max_length=LONGEST_ANSWER,
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 4}),
                    help_text=question.hint,
                )
            else:
                self.fields[name] = choice(
                    question.text,
                    options,
                    what="an answer",
                    required=False,
                    widget=forms.RadioSelect,
                    help_text=question.hint,
                )

    def answers(self) -> list[Given]:
        data = self.cleaned_data
        given = []
        for question in self.questions:
            value = data.get(f"q{question.pk}") or ""
            if question.kind == Question.Kind.TEXT:
                given.append(Given(question, text=value))
            else:
                given.append(Given(question, choice=int(value) if value else None))
        return given


class ImportForm(framework_forms.ImportForm):
    document = "bank"
    text = long_text(
        "Or paste the bank's YAML or JSON", "the question bank", required=False, rows=12
    )


class ResearchForm(forms.Form):
    question = text("The question the pupils chose", what="the pupils' question", max_length=300)
    method = long_text("How they found out", "how the pupils found out")
    findings = long_text("What they found", "what the pupils found")
    recommendations = long_text("What they recommend", "what the pupils recommend")
    presented_on = date_field(
        "When they presented it to the review team",
        what="the date they presented it",
        required=False,
        help_text="Leave this empty until they have presented it",
    )
    in_report = forms.BooleanField(
        label="Show the pupils' research in the appendix of the developmental report",
        required=False,
    )
