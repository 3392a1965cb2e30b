"""Who checks access (docs/contributing.md): the view, once, through collegium.access.

A service trusts its caller for access and checks the rules of its domain. It checks access
itself only where the right is part of the change, and then it is listed in CHECKS with the
reason. Read with ast: every function of an app outside its pages (views, forms, URLs) and its
selectors (reads scoped to a person) that calls access.require or access.can, or refers to
PermissionDenied, must be listed, and every listed function must still check.
"""

import ast
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "collegium"
DOCS = Path(__file__).resolve().parent.parent / "docs"
CHECKING = {"require", "can"}
# todos: the home page's to-dos (collegium/todo.py), reads scoped to the person like selectors.
NOT_SERVICES = ("views", "forms", "urls", "selectors", "todos", "tests", "migrations")

ON_THE_LOCKED_ROW = "the right is decided on the row the service locks (ValidationError)"
REPORT_GATE = (
    "a change to the confidential report decides what is said about a school: every caller "
    "(several pages, the demo) passes the same gate (PermissionDenied)"
)
COMPLAINT_GATE = (
    "a change to a complaint decides who hears it and how it ends: every caller (its pages, "
    "the demo) passes the same gate (PermissionDenied)"
)

# (module, function) -> why this service checks access itself.
CHECKS: dict[tuple[str, str], str] = {
    ("complaints/services.py", "raise_refusal"): (
        "who may complain is asked on the review raise_complaint locks, and shown as a reason"
    ),
    ("complaints/services.py", "assign_handler"): COMPLAINT_GATE,
    ("complaints/services.py", "escalate"): COMPLAINT_GATE,
    ("complaints/services.py", "accept_outcome"): COMPLAINT_GATE,
    ("improvement/services/monitoring.py", "_check_can_monitor"): ON_THE_LOCKED_ROW,
    ("improvement/services/monitoring.py", "record_outcome"): (
        "only the lead of the school's next review records the outcome, judged on that review"
    ),
    ("support/services.py", "_require"): (
        "only the school asked answers a request, either school records support given: "
        + ON_THE_LOCKED_ROW
    ),
    ("people/services/invitations.py", "_lapsed"): (
        "a head's link grants a role in its sender's name, so it lapses once the sender no "
        "longer holds the right to grant it (asked of the sender, not of the person accepting)"
    ),
    ("schools/notices.py", "import_failed"): (
        "the one who started the import is told only while they may still open its page "
        "(asked of them, not of whoever made it fail)"
    ),
    ("reports/services/cycle.py", "change_report"): REPORT_GATE,
    ("reports/services/check.py", "add_comment"): REPORT_GATE,
    ("reports/services/check.py", "withdraw_comment"): REPORT_GATE,
    ("reports/services/check.py", "answer_comment"): REPORT_GATE,
    ("reports/sharing.py", "share_report"): REPORT_GATE,
    ("reports/publication.py", "publish_summary"): REPORT_GATE,
}


def _service_modules() -> Iterator[tuple[str, ast.Module]]:
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if parts[0] in apps and not any(p.removesuffix(".py") in NOT_SERVICES for p in parts):
            yield "/".join(parts), ast.parse(path.read_text(), filename=str(path))


def _checking_names(tree: ast.Module) -> set[str]:
    """The names a module calls access.require / access.can by (imported directly or aliased)."""
    return {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        and node.module in {"collegium.access", "collegium.policy", "collegium.rules"}
        for alias in node.names
        if alias.name in CHECKING
    }


def _checks(function: ast.FunctionDef, names: set[str]) -> bool:
    return any(_is_check(node, names) for node in ast.walk(function))


def _is_check(node: ast.AST, names: set[str]) -> bool:
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return node.value.id == "access" and node.attr in CHECKING
    return isinstance(node, ast.Name) and node.id in names | {"PermissionDenied"}


def _functions(tree: ast.Module) -> Iterator[ast.FunctionDef]:
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            yield node
        elif isinstance(node, ast.ClassDef):
            yield from (item for item in node.body if isinstance(item, ast.FunctionDef))


def _checking_services() -> set[tuple[str, str]]:
    found = set()
    for module, tree in _service_modules():
        names = _checking_names(tree)
        found |= {(module, f.name) for f in _functions(tree) if _checks(f, names)}
    return found


def test_the_services_are_found():
    modules = dict(_service_modules())
    assert "clusters/services.py" in modules and "reviews/services/planning.py" in modules
    pages_and_reads = {"views", "views.py", "selectors", "selectors.py"}
    assert not any(set(module.split("/")) & pages_and_reads for module in modules)


def test_only_the_listed_services_check_access():
    unexpected = sorted(_checking_services() - set(CHECKS))
    assert unexpected == [], (
        "the view checks access (a get_*_for getter or access.require); a service re-checks "
        "only a right that is part of the change: remove the check, or list it with its reason"
    )


def test_every_listed_service_still_checks_access():
    assert sorted(set(CHECKS) - _checking_services()) == []


def test_the_check_is_found_however_access_is_called():
    tree = ast.parse(
        "from collegium.access import can as allowed\n"
        "def a(actor): access.require(actor, 'x')\n"
        "def b(actor): return allowed(actor, 'x')\n"
        "def c(actor): raise PermissionDenied\n"
        "def d(actor): return access.visible(actor, 'x', [])\n"
    )
    names = _checking_names(tree)
    assert [f.name for f in _functions(tree) if _checks(f, names)] == ["a", "b", "c"]


def _getters() -> list[str]:
    tree = ast.parse((ROOT / "lookups.py").read_text())
    return [
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")
    ]


def test_every_getter_is_listed_in_the_docs():
    getters = _getters()
    assert "get_for" in getters and "get_review_for" in getters
    for doc in ("architecture.md", "contributing.md"):
        text = (DOCS / doc).read_text()
        missing = [name for name in getters if not re.search(rf"`{name}\b", text)]
        assert missing == [], f"list these getters of collegium/lookups.py in docs/{doc}"
