"""Input for support between schools: validation only, in users' words. The services check
the rules again (one open request per need and school, answering once…) and say why they refuse."""

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from collegium.fields import choice, date_field, text
from collegium.frameworks.models import FrameworkVersion, Strand
from collegium.schools.models import School

# URNs are six digits; anything longer cannot be one (and would overflow an integer column).
LONGEST_URN = 9
MATCHES_SHOWN = 5
LONG_TEXT = 5000  # characters of a message, a reply or a description


def days_field(label: str, *, what: str, required: bool = True, help_text: str = "") -> forms.Field:
    """Days of support, in halves of a day: "Days of support must be a number between 0.5 and
    60, like 2 or 1.5" (a decimal, which collegium/fields.py has no helper for)."""
    name = what[:1].upper() + what[1:]
    wrong = f"{name} must be a number between 0.5 and 60, like 2 or 1.5"
    messages = {"required": f"Enter the {what}", "invalid": wrong, "min_value": wrong}
    messages |= {"max_value": wrong, "max_digits": wrong}
    messages["max_decimal_places"] = f"{name} can have at most one decimal place, like 1.5"
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=Decimal("0.5"),
        max_value=60,
        decimal_places=1,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text=help_text or "For example 2 or 1.5",
        error_messages=messages,
    )


def long_text(label: str, *, what: str, required: bool = True, **kwargs: Any) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": 4})
    return text(label, what=what, max_length=LONG_TEXT, required=required, widget=widget, **kwargs)


def find_school(text: str) -> School:
    """The school meant by a URN (exact) or a name: the one open school called exactly that
    (in any case), or else the one open school whose name contains it. Otherwise a
    ValidationError that lists up to five matches, or says none match."""
    text = " ".join(text.split())
    if text.isascii() and text.isdigit():
        school = School.objects.filter(urn=int(text)).first() if len(text) <= LONGEST_URN else None
        if school is None:
            raise ValidationError(f"There is no school with URN {text} in the register")
        return school
    open_schools = School.objects.filter(is_open=True).order_by("name", "urn")
    for matches in (
        open_schools.filter(name__iexact=text),
        open_schools.filter(name__icontains=text),
    ):
        found = list(matches[: MATCHES_SHOWN + 1])
        if len(found) == 1:
            return found[0]
        if found:
            raise ValidationError(_several(text, found, matches.count()))
    raise ValidationError(
        f"No open school's name matches “{text}”. Check the spelling, or enter the "
        "school's 6-digit URN"
    )


def _several(text: str, found: list[School], total: int) -> str:
    names = "; ".join(f"{school.name} (URN {school.urn})" for school in found[:MATCHES_SHOWN])
    more = f" and {total - MATCHES_SHOWN} more" if total > MATCHES_SHOWN else ""
    return (
        f"{total} open schools match “{text}”: {names}{more}. Enter the full name "
        "or the URN of the school you mean"
    )


class SchoolField(forms.CharField):
    """A school, entered by its URN or its name."""

    def __init__(self, *, what: str, **kwargs: Any) -> None:
        super().__init__(max_length=200, **kwargs)
        self.error_messages["required"] = f"Enter {what}"
        self.error_messages["max_length"] = (
            "Enter a school's name or URN of 200 characters or fewer"
        )

    def clean(self, value: Any) -> School | None:
        text = super().clean(value)
        return find_school(text) if text else None


class RequestForm(forms.Form):
    school = SchoolField(
        label="School name or URN",
        what="the name or URN of the school you are asking",
        help_text="The school's full name, like Dringhouses Primary School, or its 6-digit URN",
    )
    message = long_text(
        "Your message to the school's leaders",
        what="a message saying what support you would like",
        help_text="Say what you would like to see or learn, and when would suit you",
    )


class AnswerForm(forms.Form):
    ACCEPT, DECLINE = "accept", "decline"
    answer = choice(
        "Can your school give this support?",
        [(ACCEPT, "Yes, we accept"), (DECLINE, "No, we decline")],
        what="whether you accept or decline the request",
        widget=forms.RadioSelect,
    )
    days_agreed = days_field(
        "If you accept: how many days can you give?",
        what="days of support",
        required=False,
        help_text="For example 2 or 1.5. Leave this empty if you decline.",
    )
    response = long_text(
        "Your reply (say why if you decline)",
        what="your reply",
        required=False,
        help_text="The school that asked will read it.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        answer = data.get("answer")
        days_missing = data.get("days_agreed") is None and "days_agreed" not in self.errors
        if answer == self.ACCEPT and days_missing:
            self.add_error("days_agreed", "Enter the days of support you can give")
        if answer == self.DECLINE and not data.get("response", "").strip():
            self.add_error("response", "Enter the reason you cannot give this support")
        return data


class SessionForm(forms.Form):
    given_on = date_field("Date the support was given", what="the date the support was given")
    days = days_field("Days of support given", what="days of support given")
    given_by = text(
        "Who gave it",
        what="who gave the support",
        max_length=300,
        help_text="Names and roles, like Jo Smith, deputy headteacher",
    )
    what = long_text("What was done", what="what was done")


class OfferForm(forms.Form):
    strand = choice(
        "Which area can your school help with?", [], what="the area your school can help with"
    )
    description = long_text("What you can offer", what="the support you can offer")
    days_available = days_field(
        "Days available (optional)",
        what="days available",
        required=False,
        help_text="Days your school can give in a year, like 3 or 1.5",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["strand"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Choose an area"), *strand_choices()]

    def clean_strand(self) -> Strand:
        chosen = int(self.cleaned_data["strand"])
        return Strand.objects.select_related("area__version").get(pk=chosen)


def strand_choices() -> list[tuple[str, list[tuple[int, str]]]]:
    """The strands of the latest published version of each framework, grouped under the
    framework's name (an older version's strands are no longer reviewed)."""
    latest: dict[int, FrameworkVersion] = {}
    versions = FrameworkVersion.objects.filter(status=FrameworkVersion.Status.PUBLISHED)
    for version in versions.select_related("framework").order_by("framework_id", "-number"):
        latest.setdefault(version.framework_id, version)
    strands = (
        Strand.objects.filter(area__version__in=latest.values())
        .select_related("area")
        .order_by("area__version_id", "area__position", "position")
    )
    by_version: dict[int, list[tuple[int, str]]] = {}
    for strand in strands:
        by_version.setdefault(strand.area.version_id, []).append((strand.pk, str(strand)))
    ordered = sorted(latest.values(), key=lambda version: (version.framework.name, version.pk))
    return [
        (version.framework.name, by_version[version.pk])
        for version in ordered
        if version.pk in by_version
    ]


ANY_DISTANCE = "any"


class DistanceForm(forms.Form):
    """How far from the school to look for schools that could help (the need's page)."""

    within = choice(
        "Schools within",
        [("50", "50 km"), ("100", "100 km"), ("200", "200 km"), (ANY_DISTANCE, "Any distance")],
        what="how far to look",
        required=False,
    )

    def km(self, default: int) -> float | None:
        """The distance chosen (None: any distance); the default when none or a wrong one is."""
        chosen = self.cleaned_data.get("within") if self.is_valid() else None
        if chosen == ANY_DISTANCE:
            return None
        return float(chosen) if chosen else float(default)
