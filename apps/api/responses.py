"""Shapes of the answers that views build as plain data (search, change feed, snapshots, usage, a subject's
profile), declared once so the OpenAPI schema types them and the schema conformance test checks them. The views
do not render through these classes: the search and feed answers are on the hot path and built directly."""
from drf_spectacular.utils import OpenApiExample, PolymorphicProxySerializer
from rest_framework import serializers

from apps.publication.datasets import DATASETS, NAMES, serializer, spec
from apps.publication.enums import Dataset
from apps.publication.shapes import SubjectSerializer


class FacetCountSerializer(serializers.Serializer):
    value = serializers.CharField(help_text="The facet value: a dataset, list code, authority, region code, …")
    count = serializers.IntegerField(help_text="Matching items with this value.")


class SearchHitSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="Public id of the item; fetch it from its dataset's endpoint.")
    dataset = serializers.ChoiceField(choices=NAMES)
    title = serializers.CharField(help_text="The item's headline: decision number, licence or list name.")
    subject_name = serializers.CharField(help_text="The party, masked where the tier masks persons.")
    score = serializers.FloatField(help_text="Relevance score; comparable within one result only.")
    date = serializers.DateField(allow_null=True, help_text="Decision or listing date.")
    fine = serializers.FloatField(allow_null=True, help_text="Fine in 万元, ten thousand yuan (penalties only).")
    highlights = serializers.DictField(child=serializers.CharField(),
                                       help_text="Field → HTML-escaped excerpt with matches wrapped in <mark>…</mark>.")


class SearchResponseSerializer(serializers.Serializer):
    engine = serializers.CharField(help_text="The search engine that answered: embedded or elasticsearch.")
    total = serializers.IntegerField(help_text="Matching items (a lower bound when total_exact is false).")
    total_exact = serializers.BooleanField()
    took_ms = serializers.FloatField(help_text="Time the engine took.")
    next = serializers.URLField(allow_null=True, help_text="The next page's URL; null on the last page.")
    next_cursor = serializers.CharField(allow_null=True, help_text="Pass as `cursor` for the next page.")
    facets = serializers.DictField(child=FacetCountSerializer(many=True),
                                   help_text="Requested facets: name → counts, largest first.")
    hits = SearchHitSerializer(many=True)


class FeedEventSerializer(serializers.Serializer):
    sequence = serializers.IntegerField(help_text="Position in the change log; strictly increasing.")
    action = serializers.ChoiceField(choices=["created", "updated", "ended"])
    id = serializers.CharField(help_text="Public id of the item.")
    date = serializers.DateField(help_text="When the change took effect.")
    reason = serializers.CharField(required=False, help_text="Why publication ended (tombstones only).")


def _event_of(dataset) -> type:
    """The event of one dataset: `dataset` names it, `item` is that dataset's item."""
    name = "".join(part.title() for part in dataset.name.split("_")) + "FeedEvent"
    return type(name, (FeedEventSerializer,), {
        "__module__": __name__,
        "__doc__": f"A change of a {dataset.name} item.",
        "dataset": serializers.CharField(help_text=f"`{dataset.name}` (the discriminator of the event's shape)."),
        "item": serializer(dataset.name)(required=False, help_text=(
            "The item as its dataset's endpoint shows it to this tier, on created and updated events while it is "
            "published; absent on tombstones, and when a later tombstone follows.")),
    })


# One event shape per dataset, told apart by `dataset` (a discriminator): a generated client gets a typed item.
FEED_EVENT = PolymorphicProxySerializer(component_name="FeedEvent", resource_type_field_name="dataset",
                                        serializers={d.name: _event_of(d) for d in DATASETS}, many=True)


class ChangeFeedResponseSerializer(serializers.Serializer):
    events = FEED_EVENT
    next = serializers.URLField(help_text="The URL to ask next (at once while `has_more`, later otherwise).")
    next_cursor = serializers.CharField(help_text="The bare position to ask from next, as `cursor` (or `after`).")
    next_after = serializers.IntegerField(help_text="The same position as a number, for `after`.")
    has_more = serializers.BooleanField(help_text="True when more events wait; ask again at once.")
    head = serializers.IntegerField(help_text="The newest sequence of the whole feed when this page was read; an "
                                              "`after` beyond it is refused (400).")


class SnapshotFileSerializer(serializers.Serializer):
    name = serializers.CharField()
    format = serializers.ChoiceField(choices=["jsonl.gz", "csv"])
    bytes = serializers.IntegerField()
    sha256 = serializers.CharField()
    url = serializers.URLField(help_text="Where to download it (streamed; every download is audited).")


