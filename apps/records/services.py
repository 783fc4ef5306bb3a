"""Staff corrections of subjects and authorities, announced to every channel that shows them."""
import datetime as dt

from apps.publication.catalogue import save_announcing
from apps.publication.datasets import item_models
from apps.records.models import Authority, Subject


def save_authority(authority: Authority, today: dt.date) -> int:
    """Save an authority; if it changed, every published item it decided gets an update event (items show the
    authority's name and codes). Returns the events written."""
    return save_announcing(authority, lambda saved: {dataset: model.objects.filter(authority=saved)
                                                     for dataset, model in item_models().items()}, today)


def save_subject(subject: Subject, today: dt.date) -> int:
    """Save a subject; if it changed, every published item about it gets an update event (profiles, search and
    reports read it beside the items). Returns the events written."""
    return save_announcing(subject, lambda saved: {dataset: model.objects.filter(subject=saved)
                                                   for dataset, model in item_models().items()}, today)
