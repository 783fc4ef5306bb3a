"""manage.py publication_sweep — end publication of every item whose latest end has come."""
import datetime as dt

from django.core.management.base import BaseCommand

from apps.common.dates import today as local_today
from apps.publication.services import publication_sweep


class Command(BaseCommand):
    help = ("End the publication of items whose latest end has come, delete rate-limit counters of past windows "
            "and mark import batches whose process died as failed. Safe to run any number of times.")

    def add_arguments(self, parser):
        parser.add_argument("--today", type=dt.date.fromisoformat,
                            help="Date to sweep as of (default: today in the portal's time zone).")

    def handle(self, *args, today, **options):
        day = today or local_today()
        ended = publication_sweep(day)
        total = sum(ended.values())
        detail = ", ".join(f"{dataset}={count}" for dataset, count in ended.items())
        self.stdout.write(f"sweep as of {day.isoformat()}: ended {total} ({detail})")
        # The daily job also drops rate-limit counters of past windows (kept in the database without Redis).
        from apps.access.ratelimit import purge_expired

        self.stdout.write(f"rate-limit counters of past windows deleted: {purge_expired()}")
        # And import batches whose process died (they would otherwise show as running for ever).
        from apps.ingestion.services import fail_abandoned_batches

        self.stdout.write(f"abandoned import batches marked failed: {fail_abandoned_batches()}")
