"""A framework version as plain data, and the checks on a document describing one.

The exchange format (YAML or JSON, same structure) is a mapping:

    slug, name, description, notes       text (slug and name required)
    scale: [{label, description}]        strongest level first; [] for an enquiry framework
    areas: [{code, title, description,
             strands: [{code, title, description, enquiry_question,
                        met_or_not_met, descriptors: {level label: text}}]}]

A strand judged met / not met labels its descriptors "Met" and "Not met". No Django here:
the checks name the line and field at fault, given a map from a field's path to its line.
"""

import re
from dataclasses import dataclass, field
from typing import Any

from collegium.frameworks.models import MET, NOT_MET

MET_LABELS = {MET: "Met", NOT_MET: "Not met"}
Path = tuple[str | int, ...]

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
TOP_FIELDS = ("slug", "name", "description", "notes", "scale", "areas")
LEVEL_FIELDS = ("label", "description")
AREA_FIELDS = ("code", "title", "description", "strands")
STRAND_FIELDS = (
    "code",
    "title",
    "description",
    "enquiry_question",
    "met_or_not_met",
    "descriptors",
)


@dataclass
class LevelSpec:
    label: str
    description: str = ""


@dataclass
class StrandSpec:
    code: str
    title: str
    description: str = ""
    enquiry_question: str = ""
    met_or_not_met: bool = False
    descriptors: dict[int, str] = field(default_factory=dict)  # level position → text


@dataclass
class AreaSpec:
    code: str
    title: str
    description: str = ""
    strands: list[StrandSpec] = field(default_factory=list)


@dataclass
class FrameworkSpec:
    slug: str
    name: str
    description: str = ""
    notes: str = ""
    scale: list[LevelSpec] = field(default_factory=list)
    areas: list[AreaSpec] = field(default_factory=list)


def labels_for(spec_scale: list[LevelSpec], met_or_not_met: bool) -> dict[int, str]:
    if met_or_not_met:
        return dict(MET_LABELS)
    return {position: level.label for position, level in enumerate(spec_scale, start=1)}


def document(spec: FrameworkSpec) -> dict[str, Any]:
    """The exchange document, in a fixed order; empty optional fields are left out."""
    doc: dict[str, Any] = {"slug": spec.slug, "name": spec.name}
    _put(doc, "description", spec.description)
    _put(doc, "notes", spec.notes)
    doc["scale"] = [_put({"label": lv.label}, "description", lv.description) for lv in spec.scale]
    doc["areas"] = [
        _put({"code": a.code, "title": a.title}, "description", a.description)
        | {"strands": [_strand_document(spec, s) for s in a.strands]}
        for a in spec.areas
    ]
    return doc


def _strand_document(spec: FrameworkSpec, strand: StrandSpec) -> dict[str, Any]:
    doc = _put({"code": strand.code, "title": strand.title}, "description", strand.description)
    _put(doc, "enquiry_question", strand.enquiry_question)
    if strand.met_or_not_met:
        doc["met_or_not_met"] = True
    labels = labels_for(spec.scale, strand.met_or_not_met)
    if strand.descriptors:
        doc["descriptors"] = {labels[lv]: text for lv, text in sorted(strand.descriptors.items())}
    return doc


def _put(doc: dict[str, Any], key: str, value: str) -> dict[str, Any]:
    if value:
        doc[key] = value
    return doc


class Checker:
    """Collects every problem in a document, each as "Line N: what is wrong"."""

    def __init__(self, lines: dict[Path, int]) -> None:
        self.lines = lines
        self.errors: list[str] = []

    def line_of(self, path: Path) -> int:
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)

    def error(self, path: Path, message: str) -> None:
        self.errors.append(f"Line {self.line_of(path)}: {message}")

    def mapping(
        self, value: Any, path: Path, what: str, fields: tuple[str, ...]
    ) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.error(path, f"{what} must be a mapping of fields ({', '.join(fields)})")
            return None
        for key in value:
            if key not in fields:
                self.error(
                    (*path, str(key)),
                    f"'{key}' is not a field of {what}: use {', '.join(fields)}",
                )
        return value

    def text(
        self,
        m: dict[str, Any],
        key: str,
        path: Path,
        what: str,
        limit: int = 0,
        required: bool = False,
    ) -> str:
        value = m.get(key)
        if value is None or value == "":
            if required:
                self.error(path, f"{what} needs a {key.replace('_', ' ')}")
            return ""
        if not isinstance(value, str):
            self.error((*path, key), f"{what}: '{key}' must be text (put it in quotes)")
            return ""
        value = value.strip()
        if limit and len(value) > limit:
            self.error((*path, key), f"{what}: '{key}' must be {limit} characters or fewer")
        return value

    def items(self, m: dict[str, Any], key: str, path: Path, message: str) -> list[Any]:
        value = m.get(key, [])
        if value is None:
            return []
        if not isinstance(value, list):
            self.error((*path, key), message)
            return []
        return value

    def code(self, m: dict[str, Any], path: Path, what: str, seen: set[str]) -> str:
        code = self.text(m, "code", path, what, limit=20, required=True)
        if code and not _CODE.fullmatch(code):
            self.error(
                (*path, "code"),
                f"{what}: code '{code}' must be letters, digits, dots, hyphens or underscores",
            )
        elif code in seen:
            self.error((*path, "code"), f"{what}: code '{code}' is used twice")
        seen.add(code)
        return code


