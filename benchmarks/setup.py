"""A fresh Django with its own SQLite database, for benchmark scripts."""
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def fresh_django(prefix: str, reuse: Path | None = None) -> Path:
    """Point Django at a new SQLite file in a new temporary folder (or at the one in `reuse`), set it up,
    migrate; return the folder."""
    sys.path.insert(0, str(ROOT))
    workdir = Path(reuse) if reuse else Path(tempfile.mkdtemp(prefix=prefix))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return workdir
