"""Redacting ID numbers already stored: the import redacts them on the way in, and this applies the same rule
(apps.common.privacy) to what older imports kept, writing an update event for every published item it changes so
the search index and the agencies replace their copies."""
import datetime as dt
from dataclasses import dataclass, field

from django.db import models, transaction
from django.utils import timezone

from apps.common.privacy import (
    id_hash,
    limit_court_mask,
    redact_id_code,
    redact_id_numbers,
    redact_json,
)
from apps.publication.changelog import PendingEvent, append_events
from apps.publication.datasets import item_models
from apps.publication.enums import ChangeAction, PublicationState
from apps.records.enums import PartyCategory

CHUNK = 1000
# Identifier-shaped columns: an ID number typed into one is replaced whole, as the import does (a USCC stays).
CODE_FIELDS = frozenset({"party_uscc", "submitting_unit_uscc", "certificate_number", "uscc"})
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


def _redacted(field, value, organisation: bool):
    if isinstance(field, models.JSONField):
        return redact_json(value)
    if not isinstance(value, str) or not value:
        return value
    if field.name == COURT_MASK:
        return limit_court_mask(value)
    if field.name in CODE_FIELDS:
        redacted = redact_id_code(value, organisation)
        # An identifier holding an ID number is no identifier: emptied (a unique one to null, so two can be).
        return value if redacted == value else (None if field.null else "")
    return redact_id_numbers(value)


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
                category = getattr(row, "party_category", getattr(row, "category", None))
                organisation = category in (None, PartyCategory.ORGANISATION)
                for f in fields:
                    value = getattr(row, f.attname)
                    new = _redacted(f, value, organisation)
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
    from apps.records.models import Authority, Subject
    from apps.reports.models import IssuedReport

    report = RedactionReport()
    for dataset, model in item_models().items():
        report.items[dataset], events = _redact_rows(model, today, dataset)
        report.events += events
    for model in (ItemVersion, QuarantinedRow, ImportBatch, Subject, IssuedReport, Authority):
        report.other_rows += _redact_rows(model, None, None)[0]
    report.other_rows += _rekey_subjects()
    return report


def _rekey_subjects() -> int:
    """Subjects matched by an ID number that stood in a USCC column (key uscc:<the number>): matched by its
    keyed hash instead, as the importer now does; a subject already holding that key keeps it, and this one
    gets a key of its own (it is no longer matched)."""
    from apps.records.models import Subject

    changed = 0
    with transaction.atomic():
        for subject in Subject.objects.select_for_update().filter(key__startswith="uscc:"):
            number = subject.key.removeprefix("uscc:")
            if redact_id_code(number, subject.category == PartyCategory.ORGANISATION) == number:
                continue
            key = f"id:{id_hash(number)}"
            if Subject.objects.filter(key=key).exists():
                key = f"redacted:{subject.pk}"
            Subject.objects.filter(pk=subject.pk).update(key=key, id_hash=subject.id_hash or id_hash(number))
            changed += 1
    return changed
