"""F2 exchange: a framework version as YAML or JSON (one structure, described in spec.py).

Import reads and checks the whole file first, naming the line and field of every problem,
and writes nothing unless all of it is valid; then it becomes a new draft version in one
transaction. A version exported and imported again exports to the same text.
"""

import json
from collections.abc import Callable
from typing import Any

import yaml
from django.core.exceptions import ValidationError

from collegium.accounts.models import User
from collegium.frameworks import limits, selectors, services
from collegium.frameworks.models import FrameworkVersion
from collegium.frameworks.spec import Checker, FrameworkSpec, Path, document, read_document
from collegium.frameworks.versioning import DocumentVersion

FORMATS = {"yaml": "application/yaml", "json": "application/json"}
MAX_CHARACTERS = 1_000_000


def export_text(version: FrameworkVersion, fmt: str) -> str:
    return dump(document(selectors.spec_of(version)), fmt)


def dump(doc: dict[str, Any], fmt: str) -> str:
    """A document (of a framework, audit template or question bank) as YAML or JSON text."""
    if fmt == "json":
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)


def file_name(version: DocumentVersion, fmt: str) -> str:
    return f"{version.document.slug}-version-{version.number}.{fmt}"


def guess_format(text: str) -> str:
    return "json" if text.lstrip().startswith(("{", "[")) else "yaml"


def read_text(text: str, fmt: str | None = None) -> FrameworkSpec:
    """The framework the text describes, or ValidationError listing every problem by line."""
    return read_checked(text, fmt, read_document)


def read_checked[T](
    text: str,
    fmt: str | None,
    read: Callable[[Any, Checker], T],
    check: Callable[[T, Checker], None] | None = None,
) -> T:
    """What `read` makes of the text's data (and `check` finds), or every problem by line.

    The frameworks', safeguarding templates' and question banks' imports read text this way.
    """
    if len(text) > MAX_CHARACTERS:
        raise ValidationError(f"The file must be smaller than {MAX_CHARACTERS:,} characters")
    if not text.strip():
        raise ValidationError("The file is empty")
    if problem := limits.control_character_problem(text):
        raise ValidationError(problem)
    fmt = fmt or guess_format(text)
    data, lines, problems = parse_json(text) if fmt == "json" else parse_yaml(text)
    checker = Checker(lines)
    checker.errors.extend(problems)
    checker.errors.extend(limits.control_characters_in(data, lines))
    spec = read(data, checker)
    if check is not None:
        check(spec, checker)
    if checker.errors:
        raise ValidationError(checker.errors)
    return spec


def import_text(actor: User | None, text: str, fmt: str | None = None) -> FrameworkVersion:
    """A new draft version from the text: of the framework with its slug, or a new framework."""
    return services.import_version(actor, read_text(text, fmt))


def parse_json(text: str) -> tuple[Any, dict[Path, int], list[str]]:
    if problem := limits.json_depth_problem(text):
        raise ValidationError(problem)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValidationError(
            f"Line {error.lineno}: this is not valid JSON ({error.msg} at column {error.colno})"
        ) from error
    except ValueError as error:  # a number too long for Python to read
        raise ValidationError(
            "This is not valid JSON: a number is too long (put text in quotes)"
        ) from error
    # JSON is YAML's flow style, so YAML's node marks give each field's line. Tabs can only
    # be whitespace in valid JSON, and YAML does not accept them there.
    try:
        node = yaml.compose(text.replace("\t", " "), Loader=limits.LimitedLoader)
    except yaml.YAMLError:
        return data, {}, []
    lines: dict[Path, int] = {}
    if node is not None:
        _walk(node, (), lines, [])
    return data, lines, []


def parse_yaml(text: str) -> tuple[Any, dict[Path, int], list[str]]:
    loader = limits.LimitedLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except limits.LimitError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else 1
        raise ValidationError(f"Line {line}: {error.problem}") from error
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        raise ValidationError(f"Line {line}: this is not valid YAML ({error.problem})") from error
    except yaml.YAMLError as error:
        raise ValidationError(f"This is not valid YAML ({error})") from error
    finally:
        loader.dispose()
    lines: dict[Path, int] = {}
    problems: list[str] = []
    if node is not None:
        _walk(node, (), lines, problems)
    return data, lines, problems


def _walk(node: yaml.Node, path: Path, lines: dict[Path, int], problems: list[str]) -> None:
    """Record the line of every field and item; note a field given twice in one mapping."""
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                problems.append(f"Line {key_node.start_mark.line + 1}: '{key}' is given twice")
            seen.add(key)
            _walk(value_node, (*path, key), lines, problems)
            lines[(*path, key)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), lines, problems)
