"""How many items are published, per dataset and per list, counted by the search index.

The index holds exactly the published items (it follows the change log within seconds), and counting them there
is one facet query whatever the size of the tables; counting in the database walks every row, which at national
scale no page view can wait for. Kept a minute; if the engine does not answer, the database counts instead."""
import logging
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count

from apps.lists.models import ListEntry
from apps.publication.datasets import item_models
from apps.publication.enums import PublicationState
from search import get_engine
from search.engines.base import EngineUnavailable
from search.query import SearchQuery

logger = logging.getLogger(__name__)
CACHE_KEY = "search:published-counts"
CACHE_SECONDS = 60
# More than there are lists: every list's count comes back, not only the largest.
FACET_SIZE = 1000


@dataclass(frozen=True)
class PublishedCounts:
    """Published items per dataset value and per list code (absent means none)."""

    datasets: dict[str, int] = field(default_factory=dict)
    lists: dict[str, int] = field(default_factory=dict)


def published_counts() -> PublishedCounts:
    """The counts, from the cache, else the search index, else the database."""
    counts = cache.get(CACHE_KEY)
    if counts is None:
        try:
            counts = _from_index()
        except EngineUnavailable as exc:
            logger.warning("counting in the database: the search engine did not answer (%s)", exc)
            counts = _from_database()
        cache.set(CACHE_KEY, counts, CACHE_SECONDS)
    return counts


def _from_index() -> PublishedCounts:
    result = get_engine().search(SearchQuery(facets=("dataset", "list"), facet_size=FACET_SIZE, limit=1))
    return PublishedCounts(dict(result.facets.get("dataset", [])), dict(result.facets.get("list", [])))


def _from_database() -> PublishedCounts:
    published = {"state": PublicationState.PUBLISHED}
    datasets = {dataset: model.objects.filter(**published).count() for dataset, model in item_models().items()}
    lists = dict(ListEntry.objects.filter(**published).values_list("list_type").annotate(n=Count("pk"))
                 .values_list("list_type", "n"))
    return PublishedCounts(datasets, lists)
