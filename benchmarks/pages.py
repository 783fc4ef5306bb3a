"""Every portal page at the server, with 1,000,000 items loaded (issue 5: each page within 200 ms).

Run: .venv/bin/python benchmarks/pages.py [--records 1000000] [--repeat 20] [--reuse DIR]

Generates a demo data set of `records` items with the demo generator (half penalties, a quarter licences, a
quarter list entries over every demo list, penalties from the last 300 days so most are still published), imports
it through the real importer into a fresh SQLite database, builds the search index and the statistics snapshot,
then serves the portal as production does (portal.wsgi under gunicorn with portal/gunicorn_conf.py, Redis
cache; one worker, so the cold request of a page is the first its process serves) and requests every kind of
page in turn from one client on loopback: first once with the cache emptied (cold), then `repeat` times.
Prints per page: status, cold time, p50, p95 and max (time to the last byte; for the CSV download also the time
to its first byte), marks any over 200 ms, and the machine.
"""
import argparse
import datetime as dt
import http.client
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.api import free_port, wait_for  # noqa: E402
from benchmarks.search import percentile  # noqa: E402
from benchmarks.setup import ROOT, fresh_django  # noqa: E402

TARGET_MS = 200
ANCHOR = dt.date(2026, 11, 1)


def build(workdir: Path, records: int, seed: int) -> None:
    """Generate the demo files for `records` items, import them, and remove the files."""
    import shutil

    from apps.demo.generator import DemoGenerator
    from apps.demo.services import load_demo_folder

    folder = workdir / "data"
    started = time.perf_counter()
    DemoGenerator(records=records, seed=seed, anchor=ANCHOR, penalty_days=300).write(folder)
    print(f"generated {records:,} items in {time.perf_counter() - started:.0f} s", flush=True)
    started = time.perf_counter()
    load_demo_folder(folder, ANCHOR, log=lambda line: print("  " + line, flush=True))
    print(f"imported in {time.perf_counter() - started:.0f} s", flush=True)
    shutil.rmtree(folder)


def prepare_index_and_stats(workdir: Path) -> Path:
    """Build the search index when missing and refresh the statistics snapshot; print how long each took."""
    from django.conf import settings

    from apps.searchsync.services import rebuild
    from apps.stats.compute import refresh
    from search.engines.embedded import EmbeddedEngine

    index = workdir / "index"
    settings.SEARCH_INDEX_DIR = index
    if not index.exists() or not EmbeddedEngine(index).health()["ok"]:
        started = time.perf_counter()
        indexed = rebuild(EmbeddedEngine(index, writer_heap_bytes=512_000_000, writer_threads=2))
        print(f"index built in {time.perf_counter() - started:.0f} s: {indexed:,} published items", flush=True)
    started = time.perf_counter()
    refresh()
    print(f"statistics snapshot refreshed in {time.perf_counter() - started:.1f} s", flush=True)
    return index


