"""Every view shows a service's refusal the one way: through collegium/pages.py.

A view that catches ValidationError itself is a second spelling of form_page/confirm_page, and
the next app would copy it. Read with ast, so a comment or a string cannot pass or fail it.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "collegium"


def _view_modules() -> list[Path]:
    return [
        path
        for path in sorted(ROOT.rglob("*.py"))
        if "tests" not in path.parts and (path.name == "views.py" or path.parent.name == "views")
    ]


def _catches_validation_error(handler: ast.ExceptHandler) -> bool:
    caught = handler.type
    names = caught.elts if isinstance(caught, ast.Tuple) else [caught]
    return any(
        (isinstance(name, ast.Name) and name.id == "ValidationError")
        or (isinstance(name, ast.Attribute) and name.attr == "ValidationError")
        for name in names
    )


def test_the_views_are_found():
    assert len(_view_modules()) > 20


def test_no_view_catches_validation_error():
    found = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path in _view_modules()
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.ExceptHandler) and node.type and _catches_validation_error(node)
    ]
    assert found == [], "use collegium.pages.form_page or confirm_page"


def test_no_app_wraps_render_in_its_own_page_helper():
    wrappers = {"_page", "_render", "page", "_form_page"}
    found = [
        f"{path.relative_to(ROOT)}: {node.name}"
        for path in _view_modules()
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.FunctionDef) and node.name in wrappers
    ]
    assert found == [], "call collegium.pages.render_page with the template's full path"


def test_objects_are_fetched_through_access():
    """A view or selector fetching one object for a page uses access's getters (get_*_for, or
    get_part for a part of an object already fetched), never get_object_or_404."""
    found = [
        str(path.relative_to(ROOT))
        for path in sorted(ROOT.rglob("*.py"))
        if "tests" not in path.parts and "get_object_or_404" in path.read_text()
    ]
    assert found == []
