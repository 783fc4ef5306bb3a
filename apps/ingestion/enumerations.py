"""Value tables for enumerated fields, read from enumerations.toml and per-source mapping files."""
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from apps.ingestion.normalise import header_key

_TABLE_FILE = Path(__file__).with_name("enumerations.toml")


@dataclass(frozen=True)
class AmbiguousKind:
    """A combined legacy label resolved by what the decision's content says."""

    content_contains: str
    then: str
    otherwise: str


@dataclass
class Enumerations:
    """Lookup tables: enumeration name → normalised provider value → standard value (a list for penalty kinds)."""

    tables: dict[str, dict[str, object]]
    ambiguous_kinds: dict[str, AmbiguousKind] = field(default_factory=dict)

    def lookup(self, enum: str, value: str):
        """The standard value for `value`, or None when the table does not know it."""
        return self.tables.get(enum, {}).get(header_key(value))

    def with_overrides(self, overrides: dict[str, dict[str, object]]) -> "Enumerations":
        """A copy in which a source's own codes are added to (or replace) the shared ones."""
        tables = {name: dict(values) for name, values in self.tables.items()}
        for name, values in overrides.items():
            target = tables.setdefault(name, {})
            for raw, standard in values.items():
                target[header_key(raw)] = [standard] if name == "penalty_kind" and isinstance(standard, str) \
                    else standard
        return Enumerations(tables, self.ambiguous_kinds)


@cache
def shared_enumerations() -> Enumerations:
    """The tables of enumerations.toml, loaded once."""
    with _TABLE_FILE.open("rb") as fh:
        data = tomllib.load(fh)
    ambiguous = {header_key(label): AmbiguousKind(**rule) for label, rule in data.pop("ambiguous_penalty_kind",
                                                                                       {}).items()}
    tables = {name: {header_key(raw): standard for raw, standard in values.items()} for name, values in data.items()}
    return Enumerations(tables, ambiguous)
