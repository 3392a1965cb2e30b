import re
from typing import Any

from django import forms

from collegium import fields
from collegium.accounts.models import User
from collegium.clusters.models import MAX_SCHOOLS, MIN_SCHOOLS
from collegium.schools.forms import SchoolURNField
from collegium.schools.models import School
from collegium.schools.selectors import schools_by_urn

_SEPARATORS = re.compile(r"[\s,;]+")
_DIGITS = re.compile(r"^[0-9]+$")  # not str.isdigit(), which accepts "²" that int() refuses
URNS_LIMIT = 1_000  # 7 URNs of up to 9 digits with room for any separators
MOU_TEXT_LIMIT = 20_000  # each part of the memorandum, as long as a review's evidence note


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
    name = fields.text("Cluster name", what="the cluster's name", max_length=200)
    locality = fields.text(
        "Locality",
        what="the locality",
        max_length=200,
        required=False,
        help_text="The town or area the schools serve, for example North Tyneside",
    )
    urns = fields.text(
        "Founding schools",
        what="the URNs of the founding schools",
        max_length=URNS_LIMIT,
        widget=forms.Textarea,
        help_text=(
            f"Enter the URNs of {MIN_SCHOOLS} to {MAX_SCHOOLS} schools, one on each line. "
            "Each school is invited and joins when its headteacher accepts."
        ),
    )
    # No email helper: the format message is the GOV.UK one for an email address.
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
    answer = fields.choice(
        "Do you want your school to join this cluster?",
        [("accept", "Yes, join the cluster"), ("decline", "No, decline the invitation")],
        what="whether your school will join the cluster",
        widget=forms.RadioSelect,
    )


def _mou_text(label: str, what: str, hint: str) -> forms.CharField:
    return fields.text(
        label, what=what, max_length=MOU_TEXT_LIMIT, widget=forms.Textarea, help_text=hint
    )


class MouForm(forms.Form):
    """The three parts of a memorandum; publishing them makes its next version."""

    review_protocols = _mou_text(
        "Peer review protocols",
        "the peer review protocols",
        "How reviews are arranged and carried out between the schools",
    )
    data_sharing = _mou_text(
        "Data-sharing commitment",
        "the data-sharing commitment",
        "What the schools share with one another and how they protect it",
    )
    follow_up_support = _mou_text(
        "Follow-up support commitment",
        "the follow-up support commitment",
        "How the schools support one another after a review",
    )


class SignForm(forms.Form):
    membership = fields.choice(
        "Which school are you signing for?",
        [],
        what="the school you are signing for",
        widget=forms.RadioSelect,
        coerce=int,
    )

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["membership"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices
