"""Writes of the publication lifecycle: the sweep that ends publication when its time comes, and early ends."""
import datetime as dt

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from apps.common.db import refresh_statistics
from apps.common.errors import Conflict, InvalidInput, NotFound
from apps.publication.changelog import PendingEvent, append_events
from apps.publication.datasets import item_models, model_for_public_id
from apps.publication.enums import (
    STAFF_END_REASONS,
    STATE_FOR_REASON,
    STICKY_STATES,
    ChangeAction,
    EndReason,
    PublicationState,
)
from apps.publication.models import ChangeEvent

SWEEP_CHUNK = 1000
_PLACEMENT_FIELDS = ("state", "window_start", "earliest_end", "latest_end", "actual_end", "end_reason")


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
        refresh_statistics([*item_models().values(), ChangeEvent])
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


def replace_penalties(today: dt.date) -> dict[str, int]:
    """Place every penalty again under the rule tables as they are now (after a publicity period or a class's
    `published` flag was corrected), and write what changed to the change log: an update for a published penalty
    whose window moved, a publish for one the rules now publish, an unpublish for one they no longer do. Ends
    decided by staff or by a revocation stay. Chunked like the sweep; running it again finds nothing to do. A
    penalty's class is kept as stored: whether the provider sent it or the kinds implied it is not recorded, so a
    corrected kind rule reaches new imports only."""
    from apps.publication.rules import place_penalty
    from apps.publication.selectors import load_rulebook
    from apps.records.enums import DecisionStatus
    from apps.records.models import Penalty

    rules = load_rulebook()
    counts = {"updated": 0, "published": 0, "unpublished": 0}
    last_pk = 0
    while True:
        with transaction.atomic():
            penalties = list(Penalty.objects.select_for_update().exclude(state__in=STICKY_STATES)
                             .filter(pk__gt=last_pk).order_by("pk")[:SWEEP_CHUNK])
            if not penalties:
                break
            last_pk = penalties[-1].pk
            events, changed = [], []
            for penalty in penalties:
                placement = place_penalty(decision_date=penalty.decision_date,
                                          publicity_class=penalty.publicity_class_id,
                                          provider_end=penalty.provider_publicity_end,
                                          revoked=penalty.status == DecisionStatus.REVOKED, rules=rules, today=today)
                fields = {"state": placement.state, "window_start": placement.window_start,
                          "earliest_end": placement.earliest_end, "latest_end": placement.latest_end,
                          "actual_end": placement.actual_end, "end_reason": placement.end_reason}
                if all(getattr(penalty, name) == value for name, value in fields.items()):
                    continue
                was_published = penalty.state == PublicationState.PUBLISHED
                for name, value in fields.items():
                    setattr(penalty, name, value)
                penalty.updated_at = timezone.now()
                if placement.state == PublicationState.PUBLISHED:
                    action = ChangeAction.UPDATE if was_published else ChangeAction.PUBLISH
                    penalty.first_published_at = penalty.first_published_at or penalty.updated_at
                    counts["updated" if was_published else "published"] += 1
                    events.append(PendingEvent(Penalty.DATASET, penalty.public_id, action, today))
                elif was_published:
                    counts["unpublished"] += 1
                    events.append(PendingEvent(Penalty.DATASET, penalty.public_id, ChangeAction.UNPUBLISH,
                                               placement.actual_end or today, placement.end_reason))
                changed.append(penalty)
            Penalty.objects.bulk_update(changed, [*_PLACEMENT_FIELDS, "updated_at", "first_published_at"])
            append_events(events)
    if any(counts.values()):
        refresh_statistics([Penalty, ChangeEvent])
    return counts
