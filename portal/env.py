"""The one place that reads the process environment.

Settings import the values from here; nothing else in the code base calls os.environ, so every variable the
portal understands is listed (and documented in the README) in this file.
"""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def _bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


# Read here but turned into Django's own settings in portal/settings.py, not settings themselves (DATABASE_URL
# carries a password that would show wherever settings are listed).
INPUTS_ONLY = frozenset({"DATABASE_URL", "DATA_DIR", "LOG_LEVEL", "BEHIND_PROXY", "INPUTS_ONLY"})


def values() -> dict:
    """Every value read here that is a setting as it stands, by name: portal/settings.py makes each a setting of
    the same name."""
    return {name: value for name, value in globals().items() if name.isupper() and name not in INPUTS_ONLY}


def _list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if not raw:
        return default
    return [part.strip() for part in raw.split(",") if part.strip()]


DEBUG = _bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-change-me-in-production"
# Key of the HMAC under which ID numbers are kept for matching. Separate from SECRET_KEY so rotating the
# session key does not break subject matching; must be set (and kept secret) in production.
ID_HASH_KEY = os.environ.get("ID_HASH_KEY") or "dev-only-id-hash-key"
ALLOWED_HOSTS = _list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = _list("CSRF_TRUSTED_ORIGINS", [])
DATA_DIR = Path(os.environ.get("DATA_DIR") or BASE_DIR / "var")
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'gongshi.sqlite3'}"
REDIS_URL = os.environ.get("REDIS_URL") or ""
# Search: `embedded` (tantivy, in process), `elasticsearch` or `opensearch`; empty means embedded without a
# SEARCH_URL and, with one, whichever the server says it is. ELASTICSEARCH_URL and ELASTICSEARCH_INDEX are the
# names of earlier releases, still read so an existing deployment does not silently fall back to embedded.
SEARCH_ENGINE = (os.environ.get("SEARCH_ENGINE") or "").strip().lower()
SEARCH_URL = os.environ.get("SEARCH_URL") or os.environ.get("ELASTICSEARCH_URL") or ""
SEARCH_INDEX = os.environ.get("SEARCH_INDEX") or os.environ.get("ELASTICSEARCH_INDEX") or "gongshi"
# Seconds a search request on a request path may take before the portal answers 503.
SEARCH_TIMEOUT_SECONDS = float(os.environ.get("SEARCH_TIMEOUT_SECONDS") or 2)
# Seconds an administrative call to the cluster may take (bulk writes, index creation, refresh, alias moves,
# reading every document number): a rebuild of hundreds of millions of documents must not die of the 2 s above.
SEARCH_ADMIN_TIMEOUT_SECONDS = float(os.environ.get("SEARCH_ADMIN_TIMEOUT_SECONDS") or 300)
# Primary shards and replicas of each new index (a rebuild applies new values); see docs/deploy.md for sizing.
SEARCH_SHARDS = int(os.environ.get("SEARCH_SHARDS") or 1)
SEARCH_REPLICAS = int(os.environ.get("SEARCH_REPLICAS") or 0)
SEARCH_INDEX_DIR = Path(os.environ.get("SEARCH_INDEX_DIR") or DATA_DIR / "search-index")
SNAPSHOT_DIR = Path(os.environ.get("SNAPSHOT_DIR") or DATA_DIR / "snapshots")
# Hours a superseded snapshot set stays downloadable after a newer one is written, so downloads in progress (and
# resumed with Range) finish on the set they started.
SNAPSHOT_KEEP_HOURS = float(os.environ.get("SNAPSHOT_KEEP_HOURS") or 24)
TIME_ZONE = os.environ.get("TIME_ZONE") or "Asia/Shanghai"
LOG_LEVEL = os.environ.get("LOG_LEVEL") or "INFO"
# How many reverse proxies in front append to X-Forwarded-For: the client address for rate limits is the one
# the nearest trusted proxy saw. 0 (default): use the connection's address.
TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES") or 0)
# Path of the staff admin; move it away from the well-known admin/ to keep it out of every scanner's list.
ADMIN_PATH = (os.environ.get("ADMIN_PATH") or "admin/").strip("/") + "/"
# Behind a reverse proxy that sets X-Forwarded-Proto, tell Django the request was HTTPS.
BEHIND_PROXY = _bool("BEHIND_PROXY", False)
