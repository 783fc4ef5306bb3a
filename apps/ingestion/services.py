"""Importing one provider file: read, parse, validate, store, all in one transaction per batch."""
import datetime as dt
import logging
import os
import socket
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
from apps.ingestion.models import ImportBatch, QuarantinedRow
from apps.ingestion.parse import RowParser
from apps.ingestion.pipeline import in_child_process
from apps.ingestion.prepare import Preparer
from apps.ingestion.readers import open_rows
from apps.ingestion.store import BatchWriter
from apps.lists.models import ListType
from apps.publication.datasets import NAMES, accepted_names, model, resolve
from apps.publication.models import ChangeEvent, ItemVersion
from apps.publication.selectors import load_rulebook
from apps.records.models import Authority, Subject

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
    fail_abandoned_batches()
    batch = ImportBatch.objects.create(
        host=socket.gethostname(), pid=os.getpid(), kind=kind, list_code=list_code or "",
        source_name=source or mapping.source or "", file_name=path.name,
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
    refresh_statistics([model(kind), Subject, Authority, ChangeEvent, ItemVersion, QuarantinedRow])
    logger.info("import batch %s: %s", batch.pk, batch.report())
    return batch



# A batch still running after this long on another machine (where its process cannot be looked up) was abandoned:
# no import of a file runs this long (a million rows take minutes).
ABANDONED_AFTER = dt.timedelta(hours=24)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, owned by another user
        return True
    return True


def fail_abandoned_batches() -> int:
    """Mark as failed the batches left `running` by an import process that is gone (killed, or its machine
    restarted): its transaction was rolled back, so nothing of it is stored. A batch of this machine is abandoned
    when its process no longer exists; one of another machine when it started more than ABANDONED_AFTER ago.
    Called before each import and by the daily sweep; returns how many were marked."""
    here, now = socket.gethostname(), timezone.now()
    abandoned = [batch.pk for batch in ImportBatch.objects.filter(status=BatchStatus.RUNNING).only(
                     "pk", "host", "pid", "started_at")
                 if (batch.host == here and batch.pid and batch.pid != os.getpid() and not _process_alive(batch.pid))
                 or (batch.host != here and now - batch.started_at > ABANDONED_AFTER)]
    if abandoned:
        ImportBatch.objects.filter(pk__in=abandoned, status=BatchStatus.RUNNING).update(
            status=BatchStatus.FAILED, finished_at=now,
            error="the import process ended without finishing (killed or its machine restarted); nothing of it "
                  "was stored")
        logger.warning("import batches %s were abandoned by their process: marked failed", abandoned)
    return len(abandoned)
