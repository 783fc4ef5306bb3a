"""manage.py search_consume — apply the change log to the search index."""
from django.core.management.base import BaseCommand

from apps.searchsync.services import checkpoint_of, consume
from apps.searchsync.services import follow as follow_log
from search import get_engine


class Command(BaseCommand):
    help = ("Apply new change-log events to the search index (publish, update, end of publication). With "
            "--follow, keep polling; this process is then the index's single writer.")

    def add_arguments(self, parser):
        parser.add_argument("--follow", action="store_true", help="Keep running, polling the change log.")
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between polls (default 1).")

    def handle(self, *args, follow: bool, interval: float, **options):
        engine = get_engine()
        if follow:
            self.stdout.write(f"following the change log into the {engine.name} index every {interval:g} s")
            follow_log(engine, interval=interval)
            return
        total = 0
        while applied := consume(engine):
            total += applied
        self.stdout.write(f"{engine.name}: applied {total} events; checkpoint "
                          f"#{checkpoint_of(engine).last_sequence}")
