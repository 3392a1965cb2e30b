"""A question bank version as plain data, and the checks on a document describing one.

The exchange format (YAML or JSON, same structure) is a mapping:

    slug, name, audience, description, notes   text (slug, name and audience required)
    scale: [label, …]                          the answers, most positive first (2 to 7)
    questions: [{code, text, hint, kind, strands: ["framework-slug:STRAND", …]}]

`kind` is `scale` (the default: an answer on the scale) or `text` (their own words). Each
strand is named by its framework's slug and its code, like national-areas:ATB2; through the
crosswalk a question then bears on the strands of every framework. The checks are the
frameworks' (frameworks/spec.py `Checker`): each problem names the line and the field at fault.
No Django here.
"""

import re
from dataclasses import dataclass, field
from typing import Any

from collegium.frameworks.spec import SLUG, Checker, Path

AUDIENCES = ("pupils_primary", "pupils_secondary", "staff", "parents", "governors")
KINDS = ("scale", "text")
TOP_FIELDS = ("slug", "name", "audience", "description", "notes", "scale", "questions")
QUESTION_FIELDS = ("code", "text", "hint", "kind", "strands")
SCALE_SIZES = range(2, 8)
_STRAND = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*:[A-Za-z0-9][A-Za-z0-9._-]*$")


@dataclass
class QuestionSpec:
    code: str
    text: str
    hint: str = ""
    kind: str = "scale"
    strands: list[str] = field(default_factory=list)  # "framework-slug:CODE"


@dataclass
class BankSpec:
    slug: str
    name: str
    audience: str
    description: str = ""
    notes: str = ""
    scale: list[str] = field(default_factory=list)
    questions: list[QuestionSpec] = field(default_factory=list)


def document(spec: BankSpec) -> dict[str, Any]:
    """The exchange document, in a fixed order; empty optional fields are left out."""
    doc: dict[str, Any] = {"slug": spec.slug, "name": spec.name, "audience": spec.audience}
    _put(doc, "description", spec.description)
    _put(doc, "notes", spec.notes)
    doc["scale"] = list(spec.scale)
    doc["questions"] = [_question_document(q) for q in spec.questions]
    return doc


def _question_document(question: QuestionSpec) -> dict[str, Any]:
    doc: dict[str, Any] = {"code": question.code, "text": question.text}
    _put(doc, "hint", question.hint)
    if question.kind != "scale":
        doc["kind"] = question.kind
    if question.strands:
        doc["strands"] = list(question.strands)
    return doc


def _put(doc: dict[str, Any], key: str, value: str) -> dict[str, Any]:
    if value:
        doc[key] = value
    return doc


def read_document(data: Any, checker: Checker) -> BankSpec:
    """The bank a document describes; every problem found is added to the checker."""
    top = checker.mapping(data, (), "the question bank", TOP_FIELDS) or {}
    what = "the question bank"
    slug = checker.text(top, "slug", (), what, limit=80, required=True)
    if slug and not SLUG.fullmatch(slug):
        checker.error(
            ("slug",),
            f"{what}: 'slug' must be lower-case letters and digits joined by hyphens, "
            "like parents-and-carers",
        )
    audience = checker.text(top, "audience", (), what, required=True)
    if audience and audience not in AUDIENCES:
        checker.error(("audience",), f"{what}: 'audience' must be one of {', '.join(AUDIENCES)}")
    spec = BankSpec(
        slug=slug,
        name=checker.text(top, "name", (), what, limit=200, required=True),
        audience=audience,
        description=checker.text(top, "description", (), what),
        notes=checker.text(top, "notes", (), what),
        scale=_read_scale(top, checker),
    )
    questions = checker.items(top, "questions", (), "'questions' must be a list of questions")
    if not questions and isinstance(top.get("questions", []), list):
        checker.error((), f"{what} needs 'questions': at least one question")
    seen: set[str] = set()
    for index, raw in enumerate(questions):
        path: Path = ("questions", index)
        question = checker.mapping(raw, path, f"question {index + 1}", QUESTION_FIELDS)
        if question is not None:
            spec.questions.append(_read_question(question, path, index, checker, seen))
    return spec


def _read_scale(top: dict[str, Any], checker: Checker) -> list[str]:
    raw = checker.items(top, "scale", (), "'scale' must be a list of answers, most positive first")
    labels = []
    for index, label in enumerate(raw):
        if not isinstance(label, str) or not label.strip():
            checker.error(("scale", index), f"answer {index + 1} of the scale must be text")
        elif len(label.strip()) > 80:
            checker.error(
                ("scale", index), f"answer {index + 1} of the scale is over 80 characters"
            )
        else:
            labels.append(label.strip())
    if len(raw) not in SCALE_SIZES and isinstance(top.get("scale", []), list):
        checker.error(("scale",), "the question bank needs a 'scale' of 2 to 7 answers")
    if len(set(labels)) != len(labels):
        checker.error(("scale",), "each answer of the scale must be different")
    return labels


def _read_question(
    question: dict[str, Any], path: Path, index: int, checker: Checker, seen: set[str]
) -> QuestionSpec:
    code = checker.code(question, path, f"question {index + 1}", seen)
    what = f"question '{code}'" if code else f"question {index + 1}"
    kind = question.get("kind", "scale")
    if kind not in KINDS:
        checker.error((*path, "kind"), f"{what}: 'kind' must be scale or text")
        kind = "scale"
    strands = checker.items(question, "strands", path, f"{what}: 'strands' must be a list")
    for number, reference in enumerate(strands):
        if not isinstance(reference, str) or not _STRAND.fullmatch(reference):
            checker.error(
                (*path, "strands", number),
                f"{what}: each strand is a framework's slug and a strand's code, "
                "like national-areas:ATB2",
            )
    return QuestionSpec(
        code=code,
        text=checker.text(question, "text", path, what, limit=300, required=True),
        hint=checker.text(question, "hint", path, what, limit=300),
        kind=kind,
        strands=[s for s in strands if isinstance(s, str)],
    )
