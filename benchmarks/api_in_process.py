"""API request cost in process: requests through portal.wsgi on the demo data, no network, no load generator.

Run: .venv/bin/python benchmarks/api_in_process.py [--reuse DIR] [--requests N]
Loads the demo data into a fresh SQLite database and index (or reuses DIR), raises the anonymous tier's limits so
the work measured is answering, not refusing, warms each request kind, and prints the best of three runs of N
requests per kind, with the machine. For comparing two commits on one machine: run it in each tree, alternately.
"""
import argparse
import io
import sys
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.setup import fresh_django  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", type=Path, help="Folder of an earlier run (its database and index).")
    parser.add_argument("--requests", type=int, default=600)
    args = parser.parse_args()
    workdir = fresh_django("gongshi-inproc-", args.reuse)
    from django.conf import settings
    from django.core.management import call_command

    settings.SEARCH_INDEX_DIR = workdir / "index"
    from apps.access.models import Tier
    from apps.records.models import Penalty
    from benchmarks.machine import describe
    from portal.wsgi import application

    if not Penalty.objects.exists():
        call_command("load_demo", verbosity=0)
        call_command("search_rebuild", verbosity=0)
    Tier.objects.filter(code="anonymous").update(per_minute=10**8, per_day=10**9)
    published = Penalty.objects.filter(state="published").order_by("pk")
    detail = published.values_list("public_id", flat=True)[500]
    company = published.filter(party_category="法人及非法人组织").values_list("party_name", flat=True)[300]

    def call(path: str, query: str = "") -> None:
        environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query, "SERVER_NAME": "127.0.0.1",
                   "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1", "REMOTE_ADDR": "10.0.0.1",
                   "wsgi.input": io.BytesIO(), "wsgi.url_scheme": "http"}
        status = []
        b"".join(application(environ, lambda s, headers, exc_info=None: status.append(s)))
        if not status[0].startswith("200"):
            raise SystemExit(f"{path}?{query} answered {status[0]}")

    print(f"machine: {describe()}")
    print(f"data: {published.count():,} published penalties (the demo), {workdir}")
    for label, path, query in (("detail", f"/api/v1/penalties/{detail}/", ""),
                               ("search, rare (a company name)", "/api/v1/search/", "q=" + quote(company)),
                               ("search, broad (食品)", "/api/v1/search/", "q=" + quote("食品"))):
        for _ in range(50):
            call(path, query)
        best = min(_timed(call, path, query, args.requests) for _ in range(3))
        print(f"{label}: {best * 1000:.2f} ms per request (best of 3 × {args.requests})")


def _timed(call, path: str, query: str, requests: int) -> float:
    started = time.perf_counter()
    for _ in range(requests):
        call(path, query)
    return (time.perf_counter() - started) / requests


if __name__ == "__main__":
    main()
