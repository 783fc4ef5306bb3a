"""From provider rows to prepared records: parsing, validation, column values, keys and hashes.

Everything here is pure (no database), so it runs in the reader process beside the writer (see pipeline.py).
What crosses to the writer is kept compact: a PreparedRow holds the item's column values with JSON columns
already encoded, and small tuples for the subject and authority.
"""
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from apps.common.json import encoded
from apps.ingestion.builders import BUILDERS, BuildContext
from apps.ingestion.keys import authority_key, dedup_key, match_key, subject_key
from apps.ingestion.parse import ParsedRow, RowParser, canonical_json
from apps.publication.enums import Dataset

# Model fields stored as JSON, encoded in the reader process.
_JSON_FIELDS = ("kinds", "party_legacy_ids")


class SubjectData(NamedTuple):
    name: str
    category: str
    uscc: str | None
    legacy_ids: dict
    legal_representative: str
    id_hash: str | None


class AuthorityData(NamedTuple):
    name: str
    uscc: str
    region_code: str


class PreparedRow(NamedTuple):
    """A valid row, ready to store: `item` holds every column but the ones only the writer knows (ids, times)."""

    key: str
    match_key: str
    content_hash: str
    subject_key: str
    authority_key: str
    item: dict
    subject: SubjectData
    authority: AuthorityData
    flagged: bool


class RefusedRow(NamedTuple):
    """A row with hard errors, bound for quarantine."""

    number: int
    raw: dict
    errors: list
    match_key: str


@dataclass
class Chunk:
    """The outcome of a run of consecutive rows."""

    read: int
    accepted: list[PreparedRow] = field(default_factory=list)
    refused: list[RefusedRow] = field(default_factory=list)


class Preparer:
    """Parses and prepares the rows of one file."""

    def __init__(self, kind: str, parser: RowParser, ctx: BuildContext, list_code: str | None, source_name: str):
        self.kind = kind
        self.parser = parser
        self.ctx = ctx
        self.list_code = list_code
        self.source_name = source_name
        self.build = BUILDERS[kind][1]

    def chunks(self, numbered_rows: Iterable[tuple[int, dict]], chunk_rows: int) -> Iterator[Chunk]:
        """Prepared chunks of at most `chunk_rows` rows, in file order."""
        chunk = Chunk(read=0)
        for number, raw in numbered_rows:
            self.add(chunk, number, raw)
            if chunk.read >= chunk_rows:
                yield chunk
                chunk = Chunk(read=0)
        if chunk.read:
            yield chunk

    def add(self, chunk: Chunk, number: int, raw: dict) -> None:
        """Parse one row into the chunk, as accepted or refused."""
        parsed = self.parser.parse(number, raw)
        list_code = parsed.values.get("list_code") or self.list_code
        if self.kind == Dataset.LIST_ENTRY:
            _check_list(parsed, list_code, self.ctx.list_types)
        chunk.read += 1
        if parsed.errors:
            chunk.refused.append(RefusedRow(number, parsed.raw, parsed.errors,
                                            match_key(self.kind, parsed.values, list_code)))
        else:
            chunk.accepted.append(self.prepare(parsed, list_code))

    def prepare(self, row: ParsedRow, list_code: str | None) -> PreparedRow:
        """The stored form of a valid row."""
        values = row.values
        fields, placement = self.build(values, self.ctx, list_code)
        key = dedup_key(self.kind, values, row.party_id_hash, list_code)
        content_hash = hashlib.blake2b(canonical_json({"v": fields, "flags": row.flags}).encode(),
                                       digest_size=16).hexdigest()
        for name in _JSON_FIELDS:
            if name in fields:
                fields[name] = encoded(fields[name])
        fields.update(
            dedup_key=key, content_hash=content_hash, state=placement.state, window_start=placement.window_start,
            earliest_end=placement.earliest_end, latest_end=placement.latest_end, actual_end=placement.actual_end,
            end_reason=placement.end_reason, source_name=self.source_name,
            submitting_unit=values.get("submitting_unit") or "",
            submitting_unit_uscc=values.get("submitting_unit_uscc") or "",
            source_row=encoded(row.raw), quality_flags=encoded(row.flags),
        )
        return PreparedRow(
            key=key, match_key=match_key(self.kind, values, list_code), content_hash=content_hash,
            subject_key=subject_key(values, row.party_id_hash, key),
            authority_key=authority_key(values["authority_name"], values.get("authority_uscc")),
            item=fields,
            subject=SubjectData(values["party_name"], values["party_category"], values.get("party_uscc") or None,
                                values.get("party_legacy_ids") or {}, values.get("legal_representative") or "",
                                row.party_id_hash),
            authority=AuthorityData(values["authority_name"], values.get("authority_uscc") or "",
                                    values.get("region_code") or ""),
            flagged=bool(row.flags),
        )


def _check_list(parsed: ParsedRow, code: str | None, list_types: dict) -> None:
    if not code:
        parsed.error("list_code", "no list given: pass --list or send a 名单代码 column")
    elif code not in list_types:
        parsed.error("list_code", f"unknown list {code[:64]!r}")
