"""Reads of published items for the public pages. Only published items leave these functions."""
import datetime as dt
from dataclasses import dataclass

from apps.common.privacy import mask_person_name
from apps.lists.models import ListEntry
from apps.publication.enums import Dataset, PublicationState
from apps.records.enums import PartyCategory
from apps.records.models import Licence, Penalty


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


def public_party_name(name: str, category: str, list_publishes_names: bool = False) -> str:
    """A party's name as the public sees it: natural persons masked unless the list's own rule publishes them."""
    if category == PartyCategory.PERSON and not list_publishes_names:
        return mask_person_name(name)
    return name


def _summary(item, dataset, label, title, day, list_publishes_names=False) -> ItemSummary:
    # A masked person's name is masked wherever it recurs too (a list entry's reason often names the person).
    name = public_party_name(item.party_name, item.party_category, list_publishes_names)
    if name != item.party_name:
        title = title.replace(item.party_name, name)
    return ItemSummary(item.public_id, dataset, label, name, title, item.authority.name, day)


def latest_published(limit: int = 50) -> list[ItemSummary]:
    """The most recent published decisions and listings, newest first, across the three datasets."""
    penalties = (Penalty.objects.filter(state=PublicationState.PUBLISHED).select_related("authority")
                 .order_by("-decision_date", "-pk")[:limit])
    licences = (Licence.objects.filter(state=PublicationState.PUBLISHED).select_related("authority")
                .order_by("-decision_date", "-pk")[:limit])
    entries = (ListEntry.objects.filter(state=PublicationState.PUBLISHED).select_related("authority", "list_type")
               .order_by("-listed_on", "-pk")[:limit])
    rows = [
        _summary(p, Dataset.PENALTY, Dataset.PENALTY.label, f"{p.decision_number} {p.violation_type}",
                 p.decision_date)
        for p in penalties
    ] + [
        _summary(lic, Dataset.LICENCE, Dataset.LICENCE.label, f"{lic.decision_number} {lic.document_title}",
                 lic.decision_date)
        for lic in licences
    ] + [
        _summary(e, Dataset.LIST_ENTRY, e.list_type.name, e.reason[:80], e.listed_on,
                 e.list_type.publishes_person_names)
        for e in entries
    ]
    rows.sort(key=lambda r: r.decision_date, reverse=True)
    return rows[:limit]


def headline_counts() -> dict[str, int]:
    """Number of published items per dataset (counted by the search index, kept a minute)."""
    from search.counts import published_counts

    datasets = published_counts().datasets
    return {"penalties": datasets.get(Dataset.PENALTY, 0), "licences": datasets.get(Dataset.LICENCE, 0),
            "list_entries": datasets.get(Dataset.LIST_ENTRY, 0)}
