"""Keeping a search index in step with what is published: the change-log consumer, rebuilds, drift checks."""
import logging
import time
from dataclasses import dataclass

from apps.publication.models import ChangeEvent, ChangeLogCounter
from apps.searchsync.models import SearchCheckpoint
from apps.searchsync.selectors import documents_for, public_ids_of, published_documents, published_seqs
from search.engines.base import EngineUnavailable

logger = logging.getLogger(__name__)
CONSUME_EVENTS = 5000


def checkpoint_of(engine) -> SearchCheckpoint:
    return SearchCheckpoint.objects.get_or_create(engine=engine.name)[0]


def consume(engine, limit: int = CONSUME_EVENTS) -> int:
    """Apply the next change-log events to the index; return how many were applied.

    At least once and idempotent: each item touched by the events is re-read as it is now and upserted if
    published, deleted if not; the index commits before the checkpoint moves, so a kill between the two only
    means the same events are applied again.
    """
    checkpoint = checkpoint_of(engine)
    if not checkpoint.last_sequence:
        engine.create_if_missing()  # a first run; later, a missing index is an outage for search_rebuild
    events = list(ChangeEvent.objects.filter(sequence__gt=checkpoint.last_sequence).order_by("sequence")
                  .values_list("sequence", "item_id")[:limit])
    if not events:
        return 0
    documents, gone = documents_for(dict.fromkeys(item_id for _, item_id in events))
    with engine.batch() as batch:
        batch.upsert(documents)
        batch.delete(gone)
    SearchCheckpoint.objects.filter(engine=engine.name).update(last_sequence=events[-1][0])
    return len(events)


def follow(engine, interval: float = 1.0, stop=lambda: False) -> None:
    """Consume for as long as the process runs, polling the change log every `interval` seconds.

    An engine that does not answer (Elasticsearch down, the index writer held by a rebuild) is waited out and
    logged; the checkpoint has not moved, so nothing is lost. Any other error stops the consumer loudly.
    """
    while not stop():
        try:
            applied = consume(engine)
        except EngineUnavailable as exc:
            logger.warning("search index %s unavailable, retrying in %s s: %s", engine.name, exc.retry_after, exc)
            time.sleep(exc.retry_after)
            continue
        if applied:
            logger.info("search index %s: applied %s change-log events", engine.name, applied)
        else:
            time.sleep(interval)


def rebuild(engine) -> int:
    """Rebuild the index from the database without downtime; return the number of documents.

    The change-log head is read first and becomes the checkpoint: events written during the rebuild are applied
    again afterwards, which is harmless.
    """
    head = ChangeLogCounter.objects.get(pk=1).last_sequence
    count = engine.rebuild(published_documents())
    SearchCheckpoint.objects.update_or_create(engine=engine.name, defaults={"last_sequence": head})
    return count


@dataclass
class Drift:
    """Differences between the published set and the index, as public identifiers."""

    missing: list[str]      # published, not in the index
    unexpected: list[str]   # in the index, not published (ids of items this database no longer knows omitted)
    missing_count: int
    unexpected_count: int
    indexed: int
    published: int

    @property
    def clean(self) -> bool:
        return not self.missing_count and not self.unexpected_count


def check(engine) -> Drift:
    """Compare the published set with the index (by document number; only differences are looked up)."""
    published = published_seqs()
    indexed = set(engine.seqs())
    missing, unexpected = published - indexed, indexed - published
    return Drift(missing=public_ids_of(missing), unexpected=public_ids_of(unexpected),
                 missing_count=len(missing), unexpected_count=len(unexpected), indexed=len(indexed),
                 published=len(published))
