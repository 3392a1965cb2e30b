"""Limits on an imported framework file, so a hostile file is refused before it costs anything.

A framework is nested about 7 levels deep and never needs YAML's anchors and aliases, which
let a few hundred bytes expand to gigabytes ("billion laughs"). Depth is checked while the
file is read (YAML) or by a scan of its brackets before it is parsed (JSON), so neither
parser nor our own walk over the result can recurse past Python's limit.
"""

import re
from collections.abc import Iterator
from typing import Any

import yaml

MAX_DEPTH = 20
TOO_DEEP = f"the file is nested more than {MAX_DEPTH} levels deep"
NO_ALIASES = "anchors and aliases (& and *) are not allowed: write each value out in full"
CANNOT_READ = "this value cannot be read as a number or date (put text in quotes)"
# Characters that are never part of a framework's text (tab, new line and return are).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# A JSON string (an unterminated one runs to the end, so matching stays linear) or a run of
# characters that are neither brackets nor new lines.
_JSON_NOISE = re.compile(r'"(?:[^"\\]++|\\.)*+(?:"|\\?\Z)|[^"\[\]{}\n]++', re.S)


class LimitError(yaml.MarkedYAMLError):
    """A file refused for one of these limits rather than for its YAML."""


class LimitedLoader(yaml.SafeLoader):
    """YAML's safe loader, refusing anchors, aliases and nesting beyond MAX_DEPTH."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise LimitError(problem=NO_ALIASES, problem_mark=event.start_mark)
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise LimitError(problem=TOO_DEEP, problem_mark=event.start_mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        # An impossible date (2027-02-30) or a number too long for Python raises ValueError.
        try:
            return super().construct_object(node, deep)
        except ValueError as error:
            raise LimitError(problem=CANNOT_READ, problem_mark=node.start_mark) from error


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def control_character_problem(text: str) -> str | None:
    """The first control character in the raw text, by line."""
    found = CONTROL.search(text)
    if found is None:
        return None
    return f"Line {line_of(text, found.start())}: {_remove(found.group())}"


def json_depth_problem(text: str) -> str | None:
    """The line where JSON text first nests beyond MAX_DEPTH, found without parsing it."""
    depth, line = 0, 1
    for char in _JSON_NOISE.sub("", text):  # only brackets and new lines are left
        if char == "\n":
            line += 1
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return f"Line {line}: {TOO_DEEP}"
        else:
            depth -= 1
    return None


def control_characters_in(data: Any, lines: dict[Any, int]) -> list[str]:
    """Control characters that escapes ("\\0", "\\u0000") put into the parsed text, by line."""
    return [
        f"Line {_nearest_line(path, lines)}: {_remove(found.group())}"
        for path, value in _texts(data, ())
        if (found := CONTROL.search(value))
    ]


def _remove(char: str) -> str:
    return f"remove the control character U+{ord(char):04X} (the file must be plain text)"


def _texts(data: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every text in the data (keys too) with its path; the data is at most MAX_DEPTH deep."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _texts(key, (*path, key))
            yield from _texts(value, (*path, key))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from _texts(item, (*path, index))


def _nearest_line(path: tuple[Any, ...], lines: dict[Any, int]) -> int:
    while path and path not in lines:
        path = path[:-1]
    return lines.get(path, 1)
