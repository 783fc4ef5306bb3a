"""The TypeScript types openapi-typescript generates from the live schema compile (strict) with the code an agency
writes against them (tests/api/typescript/feed_client.ts): typed feed items and typed errors (issue 14). Needs
Node.js and npm's registry (CI has both); without npx the test skips, or fails where REQUIRE_NODE=1."""
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.needs import missing

pytestmark = pytest.mark.integration
SOURCES = Path(__file__).with_name("typescript")
OPENAPI_TYPESCRIPT = "openapi-typescript@7.13.0"
TYPESCRIPT = "typescript@5.9.3"
TSCONFIG = ('{"compilerOptions": {"strict": true, "noEmit": true, "target": "es2020", "module": "es2020", '
            '"moduleResolution": "node", "skipLibCheck": true}, "files": ["feed_client.ts"]}')


def _npx(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["npx", "--yes", *args], cwd=cwd, capture_output=True, text=True, timeout=600)


def test_generated_typescript_types_compile_with_typed_feed_items_and_errors(tmp_path):
    if shutil.which("npx") is None:
        missing("npx is not installed (Node.js and npm: apt-get install nodejs npm)", "REQUIRE_NODE")
    call_command("spectacular", "--format", "openapi-json", "--file", str(tmp_path / "schema.json"),
                 stdout=io.StringIO())
    shutil.copy(SOURCES / "feed_client.ts", tmp_path)
    (tmp_path / "tsconfig.json").write_text(TSCONFIG)
    generated = _npx(OPENAPI_TYPESCRIPT, "schema.json", "-o", "types.ts", cwd=tmp_path)
    assert generated.returncode == 0, generated.stdout + generated.stderr
    compiled = _npx("-p", TYPESCRIPT, "tsc", "-p", "tsconfig.json", cwd=tmp_path)
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
