"""The CVA core stays free of Django, so the upload service, the task worker and the benchmark
can all call it; statsmodels is for the tests only."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def test_no_module_imports_django_and_only_the_tests_use_statsmodels():
    modules = sorted(PACKAGE.rglob("*.py"))
    assert len(modules) >= 8
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(
            root
            for root in imported_roots(path)
            if root == "django" or (root == "statsmodels" and "tests" not in path.parts)
        )
        for path in modules
    }
    assert {path: found for path, found in offenders.items() if found} == {}
