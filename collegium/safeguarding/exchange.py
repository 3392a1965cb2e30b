"""An audit template version as YAML or JSON (one structure, described in spec.py).

The frameworks' reading is reused as it is (frameworks/exchange.py and limits.py): the size and
control-character limits, YAML without anchors or aliases and at most 20 levels deep, JSON with
the line of every field. Import reads and checks the whole file first, naming the line and field
of every problem, and writes nothing unless all of it is valid; then it becomes a new draft
version. A version exported and imported again exports to the same text.
"""

import json
from typing import Any

import yaml
from django.core.exceptions import ValidationError

from collegium.frameworks import exchange as framework_exchange
from collegium.frameworks import limits
from collegium.frameworks.spec import Checker
from collegium.safeguarding import selectors
from collegium.safeguarding.models import TemplateVersion
from collegium.safeguarding.services import templates
from collegium.safeguarding.spec import TemplateSpec, document, read_document

FORMATS = framework_exchange.FORMATS
guess_format = framework_exchange.guess_format


def export_text(version: TemplateVersion, fmt: str) -> str:
    doc = document(selectors.spec_of(version))
    if fmt == "json":
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)


def file_name(version: TemplateVersion, fmt: str) -> str:
    return f"{version.template.slug}-version-{version.number}.{fmt}"


def read_text(text: str, fmt: str | None = None) -> TemplateSpec:
    """The template the text describes, or ValidationError listing every problem by line."""
    maximum = framework_exchange.MAX_CHARACTERS
    if len(text) > maximum:
        raise ValidationError(f"The file must be smaller than {maximum:,} characters")
    if not text.strip():
        raise ValidationError("The file is empty")
    if problem := limits.control_character_problem(text):
        raise ValidationError(problem)
    fmt = fmt or guess_format(text)
    parse = framework_exchange._parse_json if fmt == "json" else framework_exchange._parse_yaml
    data, lines, problems = parse(text)
    checker = Checker(lines)
    checker.errors.extend(problems)
    checker.errors.extend(limits.control_characters_in(data, lines))
    spec = read_document(data, checker)
    if checker.errors:
        raise ValidationError(checker.errors)
    return spec


def import_text(actor: Any, text: str, fmt: str | None = None) -> TemplateVersion:
    """A new draft version from the text: of the template with its slug, or a new template."""
    return templates.import_version(actor, read_text(text, fmt))
