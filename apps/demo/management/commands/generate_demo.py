"""manage.py generate_demo — write synthetic provider files that go through the real importer."""
import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from apps.common.dates import today as local_today
from apps.demo.generator import DemoGenerator


class Command(BaseCommand):
    help = ("Write realistic synthetic provider files (penalties, licences, list entries for eleven lists) in the "
            "formats providers send, with a manifest.json that load_demo reads. Same seed and anchor, same files.")

    def add_arguments(self, parser):
        parser.add_argument("--records", type=int, default=3000, help="Number of records in all (default 3000).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument("--anchor", type=dt.date.fromisoformat,
                            help="Date the data is generated as of (default today); dates fall before it.")
        parser.add_argument("--out", type=Path, default=Path("var/demo"), help="Output folder (default var/demo).")
        parser.add_argument("--defects", type=float, default=0.0,
                            help="Share of penalty rows to break on purpose (0 to 1), to exercise quarantine.")

    def handle(self, *args, records, seed, anchor, out, defects, **options):
        if records < 20:
            raise CommandError("--records: at least 20, so every list gets entries")
        if not 0 <= defects <= 1:
            raise CommandError("--defects: a share between 0 and 1")
        manifest = DemoGenerator(records, seed, anchor or local_today(), defects).write(out)
        for entry in manifest.files:
            self.stdout.write(f"{out / entry['file']}: {entry['rows']} rows ({entry['kind']}"
                              f"{', ' + entry['list'] if entry['list'] else ''})")
        if defects:
            self.stdout.write(f"{manifest.defects} rows broken on purpose")
