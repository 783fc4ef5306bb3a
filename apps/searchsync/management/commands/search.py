"""manage.py search QUERY — run a query through the configured engine and print the hits in rank order."""
import json

from django.core.management.base import BaseCommand, CommandError

from apps.publication.datasets import NAMES
from apps.searchsync.selectors import run_search
from search.engines.base import EngineUnavailable
from search.query import QueryError, SearchQuery


class Command(BaseCommand):
    help = "Run a query through the configured search engine and print the hits in rank order."

    def add_arguments(self, parser):
        parser.add_argument("query", help="Query text; whitespace-separated terms must all match.")
        parser.add_argument("--dataset", choices=NAMES, action="append", help="Only this dataset (repeatable).")
        parser.add_argument("--limit", type=int, default=10, help="Number of hits (default 10).")
        parser.add_argument("--json", action="store_true", help="Print JSON: engine, total, hits.")

    def handle(self, *args, query: str, dataset, limit: int, json: bool, **options):
        try:
            result = run_search(SearchQuery(text=query, datasets=tuple(dataset or ()), limit=limit))
        except QueryError as exc:
            raise CommandError(f"{exc.field}: {exc}") from None
        except EngineUnavailable as exc:
            raise CommandError(f"search engine unavailable: {exc}") from None
        if json:
            self.stdout.write(_json({"engine": result.engine, "total": result.total, "hits": [
                {"id": h.id, "dataset": h.dataset, "subject_name": h.subject_name, "score": round(h.score, 4)}
                for h in result.hits]}))
            return
        self.stdout.write(f"{result.total}{'' if result.total_exact else '+'} hits ({result.engine}, "
                          f"{result.took_ms:.1f} ms)")
        for rank, hit in enumerate(result.hits, start=1):
            self.stdout.write(f"{rank:3}. {hit.score:8.3f}  {hit.id}  {hit.dataset:10}  {hit.subject_name}  "
                              f"{hit.title}")


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False)
