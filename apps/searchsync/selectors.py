"""Reads of published items as search documents, and searches answered for the published set only."""
from collections.abc import Iterable, Iterator
from functools import lru_cache

from django.db import connection

from apps.publication.audience import Audience
from apps.publication.datasets import NAMES, document_builder, item_models, spec
from apps.publication.enums import PublicationState
from search import get_engine
from search.documents import SearchDocument, item_of, seq_of
from search.query import SearchQuery, SearchResult


def _published(dataset: str):
    return Audience.index().published(dataset)


def published_documents(chunk: int = 2000) -> Iterator[SearchDocument]:
    """Every published item as a search document, dataset by dataset."""
    for dataset in NAMES:
        build = document_builder(dataset)
        for item in _published(dataset).order_by("pk").iterator(chunk_size=chunk):
            yield build(item)


def documents_for(public_ids: Iterable[str]) -> tuple[list[SearchDocument], set[str]]:
    """The documents of those items that are published now, and the ids of those that are not (or are gone)."""
    wanted: dict[str, list[str]] = {}
    for public_id in public_ids:
        wanted.setdefault(public_id.split("_", 1)[0], []).append(public_id)
    documents: list[SearchDocument] = []
    for dataset in NAMES:
        ids = wanted.get(spec(dataset).id_prefix)
        if ids:
            build = document_builder(dataset)
            documents.extend(build(item) for item in _published(dataset).filter(public_id__in=ids))
    found = {doc.id for doc in documents}
    return documents, {i for ids in wanted.values() for i in ids} - found


def published_seqs() -> set[int]:
    """Search document numbers of every published item."""
    return {seq_of(dataset, pk) for dataset in NAMES for pk in
            item_models()[dataset].objects.filter(state=PublicationState.PUBLISHED).values_list("pk", flat=True)}


def public_ids_of(seqs: Iterable[int]) -> list[str]:
    """Public identifiers of the items behind these document numbers (for reports)."""
    by_dataset: dict[str, list[int]] = {}
    for seq in seqs:
        dataset, pk = item_of(seq)
        by_dataset.setdefault(dataset, []).append(pk)
    return sorted(public_id for dataset, pks in by_dataset.items() for public_id in
                  item_models()[dataset].objects.filter(pk__in=pks).values_list("public_id", flat=True))


def still_published(public_ids: list[str]) -> set[str]:
    """Which of these identifiers are published right now (the last guard before results leave)."""
    by_prefix: dict[str, list[str]] = {}
    for public_id in public_ids:
        by_prefix.setdefault(public_id.split("_", 1)[0], []).append(public_id)
    published: set[str] = set()
    for model in item_models().values():
        ids = by_prefix.get(model.PUBLIC_ID_PREFIX)
        if ids:
            with connection.cursor() as cursor:
                cursor.execute(_published_sql(model, len(ids)), ids)
                published.update(public_id for public_id, state in cursor.fetchall()
                                 if state == PublicationState.PUBLISHED)
    return published


@lru_cache(maxsize=256)
def _published_sql(model, count: int) -> str:
    # Plain SQL, built once per model and list length: this runs on every search, and compiling the same ORM
    # query each time cost more than running it. By identifier only, state checked in Python: a `state = ?`
    # condition can lead a planner without statistics onto the state index over the whole table.
    quote = connection.ops.quote_name
    field = model._meta.get_field
    return (f"SELECT {quote(field('public_id').column)}, {quote(field('state').column)} "
            f"FROM {quote(model._meta.db_table)} WHERE {quote(field('public_id').column)} IN "
            f"({', '.join(['%s'] * count)})")


def run_search(query: SearchQuery, engine=None) -> SearchResult:
    """Search, then drop any hit the database no longer publishes.

    The index follows the change log within seconds; in those seconds, or if the index drifted, an item whose
    publication ended could still match. Checking the page's hits against the database means only currently
    published items are ever returned, whatever the engine's state.
    """
    engine = engine or get_engine()
    result = engine.search(query)
    if result.hits:
        published = still_published([hit.id for hit in result.hits])
        dropped = len(result.hits) - len([h for h in result.hits if h.id in published])
        if dropped:
            result.hits = [hit for hit in result.hits if hit.id in published]
            result.total = max(0, result.total - dropped)
            result.total_exact = False
    return result
