"""G1 audit templates as data: YAML and JSON export and import, line-and-field refusals."""

import json

import pytest
import yaml
from django.core.exceptions import ValidationError

from collegium.safeguarding import exchange
from collegium.safeguarding.models import AuditTemplate, TemplateItem, TemplateVersion
from collegium.safeguarding.shipped import DATA, TEMPLATE_FILES, load_templates, shipped_version
from collegium.safeguarding.tests.conftest import SMALL


def refusal(text: str, fmt: str | None = None) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        exchange.import_text(None, text, fmt)
    return caught.value.messages


def counts() -> tuple[int, int, int]:
    return (
        AuditTemplate.objects.count(),
        TemplateVersion.objects.count(),
        TemplateItem.objects.count(),
    )


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_the_shipped_template_exported_and_imported_again_is_unchanged(db, fmt):
    load_templates()
    original = shipped_version()
    assert original is not None
    text = exchange.export_text(original, fmt)
    copy = exchange.import_text(None, text, fmt)
    assert (copy.template_id, copy.number, copy.status) == (original.template_id, 2, "draft")
    assert exchange.export_text(copy, fmt) == text
    assert exchange.export_text(copy, "json") == exchange.export_text(original, "json")


def test_yaml_and_json_describe_the_same_template(db):
    load_templates()
    version = shipped_version()
    assert version is not None
    from_yaml = yaml.safe_load(exchange.export_text(version, "yaml"))
    assert from_yaml == json.loads(exchange.export_text(version, "json"))
    codes = [section["code"] for section in from_yaml["sections"]]
    assert codes == ["LD", "PO", "TR", "SR", "RC", "CM", "OS", "VG", "AL", "SV", "GO"]


def test_the_shipped_template_covers_every_area_and_marks_statutory_items(db):
    assert load_templates() == ["annual-safeguarding-audit"]
    assert load_templates() == []  # a second load changes nothing
    version = shipped_version()
    assert version is not None and version.status == "published"
    items = TemplateItem.objects.filter(section__version=version)
    assert items.count() == 26
    assert items.filter(statutory=True).count() == 19
    assert all(item.good_looks_like for item in items)
    assert [path.name for path in DATA.iterdir() if path.suffix == ".yaml"] == TEMPLATE_FILES


def test_an_import_of_a_known_slug_is_a_new_draft_version(db):
    first = exchange.import_text(None, SMALL, "yaml")
    again = exchange.import_text(None, SMALL.replace("Three items", "Still three items"))
    assert (first.number, again.number) == (1, 2)
    assert again.template_id == first.template_id and again.is_draft


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            SMALL.replace(
                "    statutory: true\n      - code: LD2",
                "    statutory: yes please\n      - code: LD2",
            ),
            "Line 12: item 'LD1': 'statutory' must be true or false",
        ),
        (
            SMALL.replace("        good_looks_like: Protected time each week.\n", ""),
            "Line 13: item 'LD2' needs 'good_looks_like': what good looks like",
        ),
        (
            SMALL.replace("      - code: SR1", "      - code: LD1"),
            "Line 19: an item: code 'LD1' is used twice",
        ),
        (
            SMALL.replace(
                "    title: Safer recruitment\n", "    title: Safer recruitment\n    owner: Sam\n"
            ),
            "Line 18: 'owner' is not a field of section 2: use code, title, description, items",
        ),
        (
            SMALL.replace("slug: small-audit", "slug: Small Audit"),
            "Line 1: the template: 'slug' must be lower-case letters and digits joined by hyphens, "
            "like annual-safeguarding-audit",
        ),
        (
            SMALL.replace(
                "    items:\n      - code: SR1", "    items: []\n    old:\n      - code: SR1"
            ),
            "Line 16: section 'SR' needs 'items': at least one item to audit",
        ),
    ],
)
def test_a_malformed_template_is_refused_naming_the_line_and_field(db, text, expected):
    assert expected in refusal(text)
    assert counts() == (0, 0, 0)


def test_a_json_template_is_refused_naming_the_line_of_the_field(db):
    doc = yaml.safe_load(SMALL)
    doc["sections"][1]["items"][0]["statutory"] = "no"
    text = json.dumps(doc, indent=2)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if '"statutory": "no"' in row)
    assert refusal(text, "json") == [f"Line {line}: item 'SR1': 'statutory' must be true or false"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "The file is empty"),
        ("slug: [unclosed", "Line 1: this is not valid YAML"),
        ("base: &a {x: 1}\nslug: *a\n", "anchors and aliases (& and *) are not allowed"),
        ('{"slug": "x",\n "name": }', "Line 2: this is not valid JSON"),
        ("- a list\n", "the template must be a mapping of fields"),
    ],
)
def test_what_is_not_a_template_at_all_is_refused(db, text, expected):
    assert any(expected in message for message in refusal(text))
    assert counts() == (0, 0, 0)
