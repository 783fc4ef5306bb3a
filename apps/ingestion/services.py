"""Importing one provider file: read, parse, validate, store, all in one transaction per batch."""
import datetime as dt
import logging
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from apps.common.dates import today as local_today
from apps.common.db import refresh_statistics
from apps.common.errors import InvalidInput
from apps.common.files import sha256_of
from apps.common.privacy import redact_id_numbers
from apps.ingestion.builders import BuildContext
from apps.ingestion.enumerations import shared_enumerations
from apps.ingestion.enums import BatchStatus
from apps.ingestion.fields import detect_kind
from apps.ingestion.mapping import EMPTY_MAPPING, load_mapping
from apps.ingestion.models import ImportBatch
from apps.ingestion.parse import RowParser
from apps.ingestion.pipeline import in_child_process
from apps.ingestion.prepare import Preparer
from apps.ingestion.readers import open_rows
from apps.ingestion.store import BatchWriter
from apps.lists.models import ListType
from apps.publication.datasets import NAMES, accepted_names, resolve
from apps.publication.selectors import load_rulebook

logger = logging.getLogger(__name__)
CHUNK_ROWS = 2000


def import_file(path: Path, *, kind: str | None = None, list_code: str | None = None, source: str | None = None,
                mapping_path: Path | None = None, today: dt.date | None = None,
                chunk_rows: int = CHUNK_ROWS) -> ImportBatch:
    """Import one provider file as one batch and return the batch with its report.

    The batch row is written first (status running) so a run that dies is visible; everything else, items,
    versions, change-log events and quarantine, is written in one transaction, so a failure or a kill leaves
    no partial batch. Reading and parsing run in a child process beside the writer (see pipeline.py).
    Raises InvalidInput for a file or option that cannot be used at all.
    """
    path = Path(path)
    today = today or local_today()
    mapping = load_mapping(Path(mapping_path), kind) if mapping_path else EMPTY_MAPPING
    source_rows = open_rows(path)
    first = next(source_rows.rows, None)
    source_rows.rows.close()  # a peek for the kind; the reader process opens the file afresh
    given = kind or mapping.kind
    kind = resolve(given) if given else (detect_kind(first.keys()) if first else None)
    if given and kind is None:
        raise InvalidInput(f"unknown kind {given!r}; one of {', '.join(accepted_names())}", field="kind")
    if kind is None:
        raise InvalidInput("cannot tell which dataset the file holds; pass --kind (one of "
                           f"{', '.join(NAMES)})", field="kind")
    list_types = {lt.code: lt for lt in ListType.objects.all()}
    list_code = list_code or mapping.list_code
    if list_code and list_code not in list_types:
        raise InvalidInput(f"unknown list {list_code!r}; known lists: {', '.join(sorted(list_types))}",
                           field="list")
    batch = ImportBatch.objects.create(
        kind=kind, list_code=list_code or "", source_name=source or mapping.source or "", file_name=path.name,
        file_sha256=sha256_of(path), file_format=source_rows.format, mapping_name=mapping.name,
    )
    enumerations = shared_enumerations().with_overrides(mapping.values) if mapping.values else shared_enumerations()
    preparer = Preparer(kind, RowParser(kind, enumerations, mapping, today),
                        BuildContext(rules=load_rulebook(), today=today, list_types=list_types), list_code,
                        batch.source_name)

    def prepared_chunks():
        # The file is opened afresh inside the reader process; the first row was only a peek.
        return preparer.chunks(enumerate(open_rows(path).rows, start=1), chunk_rows)

    try:
        with transaction.atomic():
            writer = BatchWriter(batch, kind, today)
            for chunk in in_child_process(prepared_chunks):
                batch.read += chunk.read
                writer.quarantine(chunk.refused)
                if chunk.accepted:
                    writer.write(chunk.accepted)
            batch.status = BatchStatus.COMPLETED
            batch.finished_at = timezone.now()
            batch.save()
    except BaseException as exc:
        ImportBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.FAILED, finished_at=timezone.now(),
                                                       error=redact_id_numbers(f"{type(exc).__name__}: {exc}")[:2000])
        logger.error("import batch %s failed and was rolled back: %s", batch.pk, type(exc).__name__)
        raise
    refresh_statistics()
    logger.info("import batch %s: %s", batch.pk, batch.report())
    return batch

