"""The computational cores stay free of Django, so they run anywhere (benchmarks, workers)."""

import ast
from pathlib import Path

import pytest

PACKAGES = [Path(__file__).resolve().parents[2] / name for name in ("reliability", "bias")]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", PACKAGES, ids=lambda p: p.name)
def test_no_module_imports_django(package):
    modules = sorted(package.rglob("*.py"))
    assert len(modules) >= 3
    offenders = {
        str(path.relative_to(package)): sorted(
            m for m in imported_modules(path) if m.split(".")[0] == "django"
        )
        for path in modules
    }
    assert {path: found for path, found in offenders.items() if found} == {}
