"""The layers' directions, held by a test over the import graph: the search layer is a library that imports no
application code, and the pages and reports do not reach into the API (what both show comes from below both)."""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def imports_of(path: Path) -> set[str]:
    """Every module a Python file imports, at the top or inside functions."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def offending(folder: str, forbidden: str) -> list[str]:
    """Files under `folder` that import a module under `forbidden`, with what they import."""
    return [f"{path.relative_to(ROOT)}: {name}" for path in sorted((ROOT / folder).rglob("*.py"))
            for name in sorted(imports_of(path)) if name == forbidden or name.startswith(forbidden + ".")]


def test_the_search_layer_imports_no_application_code():
    assert offending("search", "apps") == []


def test_pages_and_reports_do_not_import_the_api():
    assert offending("apps/web", "apps.api") + offending("apps/reports", "apps.api") == []


def test_the_check_reads_imports_inside_functions_too(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from apps.records.models import Penalty\n", encoding="utf-8")
    assert imports_of(sample) == {"apps.records.models"}
