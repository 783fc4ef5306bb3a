"""Reads of published items for the public pages. Only published items the audience sees leave these
functions, in its forms."""
import datetime as dt
from dataclasses import dataclass

from apps.publication.datasets import NAMES, spec


@dataclass(frozen=True)
class ItemSummary:
    """One line of a listing of published items."""

    public_id: str
    dataset: str
    list_name: str  # the list of a list entry; empty for other datasets
    party_name: str
    title: str
    authority: str
    decision_date: dt.date


def latest_published(audience, limit: int = 50) -> list[ItemSummary]:
    """The most recent published decisions and listings the audience sees, newest first, across the datasets."""
    rows = []
    for dataset in audience.datasets:
        date_field, by_list = spec(dataset).date_field, spec(dataset).by_list
        for item in audience.published(dataset).order_by(f"-{date_field}", "-pk")[:limit]:
            list_name = item.list_type.name if by_list else ""
            rows.append(ItemSummary(item.public_id, dataset, list_name, audience.party_name(item),
                                    audience.title(dataset, item), item.authority.name, getattr(item, date_field)))
    rows.sort(key=lambda r: r.decision_date, reverse=True)
    return rows[:limit]


def headline_counts() -> dict[str, int]:
    """Number of published items per dataset (counted by the search index, kept a minute)."""
    from apps.searchsync.counts import published_counts

    datasets = published_counts().datasets
    return {name: datasets.get(name, 0) for name in NAMES}