def read_document(data: Any, checker: Checker) -> FrameworkSpec:
    """The framework a document describes; every problem found is added to the checker."""
    top = checker.mapping(data, (), "the framework", TOP_FIELDS) or {}
    slug = checker.text(top, "slug", (), "the framework", limit=80, required=True)
    if slug and not SLUG.fullmatch(slug):
        checker.error(
            ("slug",),
            "the framework: 'slug' must be lower-case letters and digits joined by hyphens, "
            "like peer-estimate",
        )
    spec = FrameworkSpec(
        slug=slug,
        name=checker.text(top, "name", (), "the framework", limit=200, required=True),
        description=checker.text(top, "description", (), "the framework"),
        notes=checker.text(top, "notes", (), "the framework"),
    )
    spec.scale = _read_scale(top, checker)
    if "areas" not in top and data is not None and isinstance(data, dict):
        checker.error((), "the framework needs 'areas': a list of areas")
    areas = checker.items(top, "areas", (), "'areas' must be a list of areas")
    area_codes: set[str] = set()
    strand_codes: set[str] = set()
    for index, raw in enumerate(areas):
        path: Path = ("areas", index)
        area = checker.mapping(raw, path, f"area {index + 1}", AREA_FIELDS)
        if area is not None:
            spec.areas.append(_read_area(spec, area, index, checker, (area_codes, strand_codes)))
    return spec


def _read_scale(top: dict[str, Any], checker: Checker) -> list[LevelSpec]:
    message = "'scale' must be a list of levels (or [] for a framework without grades)"
    levels: list[LevelSpec] = []
    for index, raw in enumerate(checker.items(top, "scale", (), message)):
        path: Path = ("scale", index)
        what = f"level {index + 1} of the scale"
        level = checker.mapping(raw, path, what, LEVEL_FIELDS)
        if level is None:
            continue
        label = checker.text(level, "label", path, what, limit=80, required=True)
        if label and label in {existing.label for existing in levels}:
            checker.error((*path, "label"), f"{what}: '{label}' is already a level of the scale")
        levels.append(LevelSpec(label, checker.text(level, "description", path, what)))
    return levels


def _read_area(
    spec: FrameworkSpec,
    area: dict[str, Any],
    index: int,
    checker: Checker,
    seen: tuple[set[str], set[str]],
) -> AreaSpec:
    path: Path = ("areas", index)
    code = checker.code(area, path, f"area {index + 1}", seen[0])
    what = f"area '{code}'" if code else f"area {index + 1}"
    result = AreaSpec(
        code=code,
        title=checker.text(area, "title", path, what, limit=200, required=True),
        description=checker.text(area, "description", path, what),
    )
    strands = checker.items(area, "strands", path, f"{what}: 'strands' must be a list of strands")
    for index, raw in enumerate(strands):
        strand_path: Path = (*path, "strands", index)
        strand = checker.mapping(raw, strand_path, f"strand {index + 1} of {what}", STRAND_FIELDS)
        if strand is not None:
            result.strands.append(_read_strand(spec, strand, strand_path, checker, seen[1]))
    return result


def _read_strand(
    spec: FrameworkSpec, strand: dict[str, Any], path: Path, checker: Checker, seen: set[str]
) -> StrandSpec:
    code = checker.code(strand, path, "a strand", seen)
    what = f"strand '{code}'" if code else "a strand"
    met = strand.get("met_or_not_met", False)
    if not isinstance(met, bool):
        checker.error((*path, "met_or_not_met"), f"{what}: 'met_or_not_met' must be true or false")
        met = False
    result = StrandSpec(
        code=code,
        title=checker.text(strand, "title", path, what, limit=200, required=True),
        description=checker.text(strand, "description", path, what),
        enquiry_question=checker.text(strand, "enquiry_question", path, what),
        met_or_not_met=met,
    )
    result.descriptors = _read_descriptors(spec, strand, path, checker, result)
    return result


def _read_descriptors(
    spec: FrameworkSpec, strand: dict[str, Any], path: Path, checker: Checker, result: StrandSpec
) -> dict[int, str]:
    raw = strand.get("descriptors") or {}
    what = f"strand '{result.code}'" if result.code else "a strand"
    where: Path = (*path, "descriptors")
    if not isinstance(raw, dict):
        checker.error(where, f"{what}: 'descriptors' must map each level's label to its text")
        return {}
    positions = {label: lv for lv, label in labels_for(spec.scale, result.met_or_not_met).items()}
    if raw and not positions:
        checker.error(where, f"{what} has descriptors but the framework has no scale")
        return {}
    descriptors: dict[int, str] = {}
    for label, text in raw.items():
        if label not in positions:
            checker.error(
                (*where, str(label)),
                f"{what}: '{label}' is not a level of the scale ({', '.join(positions)})",
            )
        elif not isinstance(text, str) or not text.strip():
            checker.error((*where, str(label)), f"{what}: the '{label}' descriptor must be text")
        else:
            descriptors[positions[label]] = text.strip()
    return descriptors
