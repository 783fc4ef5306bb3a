"""The search layer: one backend-neutral query model (query.py, plan.py), engines chosen once here.

SEARCH_ENGINE names the engine: `embedded` (tantivy, in process), `elasticsearch` or `opensearch` (a cluster at
SEARCH_URL). Left empty, it is embedded without a SEARCH_URL and, with one, whichever the server says it is.
"""
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from search.engines.base import SearchEngine

ENGINES = ("embedded", "elasticsearch", "opensearch")


@cache
def get_engine() -> "SearchEngine":
    """The configured engine, created once per process (not cached while the server to ask cannot be reached)."""
    from django.conf import settings

    kind = configured_kind(settings.SEARCH_ENGINE, settings.SEARCH_URL, settings.SEARCH_TIMEOUT_SECONDS)
    if kind == "embedded":
        from search.engines.embedded import EmbeddedEngine

        return EmbeddedEngine(settings.SEARCH_INDEX_DIR)
    from search.engines.cluster import ClusterEngine

    return ClusterEngine(kind, settings.SEARCH_URL, settings.SEARCH_INDEX, timeout=settings.SEARCH_TIMEOUT_SECONDS,
                         admin_timeout=settings.SEARCH_ADMIN_TIMEOUT_SECONDS, shards=settings.SEARCH_SHARDS,
                         replicas=settings.SEARCH_REPLICAS)


def configured_kind(engine: str, url: str, timeout: float) -> str:
    """The engine kind the settings ask for; raises ImproperlyConfigured for a name or URL that cannot work."""
    from django.core.exceptions import ImproperlyConfigured

    if engine and engine not in ENGINES:
        raise ImproperlyConfigured(f"SEARCH_ENGINE={engine!r}: one of {', '.join(ENGINES)}, or empty")
    if engine == "embedded" or (not engine and not url):
        return "embedded"
    if not url:
        raise ImproperlyConfigured(f"SEARCH_ENGINE={engine} needs SEARCH_URL (http://host:9200)")
    if engine:
        return engine
    from search.engines.cluster_clients import detect_kind

    return detect_kind(url, timeout)


def engine_health() -> dict:
    """The configured engine's health for a public health check, also when the engine cannot even be created (its
    server did not answer which engine it is). The engine's own error names hosts, ports, paths and index names:
    it is logged, and the answer says only what kind of trouble it is."""
    import logging

    from django.conf import settings

    from search.engines.base import EngineError

    try:
        health = get_engine().health()
    except EngineError as exc:
        health = {"engine": settings.SEARCH_ENGINE or "unknown", "ok": False, "error": str(exc)}
    if "error" in health:
        logging.getLogger(__name__).warning("search engine unhealthy: %s", health["error"])
        health["error"] = ("the search index needs a rebuild (manage.py search_rebuild)"
                           if "search_rebuild" in health["error"] else "the search engine did not answer")
    return health
