"""Export and import of framework versions as YAML and JSON (F2)."""

import json

import pytest
from django.core.exceptions import ValidationError

from collegium.frameworks import exchange
from collegium.frameworks.models import Framework, FrameworkVersion, LevelDescriptor, Strand
from collegium.frameworks.shipped import FRAMEWORK_FILES, framework_file, load_frameworks

GOOD = """\
slug: tiny
name: Tiny framework
scale:
  - label: Good
  - label: Not yet
areas:
  - code: LG
    title: Leadership
    strands:
      - code: LG1
        title: Vision
        enquiry_question: To what extent is there a vision?
        descriptors:
          Good: Clear vision.
          Not yet: No vision.
      - code: LG2
        title: Governance
"""


def counts() -> tuple[int, int, int]:
    return Framework.objects.count(), FrameworkVersion.objects.count(), Strand.objects.count()


def refusal(text: str, fmt: str | None = None) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        exchange.import_text(None, text, fmt)
    return caught.value.messages


@pytest.mark.parametrize("slug", FRAMEWORK_FILES)
@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_a_shipped_framework_exported_and_imported_again_is_identical(db, slug, fmt):
    load_frameworks()
    original = FrameworkVersion.objects.get(framework__slug=slug, number=1)
    text = exchange.export_text(original, fmt)
    copy = exchange.import_text(None, text, fmt)
    assert (copy.framework_id, copy.number, copy.status) == (original.framework_id, 2, "draft")
    assert exchange.export_text(copy, fmt) == text
    assert exchange.export_text(copy, "yaml") == exchange.export_text(original, "yaml")


def test_yaml_and_json_exports_have_the_same_structure(db):
    load_frameworks()
    version = FrameworkVersion.objects.get(framework__slug="national-areas")
    from_json = json.loads(exchange.export_text(version, "json"))
    import yaml

    assert yaml.safe_load(exchange.export_text(version, "yaml")) == from_json
    safeguarding = from_json["areas"][-1]["strands"][0]
    assert safeguarding["met_or_not_met"] is True
    assert set(safeguarding["descriptors"]) == {"Met", "Not met"}


def test_a_shipped_file_reads_without_problems():
    for slug in FRAMEWORK_FILES:
        spec = exchange.read_text(framework_file(slug).read_text("utf-8"))
        assert spec.slug == slug and spec.areas


def test_a_valid_file_becomes_a_new_draft_framework(db):
    version = exchange.import_text(None, GOOD)
    assert version.framework.name == "Tiny framework" and version.is_draft
    assert [level.label for level in version.scale_levels.all()] == ["Good", "Not yet"]
    strand = Strand.objects.get(area__version=version, code="LG1")
    assert strand.enquiry_question == "To what extent is there a vision?"
    assert dict(LevelDescriptor.objects.filter(strand=strand).values_list("level", "text")) == {
        1: "Clear vision.",
        2: "No vision.",
    }


def test_json_is_detected_from_pasted_text(db):
    version = exchange.import_text(None, '{"slug": "j", "name": "J", "scale": [], "areas": []}')
    assert version.framework.slug == "j"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (GOOD.replace("        title: Governance\n", ""), "Line 16: strand 'LG2' needs a title"),
        (
            GOOD.replace("scale:\n  - label: Good\n  - label: Not yet\n", "scale: Good\n"),
            "Line 3: 'scale' must be a list of levels (or [] for a framework without grades)",
        ),
        (
            GOOD.replace("slug: tiny", "slug: Tiny Framework"),
            "Line 1: the framework: 'slug' must be lower-case letters and digits joined by "
            "hyphens, like peer-estimate",
        ),
        (GOOD.replace("name: Tiny framework\n", ""), "Line 1: the framework needs a name"),
        (
            GOOD.replace("          Not yet: No vision.", "          Excellent: Wow."),
            "Line 15: strand 'LG1': 'Excellent' is not a level of the scale (Good, Not yet)",
        ),
        (GOOD.replace("code: LG2", "code: LG1"), "Line 16: a strand: code 'LG1' is used twice"),
        (
            GOOD.replace("code: LG2", "code: 12"),
            "Line 16: a strand: 'code' must be text (put it in quotes)",
        ),
        (
            GOOD.replace("        title: Vision", "        title: Vision\n        colour: red"),
            "Line 12: 'colour' is not a field of strand 1 of area 'LG': use code, title, "
            "description, enquiry_question, met_or_not_met, descriptors",
        ),
        (
            GOOD.replace(
                "        title: Vision", "        title: Vision\n        met_or_not_met: maybe"
            ),
            "Line 12: strand 'LG1': 'met_or_not_met' must be true or false",
        ),
        (
            GOOD.replace("    title: Leadership", "    title: Leadership\n    title: Again"),
            "Line 9: 'title' is given twice",
        ),
        (GOOD.replace("  - code: LG\n", "  - code: [LG\n"), "Line 8: this is not valid YAML"),
        ("- just\n- a list\n", "Line 1: the framework must be a mapping of fields"),
        ("slug: x\nname: X\nscale: []\n", "Line 1: the framework needs 'areas': a list of areas"),
        (
            '{\n  "slug": "x",\n  "name": "X",\n  "areas": [\n    {"code": "A"}\n  ]\n}',
            "Line 5: area 'A' needs a title",
        ),
        ('{\n  "slug": "x",\n  "name": "X"\n  "areas": []\n}', "Line 4: this is not valid JSON"),
    ],
)
def test_a_malformed_file_is_refused_with_its_line_and_field_and_nothing_imported(
    db, text, message
):
    before = counts()
    messages = refusal(text)
    assert any(m.startswith(message) for m in messages), messages
    assert counts() == before


def test_every_problem_is_listed_not_just_the_first(db):
    text = GOOD.replace("        title: Vision\n", "").replace("        title: Governance\n", "")
    assert refusal(text) == [
        "Line 10: strand 'LG1' needs a title",
        "Line 15: strand 'LG2' needs a title",
    ]


def test_an_import_into_an_existing_framework_adds_a_draft_version(db):
    first = exchange.import_text(None, GOOD)
    second = exchange.import_text(None, GOOD.replace("Vision", "Purpose"))
    assert second.framework_id == first.framework_id and second.number == 2
    assert Strand.objects.get(area__version=second, code="LG1").title == "Purpose"
    assert Strand.objects.get(area__version=first, code="LG1").title == "Vision"
