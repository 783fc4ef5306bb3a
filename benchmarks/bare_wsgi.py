"""The floor for benchmarks/api.py: a bare WSGI app answering a search straight from tantivy, with none of the
API's tiers, limits, serializers or database checks. Run under gunicorn by the benchmark only."""
import json
import os
import sys
from pathlib import Path
from urllib.parse import parse_qs

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from search import get_engine  # noqa: E402
from search.query import SearchQuery  # noqa: E402


def application(environ, start_response):
    query = parse_qs(environ.get("QUERY_STRING", ""))
    result = get_engine().search(SearchQuery(text=query.get("q", [""])[0], limit=20))
    body = json.dumps({"total": result.total, "hits": [{"id": h.id, "title": h.title} for h in result.hits]},
                      ensure_ascii=False).encode()
    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]
