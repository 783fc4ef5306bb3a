"""A subject's profile: everything currently published about one organisation or person, as a tier sees it.
Shared by the profile page, the PDF credit report and (in its own shape) the API."""
from dataclasses import dataclass

from apps.access.models import Tier
from apps.api.serializers import SERIALIZERS, SubjectSerializer
from apps.publication.enums import Dataset, PublicationState
from apps.publication.items import items_with_relations
from apps.records.models import Subject

PER_DATASET = 500


@dataclass
class Profile:
    subject: dict
    penalties: list[dict]
    licences: list[dict]
    list_entries: list[dict]

    @property
    def empty(self) -> bool:
        return not (self.penalties or self.licences or self.list_entries)

    def timeline(self) -> list[dict]:
        """Every item, newest first, with `dataset` and `date` for a timeline."""
        rows = ([{**p, "dataset": "penalty", "date": p["decision_date"]} for p in self.penalties]
                + [{**lic, "dataset": "licence", "date": lic["decision_date"]} for lic in self.licences]
                + [{**e, "dataset": "list_entry", "date": e["listed_on"]} for e in self.list_entries])
        return sorted(rows, key=lambda row: row["date"] or "", reverse=True)


def profile_of(public_id: str, tier: Tier) -> Profile | None:
    """The subject's published items the tier may see (newest first, up to 500 of each), or None when there is
    no such subject or nothing about it is published: its existence is not told either."""
    subject = Subject.objects.filter(public_id=public_id).first()
    if subject is None:
        return None
    context = {"tier": tier}
    found = {}
    for dataset in Dataset.values:
        items = []
        if tier.sees_dataset(dataset):
            queryset = (items_with_relations(dataset).filter(subject=subject, state=PublicationState.PUBLISHED)
                        .order_by("-pk")[:PER_DATASET])
            items = SERIALIZERS[dataset](queryset, many=True, context=context).data
        found[dataset] = items
    profile = Profile(SubjectSerializer(subject, context=context).data, found["penalty"], found["licence"],
                      found["list_entry"])
    return None if profile.empty else profile
