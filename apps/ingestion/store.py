"""Persisting parsed rows, a chunk at a time, inside the batch's transaction."""
import datetime as dt
import hashlib
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from apps.common.bulk import insert_rows
from apps.common.identifiers import is_valid_uscc, uscc_region_code
from apps.common.public_ids import new_public_id
from apps.common.regions import province_for
from apps.ingestion.builders import BUILDERS, BuildContext
from apps.ingestion.enums import QuarantineStatus
from apps.ingestion.keys import authority_key, dedup_key, match_key, subject_key
from apps.ingestion.models import ImportBatch, QuarantinedRow
from apps.ingestion.parse import ParsedRow, canonical_json
from apps.publication.changelog import PendingEvent, append_events
from apps.publication.enums import STICKY_STATES, ChangeAction, PublicationState
from apps.publication.models import ItemVersion
from apps.records.models import Authority, Subject

# Fields that describe the lifecycle or provenance, not the decision: left out of version snapshots.
_NOT_CONTENT = frozenset({"id", "public_id", "dedup_key", "content_hash", "version", "received_at", "updated_at",
                          "batch_id", "first_published_at"})


@dataclass
class _Prepared:
    row: ParsedRow
    key: str
    content_hash: str
    fields: dict
    placement: object
    subject_key: str
    authority_key: str
    list_code: str | None


