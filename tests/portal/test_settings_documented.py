"""The README's configuration table and the variables the portal reads stay one list (as Datasette tests its
docs): a variable read but not documented fails, and so does one documented but read nowhere."""
import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENV = ROOT / "portal" / "env.py"


def readers() -> set[str]:
    """Functions that read a variable by name: os.environ.get, os.getenv, and portal/env.py's own helpers."""
    tree = ast.parse(ENV.read_text(encoding="utf-8"))
    return {"get", "getenv"} | {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}


def variables_read() -> set[str]:
    """Names portal/env.py reads from the environment."""
    names, reading = set(), readers()
    for node in ast.walk(ast.parse(ENV.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            function = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if function in reading and isinstance(node.args[0].value, str) and node.args[0].value.isupper():
                names.add(node.args[0].value)
        elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and \
                ast.unparse(node.value) == "os.environ":  # os.environ["NAME"]
            names.add(node.slice.value)
    return names


def variables_documented() -> set[str]:
    """Names in the first column of the README's configuration table."""
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Configuration", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|")[1] for line in section.splitlines() if line.startswith("| `")]
    return {name for row in rows for name in re.findall(r"`([A-Z_]+)`", row)}


def test_every_variable_the_portal_reads_is_documented():
    assert variables_read() - variables_documented() == set()


def test_every_documented_variable_is_read_by_the_portal_or_the_makefile():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    unread = variables_documented() - variables_read()
    assert {name for name in unread if f"$({name})" not in makefile} == set()


def test_nothing_but_portal_env_reads_the_environment():
    selecting_settings = 'os.environ.setdefault("DJANGO_SETTINGS'  # wsgi.py names the settings module, reads nothing
    readers = [str(path.relative_to(ROOT)) for folder in ("apps", "search", "portal")
               for path in (ROOT / folder).rglob("*.py")
               if re.search(r"os\.environ|getenv", path.read_text(encoding="utf-8").replace(selecting_settings, ""))]
    assert readers == ["portal/env.py"]
