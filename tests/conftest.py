"""Shared fixtures: a fixed clock, provider files written in every format, a clean cache per test."""
import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from django.core.cache import cache

from apps.access import key_cache
from search import get_engine

pytest_plugins = ["tests.portal_fixtures"]
TODAY = dt.date(2026, 11, 20)
SAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "samples"


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path_factory):
    # Manifest storage needs collectstatic; tests render templates without it.
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    settings.STATIC_ROOT = tmp_path_factory.getbasetemp() / "static-root"
    settings.STATIC_ROOT.mkdir(exist_ok=True)
    # No test reads the developer's own index under var/: without the search_engine fixture, an empty one.
    settings.SEARCH_INDEX_DIR = tmp_path_factory.mktemp("no-search-index")
    get_engine.cache_clear()
    cache.clear()  # rate-limit counters, kept keys and cached pages never leak between tests
    key_cache.clear()
    yield
    cache.clear()
    key_cache.clear()
    get_engine.cache_clear()


@pytest.fixture
def today():
    return TODAY


@pytest.fixture
def write_csv(tmp_path):
    """Write rows as a CSV file in the given encoding and return its path."""
    def write(rows, name="rows.csv", encoding="utf-8"):
        path = tmp_path / name
        with path.open("w", encoding=encoding, newline="") as fh:
            header = list(dict.fromkeys(key for row in rows for key in row))
            writer = csv.DictWriter(fh, fieldnames=header)
            writer.writeheader()
            writer.writerows(rows)
        return path
    return write


@pytest.fixture
def write_json(tmp_path):
    """Write data as a JSON file and return its path."""
    def write(data, name="rows.json"):
        path = tmp_path / name
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return path
    return write


@pytest.fixture
def run_import(today):
    """Import a file through the real service with the test clock."""
    from apps.ingestion.services import import_file

    def run(path, **options):
        options.setdefault("today", today)
        return import_file(path, **options)
    return run


@pytest.fixture
def search_engine(settings, tmp_path):
    """The configured (embedded) engine over an empty index in a temporary folder."""
    from search import get_engine

    settings.SEARCH_ENGINE, settings.SEARCH_URL = "embedded", ""
    settings.SEARCH_INDEX_DIR = tmp_path / "search-index"
    get_engine.cache_clear()
    engine = get_engine()
    yield engine
    engine.destroy()
    get_engine.cache_clear()


@pytest.fixture
def unopenable_index(settings, tmp_path):
    """The configured index folder holds something other than an index, so the engine cannot open it."""
    settings.SEARCH_INDEX_DIR = tmp_path / "not-an-index"
    settings.SEARCH_INDEX_DIR.mkdir()
    (settings.SEARCH_INDEX_DIR / "stray.txt").write_text("something else")
    get_engine.cache_clear()


def pytest_collection_modifyitems(items):
    """Mark each test `integration` when it uses the database and `unit` otherwise, so `-m unit` runs the fast,
    pure part of any area (tests are laid out by area, tests/<app>/, not by kind)."""
    for item in items:
        uses_database = item.get_closest_marker("django_db") is not None or {
            "db", "transactional_db"} & set(getattr(item, "fixturenames", ()))
        item.add_marker(pytest.mark.integration if uses_database else pytest.mark.unit)
