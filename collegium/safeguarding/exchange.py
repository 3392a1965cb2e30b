"""An audit template version as YAML or JSON (one structure, described in spec.py).

The frameworks' reading is reused as it is (frameworks/exchange.py and limits.py): the size and
control-character limits, YAML without anchors or aliases and at most 20 levels deep, JSON with
the line of every field. Import reads and checks the whole file first, naming the line and field
of every problem, and writes nothing unless all of it is valid; then it becomes a new draft
version. A version exported and imported again exports to the same text.
"""

from typing import Any

from collegium.frameworks import exchange as framework_exchange
from collegium.safeguarding import selectors
from collegium.safeguarding.models import TemplateVersion
from collegium.safeguarding.services import templates
from collegium.safeguarding.spec import TemplateSpec, document, read_document

FORMATS = framework_exchange.FORMATS
guess_format = framework_exchange.guess_format
file_name = framework_exchange.file_name


def export_text(version: TemplateVersion, fmt: str) -> str:
    return framework_exchange.dump(document(selectors.spec_of(version)), fmt)


def read_text(text: str, fmt: str | None = None) -> TemplateSpec:
    """The template the text describes, or ValidationError listing every problem by line."""
    return framework_exchange.read_checked(text, fmt, read_document)


def import_text(actor: Any, text: str, fmt: str | None = None) -> TemplateVersion:
    """A new draft version from the text: of the template with its slug, or a new template."""
    return templates.import_version(actor, read_text(text, fmt))
