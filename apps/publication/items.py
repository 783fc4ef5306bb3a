"""The models of published items, by dataset and by public identifier prefix."""
from django.apps import apps

from apps.publication.enums import Dataset

_MODEL_NAMES = {
    Dataset.PENALTY: "records.Penalty",
    Dataset.LICENCE: "records.Licence",
    Dataset.LIST_ENTRY: "lists.ListEntry",
}


def item_models() -> dict:
    """Dataset → model class of its items."""
    return {dataset: apps.get_model(name) for dataset, name in _MODEL_NAMES.items()}


# Tables every reader of an item's public fields needs beside it.
_RELATED = {Dataset.PENALTY: ("authority", "subject"), Dataset.LICENCE: ("authority", "subject"),
            Dataset.LIST_ENTRY: ("authority", "subject", "list_type")}


def items_with_relations(dataset: str):
    """A queryset of the dataset's items with their authority, subject (and list) joined in."""
    return item_models()[dataset].objects.select_related(*_RELATED[dataset])


def model_for_public_id(public_id: str):
    """The model whose items carry identifiers with this prefix, or None."""
    prefix = public_id.split("_", 1)[0]
    for model in item_models().values():
        if model.PUBLIC_ID_PREFIX == prefix:
            return model
    return None