class SnapshotManifestSerializer(serializers.Serializer):
    dataset = serializers.ChoiceField(choices=NAMES)
    tier = serializers.CharField(help_text="The tier whose field set the snapshot holds.")
    sequence = serializers.IntegerField(help_text="Change-log sequence the snapshot is consistent with.")
    rows = serializers.IntegerField(help_text="Items in each file.")
    generated_at = serializers.DateTimeField()
    files = SnapshotFileSerializer(many=True)
    follow = serializers.CharField(help_text="The change feed from the snapshot's sequence on.")


class SnapshotListResponseSerializer(serializers.Serializer):
    snapshots = SnapshotManifestSerializer(many=True)


class TierLimitsSerializer(serializers.Serializer):
    per_minute = serializers.IntegerField()
    per_day = serializers.IntegerField()
    max_page_size = serializers.IntegerField()
    datasets = serializers.ListField(child=serializers.CharField())
    extended_fields = serializers.BooleanField()
    persons_masked = serializers.BooleanField()
    bulk_and_feed = serializers.BooleanField()
    csv_export_limit = serializers.IntegerField(allow_null=True, help_text="Null: unlimited; 0: no export.")


class UsageTodaySerializer(serializers.Serializer):
    requests = serializers.IntegerField()
    by_endpoint = serializers.DictField(child=serializers.IntegerField())


class UsageMinuteSerializer(serializers.Serializer):
    requests = serializers.IntegerField()
    resets_in = serializers.IntegerField(help_text="Seconds until the minute window resets.")


class UsageResponseSerializer(serializers.Serializer):
    tier = serializers.CharField()
    key = serializers.CharField(allow_null=True, help_text="The key's public prefix; null without a key.")
    limits = TierLimitsSerializer()
    today = UsageTodaySerializer()
    minute = UsageMinuteSerializer()


class _ProfileMeta(SubjectSerializer.Meta):
    fields = [*SubjectSerializer.Meta.fields, *(dataset.collection for dataset in DATASETS)]


# For the schema only: the subject with its published items of each dataset, newest first, up to 500 of each.
SubjectProfileSerializer = type("SubjectProfileSerializer", (SubjectSerializer,), {
    "__doc__": "A subject with its published items of each dataset the tier sees, newest first, up to 500 of each.",
    "__module__": __name__, "Meta": _ProfileMeta,
    **{dataset.collection: serializer(dataset.name)(many=True, required=False) for dataset in DATASETS}})


SEARCH_EXAMPLE = OpenApiExample(
    "A company name", response_only=True,
    value={"engine": "embedded", "total": 1, "total_exact": True, "took_ms": 1.8, "next": None, "next_cursor": None,
           "facets": {"dataset": [{"value": Dataset.PENALTY, "count": 1}]},
           "hits": [{"id": "pen_7QF2K9M4XW1DRB3T", "dataset": Dataset.PENALTY, "title": "杭市监处罚〔2026〕88号",
                     "subject_name": "杭州青禾食品有限公司", "score": 12.61, "date": "2026-09-14", "fine": 5.0,
                     "highlights": {"subject_name": "<mark>杭州青禾</mark>食品有限公司"}}]})

FEED_EXAMPLE = OpenApiExample(
    "A publication and an end", response_only=True,
    value={"events": [
        {"sequence": 1041, "action": "created", "dataset": Dataset.PENALTY, "id": "pen_7QF2K9M4XW1DRB3T",
         "date": "2026-09-20"},  # published and ended since: its tombstone (1042) follows, so no item
        {"sequence": 1042, "action": "ended", "dataset": Dataset.PENALTY, "id": "pen_7QF2K9M4XW1DRB3T",
         "date": "2026-09-21", "reason": "repaired"}],
        "next": "https://gongshi.example/api/v1/changes/?after=1042", "next_cursor": "1042", "next_after": 1042,
        "has_more": False, "head": 1042})

USAGE_EXAMPLE = OpenApiExample(
    "An agency key", response_only=True,
    value={"tier": "agency", "key": "9f3a61c2",
           "limits": {"per_minute": 600, "per_day": 500000, "max_page_size": 1000,
                      "datasets": list(NAMES), "extended_fields": True,
                      "persons_masked": False, "bulk_and_feed": True, "csv_export_limit": None},
           "today": {"requests": 1285, "by_endpoint": {"changes": 1200, spec(Dataset.PENALTY).segment: 85}},
           "minute": {"requests": 14, "resets_in": 37}})
