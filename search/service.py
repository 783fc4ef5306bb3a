"""Running a search for the portal and the API: the engine answers, the database has the last word."""
from search import get_engine
from search.query import SearchQuery, SearchResult


def run_search(query: SearchQuery, engine=None) -> SearchResult:
    """Search, then drop any hit the database no longer publishes.

    The index follows the change log within seconds; in those seconds, or if the index drifted, an item whose
    publication ended could still match. Checking the page's hits against the database means only currently
    published items are ever returned, whatever the engine's state.
    """
    from apps.searchsync.selectors import still_published

    engine = engine or get_engine()
    result = engine.search(query)
    if result.hits:
        published = still_published([hit.id for hit in result.hits])
        dropped = len(result.hits) - len([h for h in result.hits if h.id in published])
        if dropped:
            result.hits = [hit for hit in result.hits if hit.id in published]
            result.total = max(0, result.total - dropped)
            result.total_exact = False
    return result
