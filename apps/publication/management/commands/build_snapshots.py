"""manage.py build_snapshots — write bulk snapshots for every tier that includes bulk downloads."""
from django.core.management.base import BaseCommand

from apps.access.models import Tier
from apps.publication.audience import Audience
from apps.publication.datasets import NAMES
from apps.publication.snapshots import build_snapshot


class Command(BaseCommand):
    help = ("Write each dataset's published items as JSON Lines (gzip) and CSV with a manifest (rows, sha256, "
            "change-log sequence) for every tier that includes bulk downloads. Run it daily.")

    def add_arguments(self, parser):
        parser.add_argument("--dataset", choices=NAMES, action="append", help="Only this dataset (repeatable).")

    def handle(self, *args, dataset, **options):
        for tier in Tier.objects.filter(bulk_and_feed=True):
            for name in dataset or NAMES:
                if Audience.of(tier).sees_dataset(name):
                    manifest = build_snapshot(tier, name)
                    self.stdout.write(f"{tier.code}/{name}: {manifest['rows']} rows at #{manifest['sequence']}")
