"""Persisting prepared rows, a chunk at a time, inside the batch's transaction."""
import datetime as dt
import hashlib
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from apps.common.bulk import insert_rows
from apps.common.identifiers import is_valid_uscc, uscc_region_code
from apps.common.json import decoded
from apps.common.public_ids import new_public_id
from apps.common.regions import province_for
from apps.ingestion.builders import BUILDERS
from apps.ingestion.enums import QuarantineStatus
from apps.ingestion.models import ImportBatch, QuarantinedRow
from apps.ingestion.parse import canonical_json
from apps.ingestion.prepare import PreparedRow, RefusedRow
from apps.publication.changelog import PendingEvent, append_events
from apps.publication.enums import STICKY_STATES, ChangeAction, PublicationState
from apps.publication.models import ItemVersion
from apps.records.models import Authority, Subject

# Fields that describe the lifecycle or provenance, not the decision: left out of version snapshots.
_NOT_CONTENT = frozenset({"id", "public_id", "dedup_key", "content_hash", "version", "received_at", "updated_at",
                          "batch_id", "first_published_at"})
# Lifecycle columns a correction recomputes, unless staff or a revocation ended publication (STICKY_STATES).
_LIFECYCLE = ("state", "window_start", "earliest_end", "latest_end", "actual_end", "end_reason")


@dataclass
class _KnownSubject:
    pk: int
    name: str
    legal_representative: str


