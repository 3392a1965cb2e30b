"""An audit template version as plain data, and the checks on a document describing one.

The exchange format (YAML or JSON, same structure) is a mapping:

    slug, name, description, notes        text (slug and name required)
    sections: [{code, title, description,
                items: [{code, title, good_looks_like, evidence_expected, statutory}]}]

Every item says what good looks like; `statutory: true` marks a duty in law or statutory
guidance. The checks are the frameworks' (frameworks/spec.py `Checker`): each problem names the
line and the field at fault. No Django here.
"""

from dataclasses import dataclass, field
from typing import Any

from collegium.frameworks.spec import SLUG, Checker, Path

TOP_FIELDS = ("slug", "name", "description", "notes", "sections")
SECTION_FIELDS = ("code", "title", "description", "items")
ITEM_FIELDS = ("code", "title", "good_looks_like", "evidence_expected", "statutory")


@dataclass
class ItemSpec:
    code: str
    title: str
    good_looks_like: str
    evidence_expected: str = ""
    statutory: bool = False


@dataclass
class SectionSpec:
    code: str
    title: str
    description: str = ""
    items: list[ItemSpec] = field(default_factory=list)


@dataclass
class TemplateSpec:
    slug: str
    name: str
    description: str = ""
    notes: str = ""
    sections: list[SectionSpec] = field(default_factory=list)


def document(spec: TemplateSpec) -> dict[str, Any]:
    """The exchange document, in a fixed order; empty optional fields are left out."""
    doc: dict[str, Any] = {"slug": spec.slug, "name": spec.name}
    _put(doc, "description", spec.description)
    _put(doc, "notes", spec.notes)
    doc["sections"] = [
        _put({"code": s.code, "title": s.title}, "description", s.description)
        | {"items": [_item_document(item) for item in s.items]}
        for s in spec.sections
    ]
    return doc


def _item_document(item: ItemSpec) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "code": item.code,
        "title": item.title,
        "good_looks_like": item.good_looks_like,
    }
    _put(doc, "evidence_expected", item.evidence_expected)
    if item.statutory:
        doc["statutory"] = True
    return doc


def _put(doc: dict[str, Any], key: str, value: str) -> dict[str, Any]:
    if value:
        doc[key] = value
    return doc


def read_document(data: Any, checker: Checker) -> TemplateSpec:
    """The template a document describes; every problem found is added to the checker."""
    top = checker.mapping(data, (), "the template", TOP_FIELDS) or {}
    slug = checker.text(top, "slug", (), "the template", limit=80, required=True)
    if slug and not SLUG.fullmatch(slug):
        checker.error(
            ("slug",),
            "the template: 'slug' must be lower-case letters and digits joined by hyphens, "
            "like annual-safeguarding-audit",
        )
    spec = TemplateSpec(
        slug=slug,
        name=checker.text(top, "name", (), "the template", limit=200, required=True),
        description=checker.text(top, "description", (), "the template"),
        notes=checker.text(top, "notes", (), "the template"),
    )
    if isinstance(data, dict) and "sections" not in data:
        checker.error((), "the template needs 'sections': a list of sections")
    sections = checker.items(top, "sections", (), "'sections' must be a list of sections")
    codes: tuple[set[str], set[str]] = (set(), set())
    for index, raw in enumerate(sections):
        path: Path = ("sections", index)
        section = checker.mapping(raw, path, f"section {index + 1}", SECTION_FIELDS)
        if section is not None:
            spec.sections.append(_read_section(section, path, index, checker, codes))
    return spec


def _read_section(
    section: dict[str, Any],
    path: Path,
    index: int,
    checker: Checker,
    codes: tuple[set[str], set[str]],
) -> SectionSpec:
    code = checker.code(section, path, f"section {index + 1}", codes[0])
    what = f"section '{code}'" if code else f"section {index + 1}"
    result = SectionSpec(
        code=code,
        title=checker.text(section, "title", path, what, limit=200, required=True),
        description=checker.text(section, "description", path, what),
    )
    items = checker.items(section, "items", path, f"{what}: 'items' must be a list of items")
    if not items and isinstance(section.get("items", []), list):
        checker.error(path, f"{what} needs 'items': at least one item to audit")
    for number, raw in enumerate(items):
        item_path: Path = (*path, "items", number)
        item = checker.mapping(raw, item_path, f"item {number + 1} of {what}", ITEM_FIELDS)
        if item is not None:
            result.items.append(_read_item(item, item_path, checker, codes[1]))
    return result


def _read_item(item: dict[str, Any], path: Path, checker: Checker, seen: set[str]) -> ItemSpec:
    code = checker.code(item, path, "an item", seen)
    what = f"item '{code}'" if code else "an item"
    statutory = item.get("statutory", False)
    if not isinstance(statutory, bool):
        checker.error((*path, "statutory"), f"{what}: 'statutory' must be true or false")
        statutory = False
    good = checker.text(item, "good_looks_like", path, what)
    given = item.get("good_looks_like")
    if given is None or (isinstance(given, str) and not given.strip()):
        checker.error(path, f"{what} needs 'good_looks_like': what good looks like")
    return ItemSpec(
        code=code,
        title=checker.text(item, "title", path, what, limit=300, required=True),
        good_looks_like=good,
        evidence_expected=checker.text(item, "evidence_expected", path, what),
        statutory=statutory,
    )
