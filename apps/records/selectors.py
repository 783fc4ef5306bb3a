"""Reads of published items for the public pages. Only published items the audience sees leave these
functions, in its forms."""
import datetime as dt
from dataclasses import dataclass

from apps.publication.enums import Dataset


@dataclass(frozen=True)
class ItemSummary:
    """One line of a listing of published items."""

    public_id: str
    dataset: str
    dataset_label: str
    party_name: str
    title: str
    authority: str
    decision_date: dt.date


_DATE_FIELD = {Dataset.PENALTY: "decision_date", Dataset.LICENCE: "decision_date", Dataset.LIST_ENTRY: "listed_on"}


def latest_published(audience, limit: int = 50) -> list[ItemSummary]:
    """The most recent published decisions and listings the audience sees, newest first, across the datasets."""
    rows = []
    for dataset in audience.datasets:
        date_field = _DATE_FIELD[dataset]
        for item in audience.published(dataset).order_by(f"-{date_field}", "-pk")[:limit]:
            label = item.list_type.name if dataset == Dataset.LIST_ENTRY else Dataset(dataset).label
            rows.append(ItemSummary(item.public_id, dataset, label, audience.party_name(item),
                                    audience.title(dataset, item), item.authority.name, getattr(item, date_field)))
    rows.sort(key=lambda r: r.decision_date, reverse=True)
    return rows[:limit]


def headline_counts() -> dict[str, int]:
    """Number of published items per dataset (counted by the search index, kept a minute)."""
    from apps.searchsync.counts import published_counts

    datasets = published_counts().datasets
    return {"penalties": datasets.get(Dataset.PENALTY, 0), "licences": datasets.get(Dataset.LICENCE, 0),
            "list_entries": datasets.get(Dataset.LIST_ENTRY, 0)}