def sample_urls() -> dict[str, str]:
    """One address per kind of page, chosen from the loaded data (the heaviest where there is a heaviest)."""
    from django.db.models import Count, Q

    from apps.common.keyset import encode_cursor
    from apps.lists.models import ListEntry, ListType
    from apps.publication.enums import PublicationState
    from apps.records.models import Authority, Licence, Penalty, Subject

    published = Q(state=PublicationState.PUBLISHED)
    penalties = Penalty.objects.filter(published).order_by("pk")
    penalty = penalties[penalties.count() // 2]
    ended = Penalty.objects.filter(state=PublicationState.REPAIRED).order_by("pk").first()
    licence = Licence.objects.filter(published).order_by("pk")[Licence.objects.filter(published).count() // 2]
    entry = ListEntry.objects.filter(published).order_by("pk").first()
    person = Penalty.objects.filter(published, party_category="自然人").order_by("pk").first()
    top = (Licence.objects.filter(published).values("subject").annotate(n=Count("pk")).order_by("-n").first())
    heaviest = Subject.objects.get(pk=top["subject"])
    heaviest.n = top["n"]
    sizes = dict(ListType.objects.annotate(n=Count("entries", filter=Q(entries__state=PublicationState.PUBLISHED)))
                 .values_list("code", "n"))
    largest = max(sizes, key=sizes.get)
    # The cursor of the row before the last 50: the last page of the largest list, newest first.
    deep = (ListEntry.objects.filter(published, list_type=largest).order_by("-listed_on", "-pk")
            [max(0, sizes[largest] - 51)])
    last_page = encode_cursor(deep.pk)
    top = Penalty.objects.values("authority").annotate(n=Count("pk")).order_by("-n").first()
    busiest = Authority.objects.get(pk=top["authority"])
    busiest.n = top["n"]
    region = busiest.province
    q = urllib.parse.quote
    urls = {
        "home": "/",
        "search, no words": "/search/",
        "search, broad (食品安全)": f"/search/?q={q('食品安全')}",
        "search, a company name": f"/search/?q={q(penalty.party_name)}",
        "search, USCC": f"/search/?q={penalty.party_uscc}" if penalty.party_uscc else "",
        "search, facets chosen": f"/search/?q={q('罚款')}&dataset=penalty&region={q(region)}&year=2026",
        "search, newest first": f"/search/?q={q('安全')}&sort=-date",
        "penalty": f"/penalties/{penalty.public_id}/",
        "penalty, ended (410)": f"/penalties/{ended.public_id}/" if ended else "",
        "licence": f"/licences/{licence.public_id}/",
        "list entry": f"/list-entries/{entry.public_id}/",
        "subject, a company": f"/subjects/{penalty.subject.public_id}/",
        "subject, a person": f"/subjects/{person.subject.public_id}/" if person else "",
        f"subject, most licences ({heaviest.n:,})": f"/subjects/{heaviest.public_id}/",
        "report PDF, a company": f"/subjects/{penalty.subject.public_id}/report.pdf",
        f"report PDF, most licences ({heaviest.n:,})": f"/subjects/{heaviest.public_id}/report.pdf",
        "lists": "/lists/",
        f"list, largest ({sizes[largest]:,})": f"/lists/{largest}/",
        "list, region filter": f"/lists/{largest}/?region={q(region)}",
        "list, by name": f"/lists/{largest}/?sort=party_name",
        "list, its last page": f"/lists/{largest}/?after={last_page}",
        "list feed (Atom)": f"/lists/{largest}/feed.atom",
        f"authority, busiest ({busiest.n:,} penalties)": f"/authorities/{busiest.pk}/",
        "authority feed (Atom)": f"/authorities/{busiest.pk}/feed.atom",
        "statistics": "/stats/",
        "API": "/api/",
        "about": "/about/",
    }
    return {label: url for label, url in urls.items() if url}


class Client:
    """Sequential requests, each on a new connection (gunicorn's sync workers close each one), with the session
    cookie of a browser."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.headers = http.client.HTTPMessage()

    def get(self, path: str) -> tuple[int, float, float, bytes]:
        """(status, ms to the first byte of the body, ms to the last byte, body)."""
        return self.request("GET", path)

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, float, float, bytes]:
        headers = {**(headers or {}), "Accept-Language": "zh-CN"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        started = time.perf_counter()
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        first = response.read(1)
        first_ms = (time.perf_counter() - started) * 1000
        data = first + response.read()
        total_ms = (time.perf_counter() - started) * 1000
        connection.close()
        self.headers = response.headers
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        return response.status, first_ms, total_ms, data

    def use_key(self, secret: str) -> None:
        """Enter an API key on /api/ as a visitor does, so the session exports within the key's tier."""
        _, _, _, page = self.get("/api/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "key": secret}).encode()
        status, _, _, _ = self.request("POST", "/account/key/", body, {
            "Content-Type": "application/x-www-form-urlencoded", "Referer": f"http://127.0.0.1:{self.port}/api/"})
        if status not in (200, 302, 303):
            raise RuntimeError(f"entering the key answered {status}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000, help="Items to generate and import.")
    parser.add_argument("--repeat", type=int, default=20, help="Warm requests per page.")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--reuse", type=Path, help="Folder of an earlier run: reuse its database and index.")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/12")
    args = parser.parse_args()
    workdir = fresh_django("gongshi-pages-bench-", reuse=args.reuse)
    print(f"folder: {workdir}", flush=True)
    if not args.reuse:
        build(workdir, args.records, args.seed)
    index = prepare_index_and_stats(workdir)
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)

    from apps.access.keys import issue_key
    from apps.publication.datasets import item_models
    from benchmarks.machine import describe

    items = sum(model.objects.count() for model in item_models().values())
    urls = sample_urls()
    _, secret = issue_key("registered", holder_name="pages benchmark")
    import redis

    redis.Redis.from_url(args.redis).flushdb()
    port = free_port()
    env = {**os.environ, "SEARCH_INDEX_DIR": str(index), "REDIS_URL": args.redis, "LOG_LEVEL": "WARNING",
           "DEBUG": "0", "DATA_DIR": str(workdir)}
    command = [sys.executable, "-m", "gunicorn", "-c", "portal/gunicorn_conf.py", "portal.wsgi", "--workers", "1",
               "--bind", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    results = {}
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz", server)
        client = Client(port)
        for _ in range(4):  # both workers past their first request (imports, the index opened)
            client.get("/healthz")
        for label, url in urls.items():
            print(f"  {label}: {url}", flush=True)
            results[label] = measure(client, url, args.repeat)
        # The report's verification page needs a report number: the PDF's file name carries it.
        client.get(urls["report PDF, a company"])
        number = client.headers.get("Content-Disposition", "").partition("credit-report-")[2].partition(".pdf")[0]
        results["report verification"] = measure(client, f"/reports/{number}/", args.repeat)
        client.use_key(secret)
        export = sample_urls_export(urls)
        results["list CSV export, registered key"] = measure(client, export, max(3, args.repeat // 4))
    except Exception:
        server.kill()
        print(server.stdout.read().decode()[-3000:])
        raise
    finally:
        server.kill()
        server.wait(timeout=30)

    print(f"machine: {describe()}")
    print(f"data: {items:,} items loaded; one gunicorn worker, Redis cache; one client on loopback; "
          f"{args.repeat} warm requests per page after one cold")
    print(f"{'page':44} {'status':>6} {'cold ms':>8} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7} {'KiB':>7}")
    over = []
    for label, (status, cold, warm, first_byte, size) in results.items():
        p95 = percentile(warm, .95)
        flag = ""
        if max(cold, p95) > TARGET_MS:
            over.append(label)
            flag = f"  > {TARGET_MS} ms"
        extra = f"  (first byte p95 {percentile(first_byte, .95):.1f} ms)" if "CSV" in label else ""
        print(f"{label:44} {status:6} {cold:8.1f} {statistics.median(warm):7.1f} {p95:7.1f} {max(warm):7.1f} "
              f"{size / 1024:7.1f}{flag}{extra}")
    print(f"pages over {TARGET_MS} ms (cold or p95): {', '.join(over) if over else 'none'}")


def sample_urls_export(urls: dict[str, str]) -> str:
    """The region-filtered view of the largest list, as CSV."""
    path, _, query = urls["list, region filter"].partition("?")
    return f"{path}export.csv?{query}"


def measure(client: Client, url: str, repeat: int) -> tuple[int, float, list[float], list[float], int]:
    """(status, cold ms, warm ms list, warm first-byte ms list, body bytes) of one page."""
    status, _, cold, body = client.get(url)
    warm, first = [], []
    for _ in range(repeat):
        _, first_ms, total_ms, _ = client.get(url)
        warm.append(total_ms)
        first.append(first_ms)
    return status, cold, warm, first, len(body)


if __name__ == "__main__":
    main()
