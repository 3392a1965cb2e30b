"""A question bank version as YAML or JSON (one structure, described in spec.py).

The frameworks' reading is reused as it is (frameworks/exchange.py and limits.py): the size and
control-character limits, YAML without anchors or aliases and at most 20 levels deep, JSON with
the line of every field. Import reads and checks the whole file first, naming the line and field
of every problem (a strand no published framework has is one), and writes nothing unless all of
it is valid; then it becomes a new draft version. A version exported and imported again exports
to the same text.
"""

from typing import Any

from collegium.frameworks import exchange as framework_exchange
from collegium.frameworks.spec import Checker
from collegium.voice import selectors
from collegium.voice.models import BankVersion
from collegium.voice.services import banks
from collegium.voice.spec import BankSpec, document, read_document

FORMATS = framework_exchange.FORMATS
guess_format = framework_exchange.guess_format
file_name = framework_exchange.file_name


def export_text(version: BankVersion, fmt: str) -> str:
    return framework_exchange.dump(document(selectors.spec_of(version)), fmt)


def read_text(text: str, fmt: str | None = None) -> BankSpec:
    """The bank the text describes, or ValidationError listing every problem by line."""
    return framework_exchange.read_checked(text, fmt, read_document, _check_strands)


def _check_strands(spec: BankSpec, checker: Checker) -> None:
    for index, question in enumerate(spec.questions):
        for number, reference in enumerate(question.strands):
            if banks.strand_for(reference) is None:
                checker.error(
                    ("questions", index, "strands", number),
                    f"question '{question.code}': no published framework has the strand "
                    f"{reference}",
                )


def import_text(actor: Any, text: str, fmt: str | None = None) -> BankVersion:
    """A new draft version from the text: of the bank with its slug, or a new bank."""
    return banks.import_version(actor, read_text(text, fmt))
