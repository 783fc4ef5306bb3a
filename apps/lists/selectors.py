"""Reads of the lists for the public pages: only published entries leave these functions."""
import hashlib

from django.core.cache import cache
from django.db.models import Q, QuerySet

from apps.lists.models import ListType
from apps.publication.enums import Dataset

ENTRY_SORTS = {"-listed_on": ("-listed_on", "-pk"), "listed_on": ("listed_on", "pk"),
               "party_name": ("party_name", "pk")}
COUNT_SECONDS = 60


def list_types_with_sizes(audience) -> list[ListType]:
    """Every list the audience sees, with `published_entries`, the number of its entries published (counted by
    the search index, kept a minute)."""
    from apps.searchsync.counts import published_counts

    sizes = published_counts().lists
    types = list(audience.list_types().order_by("colour", "code"))
    for list_type in types:
        list_type.published_entries = sizes.get(list_type.code, 0)
    return types


def published_entries(audience, list_type: ListType, *, region: str = "", authority: str = "", listed_from=None,
                      listed_to=None, status: str = "", sort: str = "-listed_on") -> QuerySet:
    """A list's published entries the audience sees, filtered and ordered as the list page asks."""
    entries = audience.published(Dataset.LIST_ENTRY).filter(list_type=list_type)
    if region:
        entries = entries.filter(Q(authority__province=region) | Q(province=region))
    if authority:
        entries = entries.filter(authority__name=authority)
    if listed_from:
        entries = entries.filter(listed_on__gte=listed_from)
    if listed_to:
        entries = entries.filter(listed_on__lte=listed_to)
    if status:
        entries = entries.filter(status=status)
    return entries.order_by(*ENTRY_SORTS.get(sort, ENTRY_SORTS["-listed_on"]))


def count_entries(entries: QuerySet, key: str) -> int:
    """How many rows a list view holds, kept a minute under `key` (a view's filters): the count walks every
    matching entry, which a page view should not pay each time on a list of millions."""
    cache_key = "lists:count:" + hashlib.sha256(key.encode()).hexdigest()
    count = cache.get(cache_key)
    if count is None:
        count = entries.select_related(None).order_by().count()  # no joins the count does not need
        cache.set(cache_key, count, COUNT_SECONDS)
    return count
