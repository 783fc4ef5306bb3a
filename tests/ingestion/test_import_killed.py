"""A kill -9 in the middle of an import leaves no partial batch, and the same import then runs to completion.

Runs the real command in a separate process group against its own SQLite file, whatever DATABASE_URL the suite
uses, because the test database of the suite is not visible to another process.
"""
import csv
import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from apps.demo.generator import DemoGenerator

ROOT = Path(__file__).resolve().parents[2]
ROWS = 40_000


def _manage(database: Path, *args: str, **popen) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "LOG_LEVEL": "WARNING"}
    return subprocess.Popen([sys.executable, "manage.py", *args], cwd=ROOT, env=env, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, **popen)


def _count(database: Path, sql: str):
    with sqlite3.connect(database) as connection:
        return connection.execute(sql).fetchone()


@pytest.mark.skipif(settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
                    reason="uses its own SQLite file whatever the suite's database; the SQLite run covers it")
def test_killed_import_leaves_nothing_and_a_rerun_completes(tmp_path):
    database = tmp_path / "killed.sqlite3"
    assert _manage(database, "migrate", "-v0").wait(timeout=120) == 0
    path = tmp_path / "penalties.csv"
    generator = DemoGenerator(5_000, seed=11, anchor=dt.date(2026, 11, 1))
    with path.open("w", encoding="utf-8", newline="") as fh:
        rows = [generator._penalty(serial) for serial in range(1, ROWS + 1)]
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)

    importer = _manage(database, "import_records", str(path), "--today", "2026-11-01")
    deadline = time.monotonic() + 60
    while not _count(database, "SELECT count(*) FROM ingestion_importbatch")[0]:
        assert time.monotonic() < deadline and importer.poll() is None, "import never started"
        time.sleep(0.05)
    time.sleep(1.5)  # well into the batch: several chunks written inside its transaction
    assert importer.poll() is None, "import finished before it could be killed; raise ROWS"
    os.killpg(importer.pid, signal.SIGKILL)
    importer.wait(timeout=30)

    assert _count(database, "SELECT status, read FROM ingestion_importbatch") == ("running", 0)
    assert _count(database, "SELECT count(*) FROM records_penalty") == (0,)
    assert _count(database, "SELECT count(*) FROM records_subject") == (0,)
    assert _count(database, "SELECT count(*) FROM publication_changeevent") == (0,)
    assert _count(database, "SELECT last_sequence FROM publication_changelogcounter") == (0,)

    rerun = _manage(database, "import_records", str(path), "--today", "2026-11-01")
    output = rerun.communicate(timeout=300)[0].decode()
    assert rerun.returncode == 0, output
    assert f"created={ROWS}" in output
    # The killed run's batch is not left running for ever: the next import marked it failed.
    assert _count(database, "SELECT status FROM ingestion_importbatch ORDER BY id LIMIT 1") == ("failed",)
    assert _count(database, "SELECT count(*) FROM records_penalty") == (ROWS,)
