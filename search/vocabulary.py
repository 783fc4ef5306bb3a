"""Closed vocabularies of the documents' fields, given by the application when it starts.

The search layer imports no application code: the application, which owns the domain's enumerations, hands them
over here once (apps.searchsync's AppConfig.ready). An engine that packs a field's values into bits (the
embedded engine's kinds) reads the order from here, so the same kind is the same bit in every process.
"""

_kinds: tuple[str, ...] = ()


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
