"""manage.py load_demo — import the committed demo data set through the real importer."""
import datetime as dt
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from apps.common.dates import today as local_today
from apps.demo.services import load_demo_folder
from apps.ingestion.models import ImportBatch


class Command(BaseCommand):
    help = "Import a demo data set (default: the committed one in fixtures/demo) through the real importer."

    def add_arguments(self, parser):
        parser.add_argument("--folder", type=Path, default=settings.DEMO_DATA_DIR,
                            help="Folder with manifest.json (default fixtures/demo).")
        parser.add_argument("--if-empty", action="store_true",
                            help="Do nothing when anything has been imported before (used by make run).")
        parser.add_argument("--today", type=dt.date.fromisoformat, help="Date to judge publication by.")

    def handle(self, *args, folder, if_empty, today, **options):
        if if_empty and ImportBatch.objects.exists():
            self.stdout.write("database already holds imported data; demo data not loaded")
            return
        load_demo_folder(folder, today or local_today(), log=self.stdout.write)
