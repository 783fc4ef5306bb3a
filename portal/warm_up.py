"""One-time costs of a serving process, paid before its first request (called by portal/gunicorn_conf.py)."""
import time
from collections.abc import Iterator


def warm_up() -> Iterator[tuple[str, float, str | None]]:
    """Open the search index and load the report font; yield (step, seconds, problem or None) for each."""
    from apps.reports.credit_report import load_font
    from search import get_engine
    from search.engines.base import EngineUnavailable
    from search.query import SearchQuery

    def search_index():
        get_engine().search(SearchQuery(facets=("dataset",), limit=1))

    for step, run in (("search index", search_index), ("report font", load_font)):
        started = time.perf_counter()
        try:
            run()
        except (EngineUnavailable, OSError) as exc:
            yield step, time.perf_counter() - started, str(exc)
        else:
            yield step, time.perf_counter() - started, None
