"""Redacting ID numbers already stored: the import redacts them on the way in, and this applies the same rule
(apps.common.privacy) to what older imports kept, writing an update event for every published item it changes so
the search index and the agencies replace their copies."""
import datetime as dt
from dataclasses import dataclass, field

from django.db import models, transaction
from django.utils import timezone

from apps.common.privacy import (
    COURT_MASK_MAX_VISIBLE,
    court_mask_characters,
    mask_id_number,
    redact_id_code,
    redact_id_numbers,
    redact_json,
)
from apps.publication.changelog import PendingEvent, append_events
from apps.publication.enums import ChangeAction, PublicationState
from apps.publication.items import item_models

CHUNK = 1000
# Identifier-shaped columns: an ID number typed into one is replaced whole, as the import does (a USCC stays).
CODE_FIELDS = frozenset({"party_uscc", "submitting_unit_uscc", "certificate_number"})
# A court's partial ID is kept as the court masked it (the audience decides who sees it), unless it shows more.
COURT_MASK = "party_id_masked"
# Columns the portal writes itself, never from a provider.
OWN_FIELDS = frozenset({"public_id", "dedup_key", "content_hash", "state", "end_reason"})


@dataclass
class RedactionReport:
    """What a run changed: items per dataset, update events written, other rows (history, quarantine, batches)."""

    items: dict[str, int] = field(default_factory=dict)
    events: int = 0
    other_rows: int = 0


def _redacted(field, value):
    if isinstance(field, models.JSONField):
        return redact_json(value)
    if not isinstance(value, str) or not value:
        return value
    if field.name == COURT_MASK:
        characters, visible = court_mask_characters(value)
        return mask_id_number(characters) if visible > COURT_MASK_MAX_VISIBLE else value
    return redact_id_code(value) if field.name in CODE_FIELDS else redact_id_numbers(value)


def _text_fields(model) -> list:
    return [f for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField, models.JSONField)) and not f.choices
            and f.editable and f.name not in OWN_FIELDS]


def _redact_rows(model, today: dt.date | None, dataset: str | None) -> tuple[int, int]:
    """Redact one table chunk by chunk (each chunk one transaction with its events); (rows changed, events)."""
    fields = _text_fields(model)
    changed_rows = events = 0
    last_pk = 0
    while True:
        with transaction.atomic():
            rows = list(model.objects.select_for_update().filter(pk__gt=last_pk).order_by("pk")[:CHUNK])
            if not rows:
                break
            last_pk = rows[-1].pk
            changed, pending = [], []
            for row in rows:
                touched = False
                for f in fields:
                    value = getattr(row, f.attname)
                    new = _redacted(f, value)
                    if new != value:
                        setattr(row, f.attname, new)
                        touched = True
                if touched:
                    changed.append(row)
                    if dataset and row.state == PublicationState.PUBLISHED:
                        pending.append(PendingEvent(dataset, row.public_id, ChangeAction.UPDATE, today))
            if changed:
                names = [f.name for f in fields]
                if dataset:
                    now = timezone.now()
                    for row in changed:
                        row.updated_at = now
                    names.append("updated_at")
                model.objects.bulk_update(changed, names)
                append_events(pending)
            changed_rows += len(changed)
            events += len(pending)
    return changed_rows, events


def redact_stored_ids(today: dt.date) -> RedactionReport:
    """Apply the free-text ID rule to every stored item, superseded version, quarantined row, batch error, subject
    and issued report. Running it again changes nothing."""
    from apps.ingestion.models import ImportBatch, QuarantinedRow
    from apps.publication.models import ItemVersion
    from apps.records.models import Subject
    from apps.reports.models import IssuedReport

    report = RedactionReport()
    for dataset, model in item_models().items():
        report.items[dataset], events = _redact_rows(model, today, dataset)
        report.events += events
    for model in (ItemVersion, QuarantinedRow, ImportBatch, Subject, IssuedReport):
        report.other_rows += _redact_rows(model, None, None)[0]
    return report
