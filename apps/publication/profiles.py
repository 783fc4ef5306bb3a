"""A subject's profile: everything currently published about one organisation or person, as an audience sees it
(joined: a person's name is masked on every item where the audience masks persons, list rules included).
Shared by the profile page, the PDF credit report and (in its own shape) the API."""
from dataclasses import dataclass, field

from apps.publication.audience import Audience, anonymous_audience
from apps.publication.datasets import NAMES, serializer, spec
from apps.publication.shapes import SubjectSerializer
from apps.records.models import Subject

PER_DATASET = 500


@dataclass
class Profile:
    subject: dict
    public_name: str  # the subject's name as the anonymous public reads it (a report's verification page)
    items: dict[str, list[dict]]  # dataset → its items the audience sees, newest first (empty if it sees none)
    # Published items per dataset, counted beyond the limit when a dataset reached it.
    totals: dict[str, int] = field(default_factory=dict)
    persons_masked: bool = True  # whether the audience reads natural persons' names masked

    @property
    def empty(self) -> bool:
        return not any(self.items.values())

    def all_items(self) -> list[dict]:
        """Every item of every dataset."""
        return [item for items in self.items.values() for item in items]

    def timeline(self) -> list[dict]:
        """Every item, newest first, with `dataset` and `date` for a timeline."""
        rows = [{**item, "dataset": dataset, "date": item[spec(dataset).date_field]}
                for dataset, items in self.items.items() for item in items]
        return sorted(rows, key=lambda row: row["date"] or "", reverse=True)


def profile_of(public_id: str, audience: Audience, limit: int | None = PER_DATASET) -> Profile | None:
    """The subject's published items the audience may see (newest first, up to `limit` of each; None: all), or None
    when there is no such subject or nothing about it is published: its existence is not told either."""
    subject = Subject.objects.filter(public_id=public_id).first()
    if subject is None:
        return None
    context = {"audience": audience, "joined": True}
    found, totals = {}, {}
    for dataset in NAMES:
        items = []
        if audience.sees_dataset(dataset):
            queryset = audience.joined(dataset, audience.published(dataset).filter(subject=subject)).order_by("-pk")
            items = serializer(dataset)(queryset[:limit] if limit else queryset, many=True, context=context).data
            totals[dataset] = queryset.count() if limit and len(items) == limit else len(items)
        found[dataset] = items
    profile = Profile(SubjectSerializer(subject, context=context).data, anonymous_audience().subject_name(subject),
                      found, totals, persons_masked=not audience.shows_persons)
    return None if profile.empty else profile
