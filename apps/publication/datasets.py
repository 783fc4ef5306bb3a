"""The dataset registry: every published dataset described once.

Everything that differs between penalties, licences and list entries (their model, public identifier prefix,
URL segment, serializer, words, document builder, date) is read from here; the rest of the code iterates over
`DATASETS`. A new dataset (credit commitments, 信用承诺, are next in the national catalogue) is a new entry
here, its model, serializer, document builder, API filter, item template and subject-row template.

Classes of other layers are named by dotted path and imported on first use, so that this module imports no
application code and every layer may read it.
"""
from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class DatasetSpec:
    """What the code needs to know of one dataset."""

    name: str                     # the value in the API, the change log, the index and URL names
    label_zh: str                 # the Chinese name in the data and the API's choices
    singular: Promise             # one item, in the visitor's language
    plural: Promise               # the dataset, in the visitor's language
    model: str                    # "app_label.Model" of its items
    id_prefix: str                # public identifiers are "<prefix>_<random>"
    segment: str                  # URL segment of its pages and API endpoint, and the endpoint's usage name
    collection: str               # the key of its items (or their count) in a JSON object: a profile, counts
    date_field: str               # the date an item is known by (decided, listed); newest-first order
    related: tuple[str, ...]      # tables every reader of an item's public fields needs joined
    serializer: str               # dotted path of its item serializer
    document: str                 # dotted path of its search-document builder
    index_number: int             # 0-3, its part of a search document's number (pk * 4 + this): never reuse one
    key_tag: str                  # the name hashed into stored deduplication keys: frozen, keys depend on it
    by_list: bool = False         # its items belong to a list (list scopes and list pages apply)
    aliases: tuple[str, ...] = ()  # other names accepted on input (import commands, mapping files)


DATASETS: tuple[DatasetSpec, ...] = (
    DatasetSpec(
        name="penalty", label_zh="行政处罚", singular=_("Penalty"), plural=_("Penalties"),
        model="records.Penalty", id_prefix="pen", segment="penalties", collection="penalties",
        date_field="decision_date", related=("authority", "subject"),
        serializer="apps.publication.shapes.PenaltySerializer",
        document="apps.searchsync.documents.penalty_document", index_number=1, key_tag="penalty"),
    DatasetSpec(
        name="licence", label_zh="行政许可", singular=_("Licence"), plural=_("Licences"),
        model="records.Licence", id_prefix="lic", segment="licences", collection="licences",
        date_field="decision_date", related=("authority", "subject"),
        serializer="apps.publication.shapes.LicenceSerializer",
        document="apps.searchsync.documents.licence_document", index_number=2, key_tag="licence"),
    DatasetSpec(
        name="list_entry", label_zh="名单", singular=_("List entry"), plural=_("List entries"),
        model="lists.ListEntry", id_prefix="lst", segment="list-entries", collection="list_entries",
        date_field="listed_on", related=("authority", "subject", "list_type"),
        serializer="apps.publication.shapes.ListEntrySerializer",
        document="apps.searchsync.documents.list_entry_document", index_number=3,
        # The import's former spelling: stored keys of list entries were hashed with it.
        key_tag="list-entry", by_list=True, aliases=("list-entry",)),
)

_BY_NAME = {spec.name: spec for spec in DATASETS}
NAMES: tuple[str, ...] = tuple(_BY_NAME)


def spec(name: str) -> DatasetSpec:
    """The description of the dataset `name`; KeyError for an unknown one."""
    return _BY_NAME[name]


def resolve(name: str) -> str | None:
    """The dataset a user's spelling names (its name or an alias), or None."""
    for candidate in DATASETS:
        if name == candidate.name or name in candidate.aliases:
            return candidate.name
    return None


def accepted_names() -> list[str]:
    """Every spelling input may use for a dataset."""
    return [word for candidate in DATASETS for word in (candidate.name, *candidate.aliases)]


def model(name: str):
    """The model class of the dataset's items."""
    return apps.get_model(spec(name).model)


def item_models() -> dict:
    """Dataset → model class of its items."""
    return {candidate.name: model(candidate.name) for candidate in DATASETS}


def items_with_relations(name: str):
    """A queryset of the dataset's items with the tables of their public fields joined in."""
    return model(name).objects.select_related(*spec(name).related)


def dataset_of_public_id(public_id: str) -> str | None:
    """The dataset whose items carry identifiers with this one's prefix, or None."""
    prefix = public_id.split("_", 1)[0]
    return next((candidate.name for candidate in DATASETS if candidate.id_prefix == prefix), None)


def model_for_public_id(public_id: str):
    """The model whose items carry identifiers with this prefix, or None."""
    name = dataset_of_public_id(public_id)
    return model(name) if name else None


@cache
def serializer(name: str):
    """The serializer class of the dataset's items."""
    return import_string(spec(name).serializer)


@cache
def document_builder(name: str):
    """The function building the dataset's search document from an item (and an audience)."""
    return import_string(spec(name).document)
