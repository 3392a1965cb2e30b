"""One audit vocabulary: every record_change names its verb from collegium/audit/verbs.py."""

import ast
from pathlib import Path

from collegium.audit import verbs
from collegium.audit.services import record_change

ROOT = Path(__file__).resolve().parent.parent / "collegium"
VERBS_MODULE = ROOT / "audit" / "verbs.py"


def _sources() -> dict[Path, ast.Module]:
    return {
        path: ast.parse(path.read_text(), filename=str(path))
        for path in sorted(ROOT.rglob("*.py"))
        if "tests" not in path.relative_to(ROOT).parts and "migrations" not in path.parts
    }


SOURCES = _sources()
PAST = {"set", "sent", "drawn", "withdrawn"}
CONSTANTS = {name for name in vars(verbs) if name.isupper() and name != "EARLIER"}


def _calls(tree: ast.Module) -> list[ast.Call]:
    def named(call: ast.Call) -> str:
        func = call.func
        return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")

    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and named(node) == "record_change"
    ]


def _verb(call: ast.Call) -> ast.expr | None:
    given = {keyword.arg: keyword.value for keyword in call.keywords}
    return call.args[1] if len(call.args) > 1 else given.get("action")


def _is_raw(node: ast.expr | None) -> bool:
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str)
    )


def test_the_source_has_record_change_calls():
    assert sum(len(_calls(tree)) for tree in SOURCES.values()) > 90


def test_no_record_change_names_its_verb_in_a_raw_string():
    raw = [
        f"{path.relative_to(ROOT)}:{call.lineno}"
        for path, tree in SOURCES.items()
        for call in _calls(tree)
        if _is_raw(_verb(call))
    ]
    assert raw == [], "use a constant from collegium/audit/verbs.py"


def test_no_module_spells_a_verb_out():
    spelled = {vars(verbs)[name] for name in CONSTANTS}
    found = [
        f"{path.relative_to(ROOT)}:{node.lineno} {node.value!r}"
        for path, tree in SOURCES.items()
        if path != VERBS_MODULE
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and node.value in spelled
    ]
    assert found == []


def test_every_verb_is_used():
    used = {
        node.attr
        for path, tree in SOURCES.items()
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "verbs"
    }
    assert sorted(CONSTANTS - used) == []


def test_verbs_are_the_thing_then_what_happened():
    for name in CONSTANTS:
        text = vars(verbs)[name]
        first, *rest = text.split()
        assert text[0].isupper() and "_" not in text, name
        assert not first.endswith("ed"), f"{name}: the thing first, then what happened"
        assert any(word.endswith("ed") or word in PAST for word in rest), name


def test_earlier_words_read_as_the_new_ones():
    assert verbs.shown("added_area") == "Area added"
    assert verbs.shown("add to the review team") == "Team member added"
    assert verbs.shown(verbs.TRAINING_ADDED) == "Training added"
    assert verbs.shown("something_unknown") == "Something unknown"


def test_history_page_words_earlier_and_new_events_alike(
    client_for, client, school_a, school_leader, outsider
):
    record_change(school_leader, "updated_school_details", school_a, {"phase": ""}, {"phase": "x"})
    record_change(school_leader, verbs.SCHOOL_DETAILS_CHANGED, school_a, {"phase": "x"}, None)
    url = f"/history/schools.school/{school_a.urn}/"
    page = client_for(school_leader).get(url).text
    assert page.count("School details changed") == 2
    assert "Updated school details" not in page
    assert client_for(outsider).get(url).status_code == 403
    assert client.get(url).status_code == 302
