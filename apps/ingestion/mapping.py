"""Declarative column mappings for feeds of any other shape (a court's debtor feed, say).

A mapping file is TOML:

    kind = "list_entry"                 # optional: the dataset of the feed (or its alias list-entry)
    list = "court-dishonest-debtors"    # optional: the list its entries belong to
    source = "最高人民法院"              # optional: default --source
    never_public = ["cardNumFull"]      # optional: extra columns that must never be stored

    [columns]                           # provider column → canonical field (see docs/ingestion.md)
    iname = "party_name"
    caseCode = "case_number"

    [values.party_category]             # provider codes for an enumerated field
    "0" = "自然人"

    [constants]                         # canonical fields the feed does not carry
    legal_basis = "《最高人民法院关于公布失信被执行人名单信息的若干规定》"

Columns not named under [columns] are still matched by the built-in names.
"""
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from apps.common.errors import InvalidInput
from apps.ingestion.fields import FIELDS_BY_NAME
from apps.ingestion.normalise import header_key
from apps.publication.datasets import accepted_names, resolve


@dataclass(frozen=True)
class SourceMapping:
    """A parsed mapping file."""

    name: str
    kind: str | None = None
    list_code: str | None = None
    source: str | None = None
    columns: dict[str, str] = field(default_factory=dict)   # header_key(provider column) → canonical field
    values: dict[str, dict[str, object]] = field(default_factory=dict)
    constants: dict[str, object] = field(default_factory=dict)
    never_public: frozenset[str] = frozenset()               # header_keys


EMPTY_MAPPING = SourceMapping(name="")


def load_mapping(path: Path, kind: str | None = None) -> SourceMapping:
    """Read and check a mapping file; raise InvalidInput naming the key that is wrong."""
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise InvalidInput(f"mapping file not found: {path}", field="mapping") from None
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput(f"mapping file is not valid TOML: {exc}", field="mapping") from None
    unknown = set(data) - {"kind", "list", "source", "never_public", "columns", "values", "constants"}
    if unknown:
        raise InvalidInput(f"unknown keys in mapping file: {', '.join(sorted(unknown))}", field="mapping")
    mapping_kind = resolve(data.get("kind") or kind or "")
    if mapping_kind is None:
        raise InvalidInput(f"mapping file needs kind = one of {', '.join(accepted_names())}", field="kind")
    known = FIELDS_BY_NAME[mapping_kind]
    columns = {}
    for column, target in data.get("columns", {}).items():
        if target not in known:
            raise InvalidInput(f"column {column!r} maps to unknown field {target!r}", field=f"columns.{column}")
        columns[header_key(column)] = target
    for target in data.get("constants", {}):
        if target not in known:
            raise InvalidInput(f"constant for unknown field {target!r}", field=f"constants.{target}")
    return SourceMapping(
        name=path.name,
        kind=mapping_kind,
        list_code=data.get("list"),
        source=data.get("source"),
        columns=columns,
        values=data.get("values", {}),
        constants=data.get("constants", {}),
        never_public=frozenset(header_key(c) for c in data.get("never_public", [])),
    )
