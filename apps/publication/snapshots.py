"""Bulk snapshots: every published item of a dataset as a tier that includes bulk sees it (its audience's items,
fields and forms), in JSON Lines (gzip)
and CSV (UTF-8 with BOM, so Excel opens it), with a manifest of row counts, checksums and the change-log sequence.

Consistency: the sequence is the change-log head read before the items are read. Items changed while the files
are written may appear in their newer state; replaying the change feed from that sequence re-applies those
changes, which is harmless (the feed is idempotent), so snapshot + feed from `sequence` = the published set.
Files are written row by row and hashed in blocks: memory stays flat whatever the size.
"""
import csv
import gzip
import json
import time
from pathlib import Path

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from apps.access.models import Tier
from apps.common.files import sha256_of
from apps.publication.audience import Audience
from apps.publication.datasets import NAMES, serializer
from apps.publication.exports import flatten
from apps.publication.models import ChangeLogCounter


def snapshot_dir(tier: Tier) -> Path:
    return Path(settings.SNAPSHOT_DIR) / tier.code


def build_snapshot(tier: Tier, dataset: str) -> dict:
    """Write one dataset's snapshot files for a tier and return the manifest."""
    folder = snapshot_dir(tier)
    folder.mkdir(parents=True, exist_ok=True)
    sequence = ChangeLogCounter.objects.get(pk=1).last_sequence
    stem = f"{dataset}-{sequence}"
    item_serializer = serializer(dataset)
    audience = Audience.of(tier)
    context = {"audience": audience}
    items = audience.published(dataset).order_by("pk")
    jsonl_path, csv_path = folder / f"{stem}.jsonl.gz", folder / f"{stem}.csv"
    rows = 0
    with gzip.open(jsonl_path, "wt", encoding="utf-8") as jsonl, csv_path.open("w", encoding="utf-8-sig",
                                                                                newline="") as csv_file:
        writer = None
        for item in items.iterator(chunk_size=2000):
            data = item_serializer(item, context=context).data
            jsonl.write(json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder) + "\n")
            flat = flatten(json.loads(json.dumps(data, cls=DjangoJSONEncoder)))
            if writer is None:
                writer = csv.DictWriter(csv_file, fieldnames=list(flat), extrasaction="ignore")
                writer.writeheader()
            writer.writerow(flat)
            rows += 1
    manifest = {
        "dataset": dataset, "tier": tier.code, "audience": audience.fingerprint, "sequence": sequence, "rows": rows,
        "generated_at": timezone.now().isoformat(),
        "files": [{"name": path.name, "format": fmt, "bytes": path.stat().st_size, "sha256": sha256_of(path)}
                  for path, fmt in ((jsonl_path, "jsonl.gz"), (csv_path, "csv"))],
        "follow": f"/api/v1/changes/?after={sequence}",
    }
    (folder / f"{stem}.manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1),
                                                  encoding="utf-8")
    _drop_older(folder, dataset, sequence)
    return manifest


def _manifests(tier: Tier) -> list[dict]:
    """Every manifest kept for a tier that was written for what the tier sees now (a tier edited since its
    snapshots were written has none until they are written again), of the datasets it sees."""
    audience = Audience.of(tier)
    folder = snapshot_dir(tier)
    found = []
    for path in folder.glob("*.manifest.json") if folder.exists() else []:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        if manifest.get("audience") == audience.fingerprint and audience.sees_dataset(manifest["dataset"]):
            found.append(manifest)
    return found


def latest_manifests(tier: Tier) -> list[dict]:
    """The newest manifest of each dataset for a tier (see _manifests)."""
    newest: dict[str, dict] = {}
    for manifest in _manifests(tier):
        if manifest["sequence"] >= newest.get(manifest["dataset"], {"sequence": -1})["sequence"]:
            newest[manifest["dataset"]] = manifest
    return [newest[d] for d in NAMES if d in newest]


def snapshot_file(tier: Tier, name: str) -> tuple[Path, dict] | None:
    """A snapshot file of the tier's kept manifests (the latest, and superseded ones for SNAPSHOT_KEEP_HOURS, so
    a download started on them can finish), with its manifest; None for any other name."""
    for manifest in _manifests(tier):
        if any(f["name"] == name for f in manifest["files"]):
            return snapshot_dir(tier) / name, manifest
    return None


def discard_snapshots() -> int:
    """Delete every tier's snapshot files (after stored data was redacted, say); return how many. The next
    build_snapshots writes them again."""
    root = Path(settings.SNAPSHOT_DIR)
    files = [path for path in root.glob("*/*") if path.is_file()] if root.exists() else []
    for path in files:
        path.unlink()
    return len(files)


def _drop_older(folder: Path, dataset: str, keep: int) -> None:
    """Delete the dataset's sets older than `keep` whose time is up: superseded more than SNAPSHOT_KEEP_HOURS ago
    (measured from when the next newer set was written, which is when a set stops being the latest)."""
    sets: dict[int, list[Path]] = {}
    for path in folder.glob(f"{dataset}-*"):
        sequence = path.name.removeprefix(f"{dataset}-").split(".", 1)[0]
        if sequence.isdigit():
            sets.setdefault(int(sequence), []).append(path)
    retention = settings.SNAPSHOT_KEEP_HOURS * 3600
    ordered = sorted(sets)
    for older, newer in zip(ordered, ordered[1:], strict=False):
        if newer > keep:
            break
        superseded_at = max(path.stat().st_mtime for path in sets[newer])
        if time.time() - superseded_at >= retention:
            for path in sets[older]:
                path.unlink(missing_ok=True)

