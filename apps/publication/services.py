"""Writes of the publication lifecycle: the sweep that ends publication when its time comes, and early ends."""
import datetime as dt

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from apps.common.db import refresh_statistics
from apps.common.errors import Conflict, InvalidInput, NotFound
from apps.publication.changelog import PendingEvent, append_events
from apps.publication.enums import STAFF_END_REASONS, STATE_FOR_REASON, ChangeAction, EndReason, PublicationState
from apps.publication.items import item_models, model_for_public_id

SWEEP_CHUNK = 1000


def publication_sweep(today: dt.date) -> dict[str, int]:
    """End the publication of every item whose latest end is on or before `today`; return counts per dataset.

    Works in chunks, each its own transaction with its change-log events, so a sweep over millions of items
    neither holds one huge transaction nor loses work when stopped; running it again continues where it stopped
    and finds nothing to do once done.
    """
    ended: dict[str, int] = {}
    for dataset, model in item_models().items():
        ended[dataset] = 0
        while True:
            with transaction.atomic():
                due = list(
                    model.objects.select_for_update()
                    .filter(state=PublicationState.PUBLISHED, latest_end__lte=today)
                    .order_by("pk")
                    .values_list("pk", "public_id", "latest_end")[:SWEEP_CHUNK]
                )
                if not due:
                    break
                model.objects.filter(pk__in=[pk for pk, _, _ in due]).update(
                    state=PublicationState.EXPIRED, end_reason=EndReason.EXPIRED, actual_end=F("latest_end"),
                    updated_at=timezone.now(),
                )
                append_events([PendingEvent(dataset, public_id, ChangeAction.UNPUBLISH, latest_end, EndReason.EXPIRED)
                               for _, public_id, latest_end in due])
            ended[dataset] += len(due)
    if any(ended.values()):
        refresh_statistics()
    return ended


def end_publication(public_id: str, reason: str, today: dt.date, note: str = "") -> object:
    """End one item's publication early, for repair, revocation or an upheld objection; return the item.

    Credit repair is only possible once the item's earliest end has passed (the minimum publicity period).
    Ending an item already ended for the same reason changes nothing; for another reason it is a Conflict.
    """
    if reason not in STAFF_END_REASONS:
        raise InvalidInput(f"reason must be one of {', '.join(STAFF_END_REASONS)}", field="reason")
    model = model_for_public_id(public_id)
    if model is None:
        raise NotFound(f"no item with identifier {public_id}")
    with transaction.atomic():
        item = model.objects.select_for_update().filter(public_id=public_id).first()
        if item is None:
            raise NotFound(f"no item with identifier {public_id}")
        if item.state != PublicationState.PUBLISHED:
            if item.end_reason == reason:
                return item
            raise Conflict(f"publication of {public_id} already ended ({item.get_state_display()}, "
                           f"{item.actual_end})")
        if reason == EndReason.REPAIRED and item.earliest_end and today < item.earliest_end:
            raise Conflict(f"credit repair is possible from {item.earliest_end.isoformat()}, the end of the "
                           f"minimum publicity period")
        item.state = STATE_FOR_REASON[reason]
        item.end_reason = reason
        item.end_note = note
        item.actual_end = today
        item.updated_at = timezone.now()
        item.save(update_fields=["state", "end_reason", "end_note", "actual_end", "updated_at"])
        append_events([PendingEvent(model.DATASET, public_id, ChangeAction.UNPUBLISH, today, reason)])
    return item
