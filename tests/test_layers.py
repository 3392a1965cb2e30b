"""The layer order, checked on the imports of every module in collegium/ (read with ast).

- An app's models, services, selectors and other modules import only apps lower in ORDER.
- Views (and the forms and URLs that serve them) may also read any app's selectors.
- The access modules (collegium/access.py, policy.py, rules.py, lookups.py) import only apps'
  models.
- The pure cores import no Django and no app.
An import inside a function or under TYPE_CHECKING counts like any other.
"""

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "collegium"

# Lowest first. Checked against the imports: quality and complaints sit below reports (the
# publication gate reads the moderation gate and the complaints gate), calibration below
# consistency (its grades feed the severity model).
ORDER = [
    "accounts",
    "audit",
    "notifications",
    "calendars",
    "schools",
    "context",
    "clusters",
    "people",
    "termdates",
    "frameworks",
    "selfevaluation",
    "reviews",
    "quality",
    "complaints",
    "reports",
    "allocations",
    "surveys",
    "calibration",
    "consistency",
    "safeguarding",
    "voice",
    "improvement",
    "support",
    "api",
    "privacy",
    "demo",
]
RANK = {app: rank for rank, app in enumerate(ORDER)}
CORES = {"allocation", "reliability", "bias", "neighbours", "cva"}
PAGE_LAYERS = ("views", "forms", "urls")

# Upward imports not yet moved to the right layer: (module, what it imports) -> why. Empty: an
# app that needs a higher one asks through a signal the higher app connects in its
# AppConfig.ready (clusters.signals, reviews.signals), or its view reads both apps' selectors.
ALLOWED: dict[tuple[str, str], str] = {}


def _modules() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT)
        if "tests" in rel.parts or "migrations" in rel.parts:
            continue
        yield rel.as_posix(), ast.parse(path.read_text(), filename=str(path))


MODULES = dict(_modules())


def _imports(tree: ast.Module) -> Iterator[str]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def _app_modules(tree: ast.Module) -> set[str]:
    """The app modules imported, as collegium.<app>.<module> (or collegium.<app>)."""
    return {
        ".".join(name.split(".")[:3])
        for name in _imports(tree)
        if name.startswith("collegium.") and name.split(".")[1] in RANK
    }


def _layer(module: str) -> str:
    name = module.split("/")[1].removesuffix(".py")
    return "page" if name.startswith(PAGE_LAYERS) else "lower"


def _allowed(module: str, imported: str) -> bool:
    app, other = module.split("/")[0], imported.split(".")[1]
    if other == app or RANK[other] < RANK[app]:
        return True
    is_selector = imported.split(".")[2:3] == ["selectors"]
    return _layer(module) == "page" and is_selector


def _upward() -> set[tuple[str, str]]:
    return {
        (module, imported)
        for module, tree in MODULES.items()
        if module.split("/")[0] in RANK
        for imported in _app_modules(tree)
        if not _allowed(module, imported)
    }


def test_every_app_is_in_the_order():
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert apps == set(ORDER)


def test_apps_import_only_lower_apps():
    unexpected = sorted(_upward() - set(ALLOWED))
    assert unexpected == [], "move the code to the lower app, or read the higher app's selectors"


def test_the_allow_list_holds_only_imports_still_made():
    assert sorted(set(ALLOWED) - _upward()) == []


ACCESS = ("access.py", "policy.py", "rules.py", "lookups.py")


def test_access_imports_only_models():
    imported = set().union(*(_app_modules(MODULES[module]) for module in ACCESS))
    assert imported and all(name.endswith(".models") for name in imported)


def test_access_modules_import_no_other_collegium_module():
    own = {f"collegium.{module.removesuffix('.py')}" for module in ACCESS}
    own.add("collegium.types")  # the Person type: itself only the user model and AnonymousUser
    found = {
        name
        for module in ACCESS
        for name in _imports(MODULES[module])
        if name.startswith("collegium.") and name.split(".")[1] not in RANK
    }
    assert {".".join(name.split(".")[:2]) for name in found} <= own


def test_every_package_outside_the_apps_is_a_pure_core():
    packages = {path.parent.name for path in ROOT.glob("*/__init__.py")}
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert packages - apps == CORES
    assert all(any(module.startswith(f"{core}/") for module in MODULES) for core in CORES)


def test_pure_cores_import_no_django_and_no_app():
    found = [
        f"{module}: {name}"
        for module, tree in MODULES.items()
        if module.split("/")[0] in CORES
        for name in _imports(tree)
        if name.split(".")[0] == "django"
        or (name.startswith("collegium.") and name.split(".")[1] not in CORES)
    ]
    assert found == []
