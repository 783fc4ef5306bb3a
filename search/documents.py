"""What the index holds for one published item: a backend-neutral document, and its number.

The application builds documents from its rows (apps/searchsync/documents.py), in the forms the least privileged
audience reads; the search layer knows documents, queries and engines only.
"""
import datetime as dt
from dataclasses import dataclass, field

from search.vocabulary import DATASET_NUMBERS, dataset_number, dataset_of_number


def seq_of(dataset: str, pk: int) -> int:
    """The document's unique number: the item's primary key and dataset in one integer."""
    return pk * DATASET_NUMBERS + dataset_number(dataset)


def item_of(seq: int) -> tuple[str, int]:
    """(dataset, primary key) of a document number."""
    return dataset_of_number(seq % DATASET_NUMBERS), seq // DATASET_NUMBERS


@dataclass
class SearchDocument:
    """One published item as both engines index it."""

    id: str
    seq: int                 # unique, stable tie-breaker for ordering
    dataset: str
    name: str                # the party's public name
    number: str              # decision or case number
    authority: str
    body: str                # the decision's words: violation, facts, content, basis, reason
    title: str
    codes: list[str] = field(default_factory=list)   # USCC and numbers, compared whole and by prefix
    region: str = ""
    list_code: str = ""
    kinds: list[str] = field(default_factory=list)
    category: str = ""
    date: dt.date | None = None
    fine: float | None = None

    @property
    def year(self) -> str:
        return str(self.date.year) if self.date else ""
