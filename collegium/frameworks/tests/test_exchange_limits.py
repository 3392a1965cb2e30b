"""Hostile framework files are refused quickly, by line, and nothing is imported."""

import time

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from collegium.frameworks import exchange
from collegium.frameworks.models import Framework, FrameworkVersion, Strand

# The classic "billion laughs": nine levels of nine aliases, about a billion strings once expanded.
LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{this}: &{this} [{', '.join([f'*{last}'] * 9)}]\n"
    for last, this in zip("abcdefgh", "bcdefghi", strict=True)
)
TINY = "slug: tiny\nname: Tiny\nscale: []\nareas: []\n"
DEEP = 1_000


def counts() -> tuple[int, int, int]:
    return Framework.objects.count(), FrameworkVersion.objects.count(), Strand.objects.count()


def refusal(text: str, fmt: str | None = None) -> list[str]:
    """The messages of the refusal, which must come quickly (it took 15 s before the limits)."""
    started = time.perf_counter()
    with pytest.raises(ValidationError) as caught:
        exchange.import_text(None, text, fmt)
    assert time.perf_counter() - started < 2
    return caught.value.messages


def test_anchors_and_aliases_are_refused_before_anything_expands(db):
    assert len(LAUGHS) < 1_000
    assert refusal(LAUGHS) == [
        "Line 1: anchors and aliases (& and *) are not allowed: write each value out in full"
    ]
    assert counts() == (0, 0, 0)


def test_an_alias_alone_is_refused_with_its_line(db):
    text = TINY.replace("name: Tiny", "name: *somewhere")
    assert refusal(text) == [
        "Line 2: anchors and aliases (& and *) are not allowed: write each value out in full"
    ]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("slug: x\nname: " + "[" * DEEP + "]" * DEEP + "\n", 2),
        ("slug: x\nname: " + "[" * 900_000, 2),
        ("slug: x\nname:\n" + "".join(f"{'  ' * depth}- \n" for depth in range(1, 500)), 22),
    ],
    ids=["flow", "flow-unclosed-900k", "block"],
)
def test_yaml_nested_too_deep_is_refused(db, text, line):
    messages = refusal(text, "yaml")
    assert messages == [f"Line {line}: the file is nested more than 20 levels deep"]


@pytest.mark.parametrize(
    "text",
    [
        '{"slug": "x",\n "name": ' + "[" * DEEP + "]" * DEEP + "}",
        '{"slug": "x",\n "name": ' + '{"a": ' * DEEP + "1" + "}" * DEEP + "}",
        '{"slug": "[[[[",\n "name": ' + "[" * 100_000 + "]" * 100_000 + "}",
    ],
    ids=["lists", "objects", "brackets-in-text-ignored"],
)
def test_json_nested_too_deep_is_refused(db, text):
    assert refusal(text, "json") == ["Line 2: the file is nested more than 20 levels deep"]
    assert refusal(text) == ["Line 2: the file is nested more than 20 levels deep"]


@pytest.mark.parametrize(
    "text",
    ['{"slug": "' + '\\"[' * 300_000, '{"slug": ' + "]" * 900_000, '{"a":\n' + '"[[",' * 150_000],
    ids=["unterminated-text", "closing-brackets", "many-texts"],
)
def test_a_large_broken_json_file_is_refused_quickly(db, text):
    assert refusal(text, "json")[0].startswith("Line ")


def test_brackets_inside_json_text_do_not_count_as_nesting(db):
    text = '{"slug": "x", "name": "[[[[[[[[[[[[[[[[[[[[[[[[ \\" {{{{{{{{{{{{{{{{{{{{{{{{",\n'
    version = exchange.import_text(None, text + '"scale": [], "areas": []}')
    assert version.framework.name.startswith("[[[[")


@pytest.mark.parametrize(
    ("text", "fmt", "message"),
    [
        (TINY.replace("name: Tiny", "name: Ti\x00ny"), None, "Line 2: remove the control "),
        (TINY.replace("areas: []", "areas: []\x1b"), "yaml", "Line 4: remove the control "),
        ('{"slug": "x",\n"name": "\x1b", "scale": [], "areas": []}', "json", "Line 2: "),
        ('slug: x\nname: "Ti\\0ny"\nscale: []\nareas: []\n', None, "Line 2: remove the control "),
        ('slug: x\nname: "Ti\\eny"\nscale: []\nareas: []\n', None, "Line 2: remove the control "),
        (
            '{"slug": "x",\n"name": "Ti\\u0000ny", "scale": [], "areas": []}',
            "json",
            "Line 2: remove the control ",
        ),
    ],
    ids=["nul", "escape", "json-raw", "yaml-escaped-nul", "yaml-escaped-esc", "json-escaped-nul"],
)
def test_a_control_character_is_refused_with_its_line(db, text, fmt, message):
    messages = refusal(text, fmt)
    assert any(m.startswith(message) for m in messages), messages
    assert counts() == (0, 0, 0)


@pytest.mark.parametrize(
    ("text", "fmt", "message"),
    [
        (TINY.replace("name: Tiny", "name: " + "1" * 5_000), "yaml", "Line 2: this value cannot"),
        (TINY.replace("name: Tiny", "name: 2027-02-30"), "yaml", "Line 2: this value cannot"),
        ('{"slug": "x", "name": ' + "1" * 5_000 + "}", "json", "This is not valid JSON"),
    ],
    ids=["yaml-long-number", "yaml-impossible-date", "json-long-number"],
)
def test_a_value_that_cannot_be_read_is_refused(db, text, fmt, message):
    messages = refusal(text, fmt)
    assert any(m.startswith(message) for m in messages), messages


def test_a_file_over_a_million_characters_is_refused(db):
    text = TINY + "# " + "x" * exchange.MAX_CHARACTERS
    assert refusal(text) == ["The file must be smaller than 1,000,000 characters"]


def test_the_import_page_refuses_the_billion_laughs_and_a_control_character(
    client_for, network_admin
):
    client = client_for(network_admin)
    page = client.post(
        "/frameworks/import/", {"file": SimpleUploadedFile("l.yaml", LAUGHS.encode())}
    )
    assert page.status_code == 400
    assert "Line 1: anchors and aliases" in page.content.decode()
    upload = SimpleUploadedFile("c.yaml", TINY.replace("Tiny", "T\x00").encode())
    page = client.post("/frameworks/import/", {"file": upload})
    assert page.status_code == 400
    assert "Line 2: remove the control character" in page.content.decode()
    assert counts() == (0, 0, 0)


def test_someone_who_may_not_edit_frameworks_cannot_import(client_for, school_leader):
    page = client_for(school_leader).post("/frameworks/import/", {"text": LAUGHS})
    assert page.status_code == 403
    assert counts() == (0, 0, 0)
