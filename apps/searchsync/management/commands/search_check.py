"""manage.py search_check — compare the published set with the index; non-zero exit on drift."""
from django.core.management.base import BaseCommand, CommandError

from apps.searchsync.services import check
from search import get_engine

SHOWN = 20


class Command(BaseCommand):
    help = "Compare the published items with the search index and report drift (exit status 1 on drift)."

    def handle(self, *args, **options):
        engine = get_engine()
        drift = check(engine)
        self.stdout.write(f"{engine.name}: {drift.published} published, {drift.indexed} indexed, "
                          f"{drift.missing_count} missing from the index, {drift.unexpected_count} indexed but "
                          "not published")
        for label, ids in (("missing", drift.missing), ("not published", drift.unexpected)):
            for item_id in ids[:SHOWN]:
                self.stdout.write(f"  {label}: {item_id}")
        if not drift.clean:
            raise CommandError("drift: run manage.py search_consume, or search_rebuild")
