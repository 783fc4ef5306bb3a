"""Importing one provider file: read, parse, validate, store, all in one transaction per batch."""
import datetime as dt
import itertools
import logging
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from apps.common.dates import today as local_today
from apps.common.errors import InvalidInput
from apps.ingestion.builders import BuildContext
from apps.ingestion.enumerations import shared_enumerations
from apps.ingestion.enums import BatchStatus, RecordKind
from apps.ingestion.fields import detect_kind
from apps.ingestion.mapping import EMPTY_MAPPING, load_mapping
from apps.ingestion.models import ImportBatch
from apps.ingestion.parse import RowParser
from apps.ingestion.readers import file_sha256, open_rows
from apps.ingestion.store import BatchWriter
from apps.lists.models import ListType
from apps.publication.selectors import load_rulebook

logger = logging.getLogger(__name__)
CHUNK_ROWS = 2000


def import_file(path: Path, *, kind: str | None = None, list_code: str | None = None, source: str | None = None,
                mapping_path: Path | None = None, today: dt.date | None = None,
                chunk_rows: int = CHUNK_ROWS) -> ImportBatch:
    """Import one provider file as one batch and return the batch with its report.

    The batch row is written first (status running) so a run that dies is visible; everything else, items,
    versions, change-log events and quarantine, is written in one transaction, so a failure or a kill leaves
    no partial batch. Raises InvalidInput for a file or option that cannot be used at all.
    """
    path = Path(path)
    today = today or local_today()
    mapping = load_mapping(Path(mapping_path), kind) if mapping_path else EMPTY_MAPPING
    source_rows = open_rows(path)
    rows = iter(source_rows.rows)
    first = next(rows, None)
    kind = kind or mapping.kind or (detect_kind(first.keys()) if first else None)
    if kind not in RecordKind.values:
        raise InvalidInput("cannot tell whether the file holds penalties, licences or list entries; "
                           "pass --kind", field="kind")
    list_types = {lt.code: lt for lt in ListType.objects.all()}
    list_code = list_code or mapping.list_code
    if list_code and list_code not in list_types:
        raise InvalidInput(f"unknown list {list_code!r}; known lists: {', '.join(sorted(list_types))}",
                           field="list")
    batch = ImportBatch.objects.create(
        kind=kind, list_code=list_code or "", source_name=source or mapping.source or "", file_name=path.name,
        file_sha256=file_sha256(path), file_format=source_rows.format, mapping_name=mapping.name,
    )
    enumerations = shared_enumerations().with_overrides(mapping.values) if mapping.values else shared_enumerations()
    parser = RowParser(kind, enumerations, mapping, today)
    ctx = BuildContext(rules=load_rulebook(), today=today, list_types=list_types)
    numbered = enumerate(itertools.chain([first] if first else [], rows), start=1)

    def list_code_for(row):
        return row.values.get("list_code") or list_code

    try:
        with transaction.atomic():
            writer = BatchWriter(batch, kind, ctx, batch.source_name)
            while chunk := list(itertools.islice(numbered, chunk_rows)):
                accepted, refused = [], []
                for number, raw in chunk:
                    parsed = parser.parse(number, raw)
                    if kind == RecordKind.LIST_ENTRY:
                        _check_list(parsed, list_code_for(parsed), list_types)
                    (refused if parsed.errors else accepted).append(parsed)
                batch.read += len(chunk)
                writer.quarantine(refused, list_code_for)
                if accepted:
                    writer.write(accepted, list_code_for)
            batch.status = BatchStatus.COMPLETED
            batch.finished_at = timezone.now()
            batch.save()
    except BaseException as exc:
        ImportBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.FAILED, finished_at=timezone.now(),
                                                       error=f"{type(exc).__name__}: {exc}"[:2000])
        logger.error("import batch %s failed and was rolled back: %s", batch.pk, type(exc).__name__)
        raise
    logger.info("import batch %s: %s", batch.pk, batch.report())
    return batch


def _check_list(parsed, code: str | None, list_types: dict) -> None:
    if not code:
        parsed.error("list_code", "no list given: pass --list or send a 名单代码 column")
    elif code not in list_types:
        parsed.error("list_code", f"unknown list {code[:64]!r}")
