from typing import Any

from django import forms

from collegium import fields
from collegium.accounts.models import User
from collegium.clusters.models import MAX_SCHOOLS, MIN_SCHOOLS
from collegium.schools.models import School
from collegium.schools.picker import SchoolPickerField

URNS_LIMIT = 2_000  # 7 schools, one a line, each a name with its town and URN
MOU_TEXT_LIMIT = 20_000  # each part of the memorandum, as long as a review's evidence note


class CreateClusterForm(forms.Form):
    name = fields.text("Cluster name", what="the cluster's name", max_length=200)
    locality = fields.text(
        "Locality",
        what="the locality",
        max_length=200,
        required=False,
        help_text="The town or area the schools serve, for example North Tyneside",
    )
    urns = SchoolPickerField(
        label="Founding schools",
        what="the founding schools",
        many=True,
        max_length=URNS_LIMIT,
        help_text=(
            f"Enter {MIN_SCHOOLS} to {MAX_SCHOOLS} schools, one on each line: each school's "
            "name, town or URN. Each school is invited and joins when its headteacher accepts."
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
        schools: list[School] = self.cleaned_data["urns"]
        if not MIN_SCHOOLS <= len(schools) <= MAX_SCHOOLS:
            raise forms.ValidationError(
                f"Enter between {MIN_SCHOOLS} and {MAX_SCHOOLS} schools – you entered "
                f"{len(schools)}"
            )
        return schools

    def clean_coordinator_email(self) -> User:
        email = self.cleaned_data["coordinator_email"].strip().lower()
        coordinator = User.objects.filter(email=email, is_active=True).first()
        if coordinator is None:
            raise forms.ValidationError(f"There is no Collegium account for {email}")
        return coordinator


class InviteSchoolForm(forms.Form):
    urn = SchoolPickerField(
        label="School to invite",
        what="the school's name, town or URN",
        max_length=300,
        help_text="The school's name, town or unique reference number (URN)",
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
