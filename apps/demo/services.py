"""Loading a demo data set through the real importer."""
import csv
import datetime as dt
import json
from pathlib import Path

from apps.ingestion.models import ImportBatch
from apps.ingestion.services import import_file
from apps.publication.enums import EndReason, PublicationState
from apps.publication.services import end_publication, publication_sweep
from apps.records.models import Penalty


def load_demo_folder(folder: Path, today: dt.date, log=print) -> list[ImportBatch]:
    """Import every file a demo manifest names, grant its credit repairs, and sweep; return the batches."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    batches = []
    for entry in manifest["files"]:
        batch = import_file(folder / entry["file"], kind=entry["kind"], list_code=entry["list"] or None,
                            source=entry["source"] or None,
                            mapping_path=folder / entry["mapping"] if entry["mapping"] else None, today=today)
        log(f"{entry['file']}: " + " ".join(f"{k}={v}" for k, v in batch.report().items()))
        batches.append(batch)
    repaired = _grant_repairs(folder / manifest["repairs"], today) if manifest.get("repairs") else 0
    log(f"credit repairs granted: {repaired}")
    ended = publication_sweep(today)
    log(f"sweep: ended {sum(ended.values())}")
    return batches


def _grant_repairs(path: Path, today: dt.date) -> int:
    """Credit repairs as staff would grant them: by authority, decision number and party."""
    granted = 0
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            item = Penalty.objects.filter(authority__name=row["authority"], decision_number=row["decision_number"],
                                          party_name=row["party"], state=PublicationState.PUBLISHED).first()
            if item and item.earliest_end and item.earliest_end <= today:
                end_publication(item.public_id, EndReason.REPAIRED, today, note="示例数据：信用修复")
                granted += 1
    return granted