class BatchWriter:
    """Writes the accepted and quarantined rows of one batch and keeps its counts."""

    def __init__(self, batch: ImportBatch, kind: str, today: dt.date):
        self.batch = batch
        self.today = today
        self.model = BUILDERS[kind][0]
        self.dataset = self.model.DATASET
        self._authorities: dict[str, int] = dict(Authority.objects.values_list("key", "pk"))
        # Resolving quarantined rows costs a query per chunk; skip it while nothing waits in quarantine.
        self._quarantine_waiting = QuarantinedRow.objects.filter(status=QuarantineStatus.OPEN).exists()

    # --- accepted rows -------------------------------------------------------------------------------------

    def write(self, prepared: list[PreparedRow]) -> None:
        """Store a chunk of valid rows: create, correct or leave each item; append change-log events."""
        now = timezone.now()
        authorities = self._resolve_authorities(prepared)
        subjects = self._resolve_subjects(prepared, now)
        existing: dict[str, object] = {
            item.dedup_key: item for item in self.model.objects.filter(dedup_key__in=[p.key for p in prepared])}
        created: dict[str, dict] = {}
        changed: dict[str, object] = {}
        versions, events = [], []
        for p in prepared:
            self.batch.flagged += p.flagged
            ids = {"subject_id": subjects[p.subject_key], "authority_id": authorities[p.authority_key]}
            item = existing.get(p.key)
            if item is None:
                row = created[p.key] = {**p.item, **ids, "public_id": new_public_id(self.model.PUBLIC_ID_PREFIX),
                                        "batch_id": self.batch.pk, "received_at": now, "updated_at": now}
                existing[p.key] = row
                self.batch.created += 1
                if row["state"] == PublicationState.PUBLISHED:
                    row["first_published_at"] = now
                    events.append(PendingEvent(self.dataset, row["public_id"], ChangeAction.PUBLISH, self.today))
                continue
            if isinstance(item, dict):  # the file repeats a decision it introduced a few rows earlier
                item = self.model(**{k: decoded(v) for k, v in created.pop(p.key).items()})
                existing[p.key] = changed[p.key] = item  # still to insert: item._state.adding is True
            if item.content_hash == p.content_hash:
                self.batch.unchanged += 1
                continue
            versions.append(self._snapshot(item))
            event = self._correct(item, p, ids, now)
            if event:
                events.append(event)
            changed[p.key] = item
            self.batch.updated += 1
        insert_rows(self.model, list(created.values()))
        fresh = [item for item in changed.values() if item._state.adding]
        if fresh:
            insert_rows(self.model, [_as_row(item) for item in fresh])
        stored = [item for item in changed.values() if not item._state.adding]
        if stored:
            self.model.objects.bulk_update(stored, self._update_fields(), batch_size=500)
        ItemVersion.objects.bulk_create(versions, batch_size=500)
        append_events(events, batch=self.batch)
        self._resolve_quarantine({p.match_key for p in prepared} - {""})

    def _update_fields(self) -> list[str]:
        return [f.name for f in self.model._meta.concrete_fields
                if f.name not in ("id", "public_id", "dedup_key", "received_at")]

    def _resolve_authorities(self, prepared: list[PreparedRow]) -> dict[str, int]:
        missing: dict[str, dict] = {}
        for p in prepared:
            if p.authority_key in self._authorities or p.authority_key in missing:
                continue
            name, uscc, region_hint = p.authority
            valid = bool(uscc) and is_valid_uscc(uscc)
            region = (uscc_region_code(uscc) if valid else None) or region_hint
            missing[p.authority_key] = {"key": p.authority_key, "name": name, "uscc": uscc, "uscc_valid": valid,
                                        "region_code": region[:6], "province": province_for(region)}
        if missing:
            insert_rows(Authority, list(missing.values()))
            self._authorities.update(Authority.objects.filter(key__in=list(missing)).values_list("key", "pk"))
        return self._authorities

    def _resolve_subjects(self, prepared: list[PreparedRow], now) -> dict[str, int]:
        """Subject key → primary key for a chunk, creating new subjects and renaming known ones."""
        keys = list({p.subject_key for p in prepared})
        found = {key: _KnownSubject(pk, name, rep) for key, pk, name, rep in Subject.objects.filter(key__in=keys)
                 .values_list("key", "pk", "name", "legal_representative")}
        new: dict[str, dict] = {}
        renamed: dict[int, _KnownSubject] = {}
        for p in prepared:
            subject = p.subject
            known = found.get(p.subject_key)
            if known is None:
                new.setdefault(p.subject_key, {
                    "public_id": new_public_id("sub"), "key": p.subject_key, "name": subject.name,
                    "category": subject.category, "uscc": subject.uscc, "legacy_ids": subject.legacy_ids,
                    "legal_representative": subject.legal_representative, "id_hash": subject.id_hash,
                    "created_at": now,
                })
                continue
            representative = subject.legal_representative or known.legal_representative
            if (known.name, known.legal_representative) != (subject.name, representative):
                known.name, known.legal_representative = subject.name, representative
                renamed[known.pk] = known
        if new:
            insert_rows(Subject, list(new.values()))
            found.update({key: _KnownSubject(pk, "", "") for key, pk in Subject.objects.filter(key__in=list(new))
                          .values_list("key", "pk")})
        if renamed:
            Subject.objects.bulk_update(
                [Subject(pk=pk, name=s.name, legal_representative=s.legal_representative) for pk, s in renamed.items()],
                ["name", "legal_representative"])
        return {key: known.pk for key, known in found.items()}

    def _correct(self, item, p: PreparedRow, ids: dict, now) -> PendingEvent | None:
        """Apply a corrected row to an item; return the change-log event the correction causes, if any."""
        was_published = item.state == PublicationState.PUBLISHED
        sticky = item.state in STICKY_STATES
        for name, value in {**p.item, **ids}.items():
            if sticky and name in _LIFECYCLE:
                continue
            setattr(item, name, decoded(value))
        item.batch_id = self.batch.pk
        item.updated_at = now
        item.version += 1
        if item.state == PublicationState.PUBLISHED:
            if was_published:
                return PendingEvent(self.dataset, item.public_id, ChangeAction.UPDATE, self.today)
            item.first_published_at = item.first_published_at or now
            return PendingEvent(self.dataset, item.public_id, ChangeAction.PUBLISH, self.today)
        if was_published:
            return PendingEvent(self.dataset, item.public_id, ChangeAction.UNPUBLISH, item.actual_end or self.today,
                                item.end_reason)
        return None

    def _snapshot(self, item) -> ItemVersion:
        content = {f.attname: _plain(getattr(item, f.attname)) for f in self.model._meta.concrete_fields
                   if f.attname not in _NOT_CONTENT}
        return ItemVersion(dataset=self.dataset, item_id=item.public_id, version=item.version,
                           content=content, batch_id=item.batch_id)

    # --- quarantined rows ----------------------------------------------------------------------------------

    def quarantine(self, refused: list[RefusedRow]) -> None:
        """Keep refused rows with their reasons; a row already waiting in quarantine is not stored twice."""
        if not refused:
            return
        self.batch.quarantined += len(refused)
        self._quarantine_waiting = True
        by_hash = {}
        for row in refused:
            row_hash = hashlib.sha256(canonical_json(row.raw).encode()).hexdigest()
            by_hash[row_hash] = QuarantinedRow(
                batch=self.batch, last_seen_batch=self.batch, row_number=row.number, row_hash=row_hash,
                match_key=row.match_key, row=row.raw, errors=row.errors,
            )
        waiting = set(QuarantinedRow.objects.filter(status=QuarantineStatus.OPEN, row_hash__in=list(by_hash))
                      .values_list("row_hash", flat=True))
        if waiting:
            QuarantinedRow.objects.filter(status=QuarantineStatus.OPEN, row_hash__in=waiting).update(
                last_seen_batch=self.batch)
        QuarantinedRow.objects.bulk_create([q for h, q in by_hash.items() if h not in waiting], batch_size=500)

    def _resolve_quarantine(self, keys: set[str]) -> None:
        if keys and self._quarantine_waiting:
            QuarantinedRow.objects.filter(status=QuarantineStatus.OPEN, match_key__in=list(keys)).update(
                status=QuarantineStatus.RESOLVED, resolved_by_batch=self.batch)


def _as_row(item) -> dict:
    return {f.attname: getattr(item, f.attname) for f in item._meta.concrete_fields if not f.primary_key}


def _plain(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value
