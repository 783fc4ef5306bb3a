"""manage.py refresh_stats — compute the statistics the pages show (run after imports and sweeps)."""
from django.core.management.base import BaseCommand

from apps.stats.compute import refresh


class Command(BaseCommand):
    help = "Compute the statistics of published items and keep them for the statistics and authority pages."

    def handle(self, *args, **options):
        snapshot = refresh()
        self.stdout.write(f"statistics computed at #{snapshot.sequence}")
