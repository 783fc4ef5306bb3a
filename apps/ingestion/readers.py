"""Streaming readers for the formats providers send: JSON (array or wrapper), JSON Lines, CSV, XLSX.

Each yields one dict per row and holds only the row at hand (plus the parser's buffer) in memory, so a file
of gigabytes is read in constant memory.
"""
import codecs
import csv
import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import ijson

from apps.common.errors import InvalidInput
from apps.common.privacy import redact_id_numbers

_SNIFF_BYTES = 1 << 16
# Key under which a reader reports a row it could not split into fields; the parser quarantines such a row.
ROW_ERROR = "__row_error__"


@dataclass
class RowSource:
    """An opened provider file: its format and an iterator of row dicts."""

    format: str
    rows: Iterator[dict]


def open_rows(path: Path) -> RowSource:
    """Detect the format of `path` and return a streaming row source. Raise InvalidInput when unreadable."""
    if not path.is_file():
        raise InvalidInput(f"file not found: {path}", field="path")
    with path.open("rb") as fh:
        head = fh.read(_SNIFF_BYTES)
    suffix = path.suffix.lower()
    if head.startswith(b"PK\x03\x04") or suffix == ".xlsx":
        return RowSource("xlsx", _xlsx_rows(path))
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if suffix in (".jsonl", ".ndjson"):
        return RowSource("jsonl", _jsonl_rows(path))
    if stripped.startswith(b"["):
        return RowSource("json", _json_items(path, "item"))
    if stripped.startswith(b"{"):
        prefix = _wrapper_prefix(path)
        if prefix is None:
            return RowSource("jsonl", _jsonl_rows(path))
        return RowSource("json", _json_items(path, prefix))
    if suffix == ".json":
        raise InvalidInput("JSON file does not start with an array or an object", field="path")
    return RowSource("csv", _csv_rows(path, _csv_encoding(head)))


def _wrapper_prefix(path: Path) -> str | None:
    """The ijson prefix of the rows inside a wrapper object ({"total": 1, "rows": [...]}), or None when the
    file is JSON Lines (its first object ends before the file does and holds no list of rows)."""
    with path.open("rb") as fh:
        try:
            array_at = None
            for prefix, event, _ in ijson.parse(fh, multiple_values=True):
                if array_at is not None and event == "start_map" and prefix == f"{array_at}.item":
                    return prefix
                array_at = prefix if event == "start_array" and prefix and "." not in prefix else None
                if event == "end_map" and prefix == "":
                    return None
        except ijson.JSONError as exc:
            raise InvalidInput(f"file is not valid JSON: {_first_line(exc)}", field="path") from None
    return None


def _json_items(path: Path, prefix: str) -> Iterator[dict]:
    with path.open("rb") as fh:
        try:
            for item in ijson.items(fh, prefix, use_float=True):
                yield item if isinstance(item, dict) else {"_value": item}
        except ijson.JSONError as exc:
            raise InvalidInput(f"file is not valid JSON: {_first_line(exc)}", field="path") from None


def _jsonl_rows(path: Path) -> Iterator[dict]:
    with path.open("r", encoding="utf-8-sig") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InvalidInput(f"line {number} is not valid JSON: {exc.msg}", field="path") from None
            yield item if isinstance(item, dict) else {"_value": item}


def _csv_encoding(head: bytes) -> str:
    """UTF-8 (with or without BOM) when the opening bytes decode as UTF-8, else GB18030."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(head, final=False)  # a multi-byte character cut at the end of the sample is fine
        return "utf-8"
    except UnicodeDecodeError:
        return "gb18030"


def _csv_rows(path: Path, encoding: str) -> Iterator[dict]:
    with path.open("r", encoding=encoding, newline="") as fh:
        reader = csv.reader(fh)
        try:
            header = next(reader)
        except StopIteration:
            return
        except UnicodeDecodeError as exc:
            raise InvalidInput(f"file is not valid {encoding}: {exc.reason}", field="path") from None
        header = [h.strip() for h in header]
        try:
            for values in reader:
                if not any(v.strip() for v in values):
                    continue
                if len(values) != len(header):
                    # Shifted columns (an unquoted comma, say) would put values under the wrong names.
                    yield {ROW_ERROR: f"row has {len(values)} fields where the header has {len(header)}",
                           **dict(zip(header, values, strict=False))}
                    continue
                yield dict(zip(header, values, strict=True))
        except UnicodeDecodeError as exc:
            raise InvalidInput(f"file is not valid {encoding}: {exc.reason}", field="path") from None


def _xlsx_rows(path: Path) -> Iterator[dict]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several unrelated types for a broken file
        reason = redact_id_numbers(str(exc))
        raise InvalidInput(f"file is not a readable XLSX workbook: {reason}", field="path") from None
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = None
        for values in rows:
            if header is None:
                header = [str(h).strip() if h is not None else "" for h in values]
                continue
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                continue
            # Spreadsheets drop trailing empty cells, so a short row is normal here.
            yield {h: _cell(v) for h, v in zip(header, values, strict=False) if h}
    finally:
        workbook.close()


def _cell(value):
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _first_line(exc: Exception) -> str:
    """The parser's own words without the excerpt of the input it quotes below them (which may hold an ID)."""
    return redact_id_numbers(str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__)
