"""Writes to the list catalogue that change what readers see of existing entries."""
import datetime as dt

from apps.lists.models import ListEntry, ListType
from apps.publication.catalogue import save_announcing
from apps.publication.enums import Dataset


def save_list_type(list_type: ListType, today: dt.date) -> int:
    """Save a list's catalogue row. When anything of it changed (its name, colour, issuer, or its name rule,
    `publishes_person_names`), every published entry of the list gets an update event in the same transaction, so
    the search index, the agencies' feed and their copies show the list as it now is (the index holds names as the
    rule gave them, and titles with the list's name). Returns the events written."""
    return save_announcing(list_type, lambda saved: {Dataset.LIST_ENTRY: ListEntry.objects.filter(list_type=saved)},
                           today)
