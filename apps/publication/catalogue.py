"""Edits to the rows items are shown with (an authority, a list, a subject): saved together with an update event
for every published item the edit changes as callers see it, so the search index and every agency's copy follow.
Without the events an agency's copy would silently keep the old name."""
import datetime as dt

from django.db import transaction
from django.forms.models import model_to_dict

from apps.publication.changelog import PendingEvent, append_events
from apps.publication.enums import ChangeAction, PublicationState

CHUNK = 1000


def save_announcing(instance, affected, today: dt.date) -> int:
    """Save `instance`; if any of its fields changed, append an update event for each published item of the
    querysets `affected(instance)` gives (dataset → queryset of that dataset's items), in the same transaction.
    Returns the number of events written (0 for a new row or an unchanged one)."""
    with transaction.atomic():
        model = type(instance)
        stored = model.objects.select_for_update().filter(pk=instance.pk).first() if instance.pk else None
        before = model_to_dict(stored) if stored is not None else None
        instance.save()
        if before is None or before == model_to_dict(instance):
            return 0
        return announce_updates(affected(instance), today)


def announce_updates(affected: dict, today: dt.date) -> int:
    """Append an update event for every published item of these querysets (dataset → queryset), in chunks, inside
    the caller's transaction. Returns the number of events."""
    written = 0
    for dataset, queryset in affected.items():
        last_pk = 0
        while True:
            items = list(queryset.filter(state=PublicationState.PUBLISHED, pk__gt=last_pk).order_by("pk")
                         .values_list("pk", "public_id")[:CHUNK])
            if not items:
                break
            append_events([PendingEvent(dataset, public_id, ChangeAction.UPDATE, today) for _, public_id in items])
            last_pk = items[-1][0]
            written += len(items)
    return written
