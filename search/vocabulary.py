"""Closed vocabularies of the documents' fields, given by the application when it starts.

The search layer imports no application code: the application, which owns the domain's enumerations and the
dataset registry, hands them over here once (apps.searchsync's AppConfig.ready). An engine that packs a field's
values into bits (the embedded engine's kinds) reads the order from here, so the same kind is the same bit in
every process.
"""
from collections.abc import Iterable, Mapping

# A document's number is its item's primary key times this plus its dataset's number (search.documents.seq_of).
DATASET_NUMBERS = 4

_kinds: tuple[str, ...] = ()
_dataset_numbers: dict[str, int] = {}
_listed: frozenset[str] = frozenset()


def set_kinds(values) -> None:
    """The penalty kinds documents may carry, in a fixed order."""
    global _kinds
    _kinds = tuple(values)


def kinds() -> tuple[str, ...]:
    """The penalty kinds, in their fixed order; an error if the application has not given them."""
    if not _kinds:
        raise RuntimeError("the penalty kinds were not given to the search layer (apps.searchsync sets them when "
                           "Django starts)")
    return _kinds


def set_datasets(numbers: Mapping[str, int], listed: Iterable[str]) -> None:
    """The datasets documents may belong to, each with its number (unique, below DATASET_NUMBERS), and those whose
    documents belong to a list (a list scope restricts these and leaves the others alone)."""
    global _dataset_numbers, _listed
    if len(set(numbers.values())) != len(numbers) or not all(0 <= n < DATASET_NUMBERS for n in numbers.values()):
        raise ValueError(f"dataset numbers must be distinct and below {DATASET_NUMBERS}: {dict(numbers)}")
    _dataset_numbers, _listed = dict(numbers), frozenset(listed)


def _numbers() -> dict[str, int]:
    if not _dataset_numbers:
        raise RuntimeError("the datasets were not given to the search layer (apps.searchsync sets them when Django "
                           "starts)")
    return _dataset_numbers


def datasets() -> tuple[str, ...]:
    """The datasets documents may belong to, in the application's order."""
    return tuple(_numbers())


def dataset_number(dataset: str) -> int:
    """The dataset's part of a document number."""
    return _numbers()[dataset]


def dataset_of_number(number: int) -> str:
    """The dataset whose documents' numbers end in `number` (modulo DATASET_NUMBERS)."""
    return next(name for name, n in _numbers().items() if n == number)


def unlisted_datasets() -> tuple[str, ...]:
    """The datasets a list scope leaves alone: their documents belong to no list."""
    return tuple(name for name in _numbers() if name not in _listed)
