"""manage.py replace_publication — place penalties again after the publication rule tables were corrected."""
import datetime as dt

from django.core.management.base import BaseCommand

from apps.common.dates import today as local_today
from apps.publication.services import replace_penalties


class Command(BaseCommand):
    help = ("Place every penalty again under the publicity periods and classes as they are now, writing an update, "
            "publish or unpublish event for each that changes. Run it after correcting a period or a class. (A "
            "penalty keeps its stored class: a corrected kind rule reaches new imports only.)")

    def add_arguments(self, parser):
        parser.add_argument("--today", type=dt.date.fromisoformat,
                            help="Date to place as of (default: today in the portal's time zone).")

    def handle(self, *args, today, **options):
        counts = replace_penalties(today or local_today())
        self.stdout.write(", ".join(f"{name}: {count}" for name, count in counts.items()))