class BatchWriter:
    """Writes the accepted and quarantined rows of one batch and keeps its counts."""

    def __init__(self, batch: ImportBatch, kind: str, ctx: BuildContext, source_name: str):
        self.batch = batch
        self.kind = kind
        self.ctx = ctx
        self.source_name = source_name
        self.model, self.build = BUILDERS[kind]
        self._authorities: dict[str, int] = dict(Authority.objects.values_list("key", "pk"))
        # Resolving quarantined rows costs a query per chunk; skip it while nothing waits in quarantine.
        self._quarantine_waiting = QuarantinedRow.objects.filter(status=QuarantineStatus.OPEN).exists()

    # --- accepted rows -------------------------------------------------------------------------------------

    def write(self, rows: list[ParsedRow], list_code_for) -> None:
        """Store a chunk of valid rows: create, correct or leave each item; append change-log events."""
        now = timezone.now()
        prepared = [self._prepare(row, list_code_for(row)) for row in rows]
        self._resolve_authorities(prepared)
        subjects = self._resolve_subjects(prepared, now)
        existing = {item.dedup_key: item for item in self.model.objects.filter(dedup_key__in={p.key for p in prepared})}
        created, changed, versions, events = {}, {}, [], []
        for p in prepared:
            self.batch.flagged += bool(p.row.flags)
            item = existing.get(p.key)
            if item is None:
                row = self._new_item(p, subjects[p.subject_key], now)
                created[p.key] = row
                existing[p.key] = _Pending(row)
                self.batch.created += 1
                if row["state"] == PublicationState.PUBLISHED:
                    events.append(PendingEvent(self.model.DATASET, row["public_id"], ChangeAction.PUBLISH,
                                               self.ctx.today))
                continue
            if isinstance(item, _Pending):  # the file repeats a decision it introduced a few rows earlier
                item = existing[p.key] = created[p.key] = self.model(**item.row)
            if item.content_hash == p.content_hash:
                self.batch.unchanged += 1
                continue
            versions.append(self._snapshot(item))
            event = self._correct(item, p, subjects[p.subject_key], now)
            if event:
                events.append(event)
            if p.key not in created:
                changed[p.key] = item
            self.batch.updated += 1
        insert_rows(self.model, [row if isinstance(row, dict) else _as_row(row) for row in created.values()])
        if changed:
            update_fields = [f.name for f in self.model._meta.concrete_fields if f.name not in ("id", "public_id",
                                                                                             "dedup_key",
                                                                                             "received_at")]
            self.model.objects.bulk_update(changed.values(), update_fields, batch_size=500)
        ItemVersion.objects.bulk_create(versions, batch_size=500)
        append_events(events, batch=self.batch)
        self._resolve_quarantine({match_key(self.kind, p.row.values, p.list_code) for p in prepared} - {""})

    def _prepare(self, row: ParsedRow, list_code: str | None) -> _Prepared:
        values = row.values
        fields, placement = self.build(values, self.ctx, list_code)
        key = dedup_key(self.kind, values, row.party_id_hash, list_code)
        content = canonical_json({"v": fields, "flags": row.flags})
        return _Prepared(
            row=row, key=key, content_hash=hashlib.blake2b(content.encode(), digest_size=16).hexdigest(),
            fields=fields, placement=placement, subject_key=subject_key(values, row.party_id_hash, key),
            authority_key=authority_key(values["authority_name"], values.get("authority_uscc")),
            list_code=list_code,
        )

    def _resolve_authorities(self, prepared: list[_Prepared]) -> None:
        missing: dict[str, Authority] = {}
        for p in prepared:
            if p.authority_key in self._authorities or p.authority_key in missing:
                continue
            values = p.row.values
            uscc = values.get("authority_uscc") or ""
            valid = bool(uscc) and is_valid_uscc(uscc)
            region = (uscc_region_code(uscc) if valid else None) or values.get("region_code") or ""
            missing[p.authority_key] = Authority(key=p.authority_key, name=values["authority_name"], uscc=uscc,
                                                 uscc_valid=valid, region_code=region[:6],
                                                 province=province_for(region))
        if missing:
            Authority.objects.bulk_create(missing.values())
            self._authorities.update({key: authority.pk for key, authority in missing.items()})
        for p in prepared:
            p.fields["authority_id"] = self._authorities[p.authority_key]

    def _resolve_subjects(self, prepared: list[_Prepared], now) -> dict[str, int]:
        """Subject key → primary key for a chunk, creating new subjects and renaming known ones."""
        keys = list({p.subject_key for p in prepared})
        found = {key: _KnownSubject(pk, name, rep) for key, pk, name, rep in Subject.objects.filter(key__in=keys)
                 .values_list("key", "pk", "name", "legal_representative")}
        new: dict[str, dict] = {}
        renamed: dict[int, _KnownSubject] = {}
        for p in prepared:
            values = p.row.values
            known = found.get(p.subject_key)
            if known is None:
                new.setdefault(p.subject_key, {
                    "public_id": new_public_id("sub"), "key": p.subject_key, "name": values["party_name"],
                    "category": values["party_category"], "uscc": values.get("party_uscc") or None,
                    "legacy_ids": values.get("party_legacy_ids") or {},
                    "legal_representative": values.get("legal_representative") or "",
                    "id_hash": p.row.party_id_hash, "created_at": now,
                })
                continue
            representative = values.get("legal_representative") or known.legal_representative
            if (known.name, known.legal_representative) != (values["party_name"], representative):
                known.name, known.legal_representative = values["party_name"], representative
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

    def _new_item(self, p: _Prepared, subject_id: int, now) -> dict:
        """Column values of a new item (a plain dict: the hot path inserts without model instances)."""
        placement = p.placement
        row = {
            **p.fields,
            "subject_id": subject_id,
            "public_id": new_public_id(self.model.PUBLIC_ID_PREFIX),
            "dedup_key": p.key,
            "content_hash": p.content_hash,
            "state": placement.state,
            "window_start": placement.window_start,
            "earliest_end": placement.earliest_end,
            "latest_end": placement.latest_end,
            "actual_end": placement.actual_end,
            "end_reason": placement.end_reason,
            "first_published_at": now if placement.is_published else None,
            **self._provenance(p, now),
            "received_at": now,
        }
        row["batch_id"] = row.pop("batch").pk
        return row

    def _provenance(self, p: _Prepared, now) -> dict:
        values = p.row.values
        return {
            "source_name": self.source_name,
            "submitting_unit": values.get("submitting_unit") or "",
            "submitting_unit_uscc": values.get("submitting_unit_uscc") or "",
            "batch": self.batch,
            "updated_at": now,
            "source_row": p.row.raw,
            "quality_flags": p.row.flags,
        }

    def _correct(self, item, p: _Prepared, subject_id: int, now) -> PendingEvent | None:
        """Apply a corrected row to an item; return the change-log event the correction causes, if any."""
        was_published = item.state == PublicationState.PUBLISHED
        for name, value in {**p.fields, **self._provenance(p, now)}.items():
            setattr(item, name, value)
        item.subject_id = subject_id
        item.content_hash = p.content_hash
        item.version += 1
        if item.state not in STICKY_STATES:
            placement = p.placement
            item.state, item.end_reason = placement.state, placement.end_reason
            item.window_start, item.earliest_end = placement.window_start, placement.earliest_end
            item.latest_end, item.actual_end = placement.latest_end, placement.actual_end
        dataset, today = self.model.DATASET, self.ctx.today
        if item.state == PublicationState.PUBLISHED:
            if was_published:
                return PendingEvent(dataset, item.public_id, ChangeAction.UPDATE, today)
            item.first_published_at = item.first_published_at or now
            return PendingEvent(dataset, item.public_id, ChangeAction.PUBLISH, today)
        if was_published:
            return PendingEvent(dataset, item.public_id, ChangeAction.UNPUBLISH, item.actual_end or today,
                                item.end_reason)
        return None

    def _snapshot(self, item) -> ItemVersion:
        content = {f.attname: _plain(getattr(item, f.attname)) for f in self.model._meta.concrete_fields
                   if f.attname not in _NOT_CONTENT}
        return ItemVersion(dataset=self.model.DATASET, item_id=item.public_id, version=item.version,
                           content=content, batch_id=item.batch_id)

    # --- quarantined rows ----------------------------------------------------------------------------------

    def quarantine(self, rows: list[ParsedRow], list_code_for) -> None:
        """Keep refused rows with their reasons; a row already waiting in quarantine is not stored twice."""
        if not rows:
            return
        self.batch.quarantined += len(rows)
        self._quarantine_waiting = True
        by_hash = {}
        for row in rows:
            row_hash = hashlib.sha256(canonical_json(row.raw).encode()).hexdigest()
            by_hash[row_hash] = QuarantinedRow(
                batch=self.batch, last_seen_batch=self.batch, row_number=row.number, row_hash=row_hash,
                match_key=match_key(self.kind, row.values, list_code_for(row)), row=row.raw, errors=row.errors,
            )
        waiting = set(QuarantinedRow.objects.filter(status=QuarantineStatus.OPEN, row_hash__in=by_hash)
                      .values_list("row_hash", flat=True))
        if waiting:
            QuarantinedRow.objects.filter(status=QuarantineStatus.OPEN, row_hash__in=waiting).update(
                last_seen_batch=self.batch)
        QuarantinedRow.objects.bulk_create([q for h, q in by_hash.items() if h not in waiting], batch_size=500)

    def _resolve_quarantine(self, keys: set[str]) -> None:
        if keys and self._quarantine_waiting:
            QuarantinedRow.objects.filter(status=QuarantineStatus.OPEN, match_key__in=keys).update(
                status=QuarantineStatus.RESOLVED, resolved_by_batch=self.batch)


@dataclass
class _KnownSubject:
    pk: int
    name: str
    legal_representative: str


class _Pending:
    """A new item of this chunk, not inserted yet."""

    __slots__ = ("row",)

    def __init__(self, row: dict):
        self.row = row


def _as_row(item) -> dict:
    return {f.attname: getattr(item, f.attname) for f in item._meta.concrete_fields if not f.primary_key}


def _plain(value):
    if isinstance(value, (dt.date, dt.datetime, Decimal)):
        return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else str(value)
    return value
