"""The layers' directions, held by a test over the import graph: the search layer is a library that imports no
application code, the pages and reports do not reach into the API (what both show comes from below both), and the
publication layer every channel reads through imports none of them."""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def imports_of(path: Path) -> set[str]:
    """Every module a Python file imports, at the top or inside functions: `from a import b` counts as a and as
    a.b (b may be a module), and relative imports are resolved from the file's package."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1]) if path.is_relative_to(ROOT) else ""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(part for part in [*parent, base] if part)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
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
    assert "apps.records.models" in imports_of(sample)


def test_the_check_reads_a_module_imported_from_its_package_and_relative_imports():
    sample = ROOT / "apps" / "web" / "_architecture_probe.py"
    sample.write_text("from apps import api\nfrom ..api import views\n", encoding="utf-8")
    try:
        assert {"apps.api", "apps.api.views"} <= imports_of(sample)
    finally:
        sample.unlink()


def test_the_publication_layer_does_not_import_its_channels():
    # What every channel reads (the doorway, shapes, profiles, exports, snapshots) sits below the channels. (The
    # redaction pass may touch the reports' stored table, IssuedReport: it goes over every table holding text.)
    assert [found for channel in ("apps.api", "apps.web")
            for found in offending("apps/publication", channel)] == []
