"""Appending to the change log: one ordered sequence of publish, update and unpublish events."""
import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from apps.common.bulk import insert_rows
from apps.publication.enums import ChangeAction
from apps.publication.models import ChangeEvent, ChangeLogCounter


@dataclass(frozen=True)
class PendingEvent:
    """An event to append: what happened to which item, effective when."""

    dataset: str
    item_id: str
    action: str
    effective_date: dt.date
    reason: str = ""


def append_events(events: list[PendingEvent], batch=None) -> list[int]:
    """Append events in order inside the caller's transaction and return their sequence numbers.

    The counter row is locked (SELECT … FOR UPDATE) until the caller's transaction commits, so concurrent writers
    append one after another and the log is gap-free in commit order: a consumer that has read up to N never
    later finds an event below N appear.
    """
    if not events:
        return []
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("append_events must run inside the transaction that makes the change")
    counter = ChangeLogCounter.objects.select_for_update().get(pk=1)
    first = counter.last_sequence + 1
    now = timezone.now()
    rows = [
        {"sequence": first + i, "dataset": e.dataset, "item_id": e.item_id, "action": e.action,
         "reason": e.reason if e.action == ChangeAction.UNPUBLISH else "", "effective_date": e.effective_date,
         "occurred_at": now, "batch_id": batch.pk if batch else None}
        for i, e in enumerate(events)
    ]
    insert_rows(ChangeEvent, rows)
    counter.last_sequence = first + len(rows) - 1
    counter.save(update_fields=["last_sequence"])
    return [row["sequence"] for row in rows]
