"""manage.py redact_stored_ids — apply today's ID-number rule to what older imports stored."""
from django.core.management.base import BaseCommand

from apps.common.dates import today
from apps.publication.redaction import redact_stored_ids


class Command(BaseCommand):
    help = ("Redact ID numbers (full-width, spaced, hyphenated, 15-digit, wrong check character) from stored items, "
            "superseded versions, quarantined rows and batch errors; each published item changed gets an update "
            "event, so the search index and agencies' copies follow. Safe to run again.")

    def handle(self, *args, **options):
        from apps.publication.snapshots import discard_snapshots
        from apps.stats.compute import refresh

        report = redact_stored_ids(today())
        for dataset, count in report.items.items():
            self.stdout.write(f"{dataset}: {count} items redacted")
        self.stdout.write(f"{report.events} update events written; {report.other_rows} other rows redacted")
        # Files and figures computed from the old text: snapshots are written again by the next build_snapshots,
        # statistics now.
        self.stdout.write(f"{discard_snapshots()} snapshot files deleted; run build_snapshots")
        refresh()
        self.stdout.write("statistics refreshed")
