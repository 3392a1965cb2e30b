import re
from typing import Any

from django import forms

from collegium.accounts.models import User
from collegium.clusters.models import MAX_SCHOOLS, MIN_SCHOOLS, MemorandumOfUnderstanding
from collegium.schools.forms import SchoolURNField
from collegium.schools.models import School
from collegium.schools.selectors import schools_by_urn

_SEPARATORS = re.compile(r"[\s,;]+")
_DIGITS = re.compile(r"^[0-9]+$")  # not str.isdigit(), which accepts "²" that int() refuses


def _is_number(word: str) -> bool:
    return _DIGITS.fullmatch(word) is not None


def parse_urns(text: str) -> list[int]:
    """URNs separated by new lines, spaces or commas, each once, in the order given."""
    words = [word for word in _SEPARATORS.split(text) if word]
    not_urns = [word for word in words if not _is_number(word) or len(word) > 9]
    if not_urns:
        raise forms.ValidationError(
            f"Enter each URN as a number of up to 9 digits, like 100000 – "
            f"“{not_urns[0]}” is not one"
        )
    return list(dict.fromkeys(int(word) for word in words))


def schools_for(urns: list[int]) -> list[School]:
    found = schools_by_urn(urns)
    missing = [urn for urn in urns if urn not in found]
    if missing:
        listed = ", ".join(str(urn) for urn in missing)
        raise forms.ValidationError(
            f"There is no school with URN {listed} in the register"
            if len(missing) == 1
            else f"There are no schools with URNs {listed} in the register"
        )
    return [found[urn] for urn in urns]


class CreateClusterForm(forms.Form):
    name = forms.CharField(
        label="Cluster name",
        max_length=200,
        error_messages={
            "required": "Enter the cluster's name",
            "max_length": "Cluster name must be 200 characters or fewer",
        },
    )
    locality = forms.CharField(
        label="Locality",
        required=False,
        max_length=200,
        help_text="The town or area the schools serve, for example North Tyneside",
        error_messages={"max_length": "Locality must be 200 characters or fewer"},
    )
    urns = forms.CharField(
        label="Founding schools",
        widget=forms.Textarea,
        help_text=(
            f"Enter the URNs of {MIN_SCHOOLS} to {MAX_SCHOOLS} schools, one on each line. "
            "Each school is invited and joins when its headteacher accepts."
        ),
        error_messages={"required": "Enter the URNs of the founding schools"},
    )
    coordinator_email = forms.EmailField(
        label="Coordinator's email address",
        help_text="The cluster coordinator must already have a Collegium account",
        error_messages={
            "required": "Enter the coordinator's email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )

    def clean_urns(self) -> list[School]:
        urns = parse_urns(self.cleaned_data["urns"])
        if not MIN_SCHOOLS <= len(urns) <= MAX_SCHOOLS:
            raise forms.ValidationError(
                f"Enter between {MIN_SCHOOLS} and {MAX_SCHOOLS} URNs – you entered {len(urns)}"
            )
        return schools_for(urns)

    def clean_coordinator_email(self) -> User:
        email = self.cleaned_data["coordinator_email"].strip().lower()
        coordinator = User.objects.filter(email=email, is_active=True).first()
        if coordinator is None:
            raise forms.ValidationError(f"There is no Collegium account for {email}")
        return coordinator


class InviteSchoolForm(forms.Form):
    urn = SchoolURNField(
        label="URN of the school to invite",
        help_text=None,
        invalid="Enter the URN as a number, like 100000",
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )


class RespondForm(forms.Form):
    answer = forms.ChoiceField(
        label="Do you want your school to join this cluster?",
        widget=forms.RadioSelect,
        choices=[("accept", "Yes, join the cluster"), ("decline", "No, decline the invitation")],
        error_messages={"required": "Select whether your school will join the cluster"},
    )


class MouForm(forms.ModelForm):
    class Meta:
        model = MemorandumOfUnderstanding
        fields = ["review_protocols", "data_sharing", "follow_up_support"]
        labels = {
            "review_protocols": "Peer review protocols",
            "data_sharing": "Data-sharing commitment",
            "follow_up_support": "Follow-up support commitment",
        }
        help_texts = {
            "review_protocols": "How reviews are arranged and carried out between the schools",
            "data_sharing": "What the schools share with one another and how they protect it",
            "follow_up_support": "How the schools support one another after a review",
        }
        error_messages = {
            "review_protocols": {"required": "Enter the peer review protocols"},
            "data_sharing": {"required": "Enter the data-sharing commitment"},
            "follow_up_support": {"required": "Enter the follow-up support commitment"},
        }


class SignForm(forms.Form):
    membership = forms.TypedChoiceField(
        label="Which school are you signing for?",
        widget=forms.RadioSelect,
        coerce=int,
        error_messages={
            "required": "Select the school you are signing for",
            "invalid_choice": "Select the school you are signing for",
        },
    )

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["membership"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices
