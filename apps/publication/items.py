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


def model_for_public_id(public_id: str):
    """The model whose items carry identifiers with this prefix, or None."""
    prefix = public_id.split("_", 1)[0]
    for model in item_models().values():
        if model.PUBLIC_ID_PREFIX == prefix:
            return model
    return None
