"""Choosing schools of the register by name, town or URN (issue 15).

A picker field is a text box (or, for several schools, a box with one school on each line).
Each entry is taken when it is an exact URN, ends in "(URN 100000)" (what the autocomplete
puts in the box), names one school exactly, or matches a single school. When it matches
several, the field refuses with "Which school did you mean?" and keeps the matches in
`field.ambiguous`, which the page shows as radios named `<field>_pick_<line>`; the choice
comes back with the next submission and replaces that line. The same search answers the
autocomplete's JSON (`schools.views.search_json`).
"""

import re
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from collegium.schools.models import School
from collegium.schools.selectors import search_schools

MATCHES_SHOWN = 10
_URN_AT_END = re.compile(r"\(URN (\d{1,9})\)\s*$")
_DIGITS = re.compile(r"^[0-9]{1,9}$")
_NUMBERS = re.compile(r"^[0-9\s,;]+$")
_SEPARATORS = re.compile(r"[\s,;]+")


@dataclass(frozen=True)
class Ambiguous:
    """One entry matching several schools: the page asks which one was meant."""

    line: int
    text: str
    matches: list[School]


def label_of(school: School) -> str:
    """How a school is shown in the choice list and put in the box: name, town and URN."""
    town = f", {school.town}" if school.town else ""
    return f"{school.name}{town} (URN {school.urn})"


def matches_for(text: str, limit: int = MATCHES_SHOWN) -> list[School]:
    """The schools an entry could mean, at most `limit` (plus one, to tell there are more)."""
    text = text.strip()
    at_end = _URN_AT_END.search(text)
    if at_end:
        text = at_end.group(1)
    if len(text) < 2 and not _DIGITS.fullmatch(text):
        return []
    return list(search_schools(text)[: limit + 1])


def resolve(text: str) -> School | list[School]:
    """The one school an entry means, or the schools it could mean (none or several)."""
    found = matches_for(text)
    if len(found) == 1:
        return found[0]
    exact = [school for school in found if school.name.lower() == text.strip().lower()]
    return exact[0] if len(exact) == 1 else found


def _not_found(text: str) -> str:
    text = text.strip()
    at_end = _URN_AT_END.search(text)
    if _DIGITS.fullmatch(text) or at_end:
        return f"There is no school with URN {at_end.group(1) if at_end else text} in the register"
    return f"No school called ‘{text}’ is on the register – check the spelling or search by URN"


def entries_of(text: str) -> list[str]:
    """One entry a line; a line of numbers only may hold several URNs (100000, 100001)."""
    entries: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if _NUMBERS.fullmatch(line):
            entries.extend(word for word in _SEPARATORS.split(line) if word)
        elif line:
            entries.append(line)
    return entries


class PickerInput(forms.TextInput):
    """A text box whose value is replaced by the school picked from the choice list."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        return _with_picks(data, name, data.get(name))


class PickerTextarea(forms.Textarea):
    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        return _with_picks(data, name, data.get(name))


def _with_picks(data: Any, name: str, text: str | None) -> str | None:
    if text is None:
        return None
    lines = entries_of(text)
    picked = False
    for number in range(len(lines)):
        pick = data.get(f"{name}_pick_{number}", "")
        if _DIGITS.fullmatch(pick):
            lines[number], picked = pick, True
    return "\n".join(lines) if picked else text


class SchoolPickerField(forms.CharField):
    """One school, or with `many` several, chosen by name, town or URN."""

    def __init__(
        self, *, what: str, many: bool = False, max_length: int = 2_000, **kwargs: Any
    ) -> None:
        self.many = many
        self.ambiguous: list[Ambiguous] = []
        kwargs.setdefault("widget", PickerTextarea if many else PickerInput)
        super().__init__(
            max_length=max_length,
            error_messages={
                "required": f"Enter {what}",
                "max_length": f"Enter at most {max_length:,} characters",
            },
            **kwargs,
        )

    def clean(self, value: Any) -> Any:
        text = super().clean(value)
        if not text:
            return [] if self.many else None
        entries = entries_of(text) if self.many else [text.strip()]
        chosen, problems = self._resolve_all(entries)
        if problems:
            raise ValidationError(problems)
        unique = list(dict.fromkeys(chosen))
        return unique if self.many else unique[0]

    def _resolve_all(self, entries: list[str]) -> tuple[list[School], list[str]]:
        chosen: list[School] = []
        problems: list[str] = []
        self.ambiguous = []
        for line, entry in enumerate(entries):
            found = resolve(entry)
            if isinstance(found, School):
                chosen.append(found)
            elif not found:
                problems.append(_not_found(entry))
            else:
                self.ambiguous.append(Ambiguous(line, entry, found[:MATCHES_SHOWN]))
                problems.append(
                    f"Which school did you mean by ‘{entry}’? Choose one from the list "
                    "or enter its URN"
                )
        return chosen, problems
