"""The search layer: one backend-neutral query model (query.py, plan.py), two engines, chosen once here.

Elasticsearch when ELASTICSEARCH_URL is set, the embedded tantivy engine otherwise.
"""
from functools import cache


@cache
def get_engine():
    """The configured engine, created once per process."""
    from django.conf import settings

    if settings.ELASTICSEARCH_URL:
        from search.engines.elastic import ElasticEngine

        return ElasticEngine(settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_INDEX,
                             timeout=settings.SEARCH_TIMEOUT_SECONDS)
    from search.engines.embedded import EmbeddedEngine

    return EmbeddedEngine(settings.SEARCH_INDEX_DIR)
