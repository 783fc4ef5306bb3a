"""Writes to the list catalogue that change what readers see of existing entries."""
import datetime as dt

from django.db import transaction

from apps.lists.models import ListEntry, ListType
from apps.publication.changelog import PendingEvent, append_events
from apps.publication.enums import ChangeAction, Dataset, PublicationState

CHUNK = 1000


def save_list_type(list_type: ListType, today: dt.date) -> int:
    """Save a list's catalogue row. When its name rule (`publishes_person_names`) changed, every published entry of
    the list gets an update event, so the search index, the agencies' feed and their copies take the names in
    their new form (the index holds names as the rule gave them). Returns the events written."""
    # One transaction: the rule and its events land together or not at all (a rule saved without its events would
    # never be sent, since a later save finds no change).
    with transaction.atomic():
        before = (ListType.objects.select_for_update().filter(pk=list_type.pk)
                  .values_list("publishes_person_names", flat=True).first())
        list_type.save()
        if before is None or before == list_type.publishes_person_names:
            return 0
        written, last_pk = 0, 0
        while True:
            entries = list(ListEntry.objects.filter(list_type=list_type, state=PublicationState.PUBLISHED,
                                                    pk__gt=last_pk).order_by("pk").values_list("pk", "public_id")
                           [:CHUNK])
            if not entries:
                return written
            append_events([PendingEvent(Dataset.LIST_ENTRY, public_id, ChangeAction.UPDATE, today)
                           for _, public_id in entries])
            last_pk = entries[-1][0]
            written += len(entries)
