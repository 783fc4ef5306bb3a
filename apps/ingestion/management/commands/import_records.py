"""manage.py import_records PATH — import one provider file as one batch."""
import datetime as dt
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from apps.common.errors import GongshiError
from apps.ingestion.services import import_file
from apps.publication.datasets import accepted_names


class Command(BaseCommand):
    help = ("Import a provider file (JSON, JSON Lines, CSV in UTF-8 or GB18030, XLSX) of penalties, licences or "
            "list entries. Prints the batch report; bad rows go to quarantine.")

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="Provider file.")
        parser.add_argument("--kind", choices=accepted_names(),
                            help="Dataset of the rows; detected from the columns if absent.")
        parser.add_argument("--list", dest="list_code", help="List code, for list entries.")
        parser.add_argument("--source", help="Name of the provider feed, kept as provenance.")
        parser.add_argument("--mapping", type=Path, help="Column-mapping file (TOML) for a feed of its own shape.")
        parser.add_argument("--report-json", type=Path, help="Also write the batch report to this file as JSON.")
        parser.add_argument("--today", type=dt.date.fromisoformat,
                            help="Date to judge publication windows by (default: today; for replays and tests).")

    def handle(self, *args, path, kind, list_code, source, mapping, report_json, today, **options):
        try:
            batch = import_file(path, kind=kind, list_code=list_code, source=source, mapping_path=mapping,
                                today=today)
        except GongshiError as exc:
            field = getattr(exc, "field", None)
            raise CommandError(f"{field}: {exc}" if field else str(exc)) from None
        report = batch.report()
        self.stdout.write(f"batch {batch.pk} ({batch.kind}, {batch.file_format}) " +
                          " ".join(f"{key}={value}" for key, value in report.items()))
        if batch.quarantined:
            self.stdout.write(f"{batch.quarantined} rows quarantined: see the admin, Ingestion › Quarantined rows "
                              f"(batch {batch.pk})")
        if report_json:
            report_json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
