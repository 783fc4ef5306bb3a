"""manage.py search_rebuild — rebuild the search index from the database."""
import time

from django.core.management.base import BaseCommand

from apps.searchsync.models import SearchCheckpoint
from apps.searchsync.services import rebuild
from search import get_engine


class Command(BaseCommand):
    help = ("Rebuild the search index from the published items in the database, without downtime: searches keep "
            "answering from the old index until the new one is complete.")

    def add_arguments(self, parser):
        parser.add_argument("--if-missing", action="store_true",
                            help="Only when this engine has never been built or cannot be used (make run).")

    def handle(self, *args, if_missing: bool, **options):
        engine = get_engine()
        if if_missing and SearchCheckpoint.objects.filter(engine=engine.name).exists() and engine.health()["ok"]:
            self.stdout.write(f"{engine.name} index already built; not rebuilt")
            return
        started = time.perf_counter()
        count = rebuild(engine)
        self.stdout.write(f"{engine.name}: indexed {count} published items in {time.perf_counter() - started:.1f} s")
