"""manage.py build_snapshots — write bulk snapshots for every tier that includes bulk downloads."""
from django.core.management.base import BaseCommand

from apps.access.models import Tier
from apps.api.snapshots import DATASETS, build_snapshot
from apps.publication.audience import Audience


class Command(BaseCommand):
    help = ("Write each dataset's published items as JSON Lines (gzip) and CSV with a manifest (rows, sha256, "
            "change-log sequence) for every tier that includes bulk downloads. Run it daily.")

    def add_arguments(self, parser):
        parser.add_argument("--dataset", choices=DATASETS, action="append", help="Only this dataset (repeatable).")

    def handle(self, *args, dataset, **options):
        for tier in Tier.objects.filter(bulk_and_feed=True):
            for name in dataset or DATASETS:
                if Audience.of(tier).sees_dataset(name):
                    manifest = build_snapshot(tier, name)
                    self.stdout.write(f"{tier.code}/{name}: {manifest['rows']} rows at #{manifest['sequence']}")
