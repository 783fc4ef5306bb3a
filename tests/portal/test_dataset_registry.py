"""The dataset registry is the one place that names the datasets: a new dataset touches the registry and its own
classes, not every module that lists the three."""
import ast
import re
from pathlib import Path

from apps.publication import datasets
from apps.publication.enums import Dataset
from search import vocabulary

ROOT = Path(__file__).resolve().parents[2]
REGISTRY = ROOT / "apps/publication/datasets.py"
# Every word the registry gives a dataset, that code elsewhere would spell out to single one out or list them.
WORDS = {word for spec in datasets.DATASETS
         for word in (spec.name, spec.segment, spec.collection, spec.key_tag, spec.id_prefix, *spec.aliases)}


def _sources():
    for folder in ("apps", "search", "portal"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in (".py", ".html") and "migrations" not in path.parts and path != REGISTRY:
                yield path


def _literals(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".py":
        constants = [node.value for node in ast.walk(ast.parse(text))
                     if isinstance(node, ast.Constant) and isinstance(node.value, str)]
        # Each string, and the name of a URL written as "web:<name>".
        return constants + [value.split(":", 1)[1] for value in constants if re.fullmatch(r"[a-z]+:[\w-]+", value)]
    # Quoted words, and the names of URLs ({% url 'web:<name>' %}).
    return re.findall(r"""["']([^"'{}%<>]*)["']""", text) + re.findall(r"""["'][a-z]+:([\w-]+)["']""", text)


def test_dataset_names_are_spelled_out_only_in_the_registry():
    found = [f"{path.relative_to(ROOT)}: {literal!r}" for path in _sources() for literal in _literals(path)
             if literal in WORDS]
    assert found == []


def test_the_choices_enum_is_the_registry():
    assert Dataset.values == list(datasets.NAMES)
    assert [label for _, label in Dataset.choices] == [spec.label_zh for spec in datasets.DATASETS]


def test_each_dataset_has_its_model_serializer_and_document_builder():
    for spec in datasets.DATASETS:
        model = datasets.model(spec.name)
        assert model.DATASET == spec.name and model.PUBLIC_ID_PREFIX == spec.id_prefix
        assert datasets.serializer(spec.name).Meta.model is model
        assert callable(datasets.document_builder(spec.name))
        assert spec.date_field in {field.name for field in model._meta.get_fields()}


def test_every_dataset_has_an_api_endpoint():
    from apps.api.views import ITEM_VIEWSETS

    assert [viewset.dataset for viewset in ITEM_VIEWSETS] == list(datasets.NAMES)
    assert [viewset.endpoint for viewset in ITEM_VIEWSETS] == [spec.segment for spec in datasets.DATASETS]


def test_names_fit_the_columns_that_hold_them():
    from apps.ingestion.models import ImportBatch
    from apps.publication.models import ChangeEvent, ItemVersion

    width = min(model._meta.get_field(name).max_length
                for model, name in ((ChangeEvent, "dataset"), (ItemVersion, "dataset"), (ImportBatch, "kind")))
    assert all(len(spec.name) <= width for spec in datasets.DATASETS)


def test_registry_words_are_unique_across_datasets():
    for attribute in ("name", "segment", "collection", "key_tag", "id_prefix", "index_number"):
        values = [getattr(spec, attribute) for spec in datasets.DATASETS]
        assert len(set(values)) == len(values), attribute


def test_the_search_layer_is_given_the_registry():
    assert vocabulary.datasets() == datasets.NAMES
    assert {vocabulary.dataset_number(spec.name) for spec in datasets.DATASETS} == {
        spec.index_number for spec in datasets.DATASETS}
    assert vocabulary.unlisted_datasets() == tuple(spec.name for spec in datasets.DATASETS if not spec.by_list)


def test_public_ids_lead_to_their_dataset():
    for spec in datasets.DATASETS:
        assert datasets.dataset_of_public_id(f"{spec.id_prefix}_0123456789abcdef") == spec.name
    assert datasets.dataset_of_public_id("xyz_0123456789abcdef") is None


def test_aliases_resolve_to_their_dataset():
    assert datasets.resolve("list-entry") == Dataset.LIST_ENTRY
    assert datasets.resolve("list_entry") == Dataset.LIST_ENTRY
    assert datasets.resolve("penalties") is None
