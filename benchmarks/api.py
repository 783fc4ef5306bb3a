"""API throughput and latency at 1M items, beside Datasette serving the same data, in the same run.

Run: .venv/bin/pip install -r requirements-bench.txt; apt-get install wrk
     .venv/bin/python benchmarks/api.py [--records 1000000] [--reuse DIR] [--seconds 10] [--connections 4]

Builds (or reuses, from benchmarks/search.py's folder) a database of generated penalties and its search index,
exports the same published penalties to a Datasette database with an FTS5 table over the same CJK bigrams, then
serves three things on this machine at once and loads each in turn with wrk:
  - the full stack: portal.wsgi under gunicorn (2 workers), API key tiers, Redis rate counters, serializers;
  - the floor: a bare WSGI app over the same tantivy index (benchmarks/bare_wsgi.py) under gunicorn;
  - Datasette 0.65 over the exported database (default settings, a 60 s SQL time limit so broad queries finish).
Prints requests per second and p95 latency for a broad search, a rare search, a detail and a list request, the
ratios against Datasette and against the bare view, and the machine.
"""
import argparse
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.setup import ROOT, fresh_django  # noqa: E402

WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.3f %.3f %d %d\\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(95) / 1000, summary.errors.status + summary.errors.connect + summary.errors.timeout,
    summary.requests))
end
"""
BROAD = "食品安全"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server for {url} exited: {process.stdout.read().decode()[-2000:]}")
        try:
            urllib.request.urlopen(url, timeout=5)
            return
        except urllib.error.HTTPError:
            return  # it answers; what it answers is the measurement's business
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer in {seconds} s")


def wrk(url: str, seconds: int, connections: int, headers: dict[str, str]) -> tuple[float, float, int, int]:
    """(requests per second, p95 ms, errors, requests) of a bounded wrk run against a loopback URL."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "120s", "-s", script.name]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, timeout=seconds + 180).stdout
    line = next(line for line in output.splitlines() if line.startswith("RESULT"))
    rps, p95, errors, requests = line.split()[1:]
    return float(rps), float(p95), int(errors), int(requests)


def export_for_datasette(path: Path) -> None:
    """The published penalties as one table with an FTS5 index over the same bigrams our engines use."""
    import sqlite_utils

    from apps.records.models import Penalty
    from search.analysis import bigram_tokens

    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE penalties (id TEXT PRIMARY KEY, party_name TEXT, decision_number TEXT, "
                       "authority TEXT, province TEXT, decision_date TEXT, fine_amount REAL, kinds TEXT, "
                       "violation_type TEXT, facts TEXT, content TEXT, fts_text TEXT)")
    rows = (Penalty.objects.filter(state="published").order_by("pk")
            .values_list("public_id", "party_name", "decision_number", "authority__name", "authority__province",
                         "decision_date", "fine_amount", "kinds", "violation_type", "facts", "content"))
    batch = []
    for row in rows.iterator(chunk_size=5000):
        public_id, name, number, authority, province, day, fine, kinds, violation, facts, content = row
        text = " ".join(bigram_tokens(" ".join((name, number, authority, violation, facts, content))))
        batch.append((public_id, name, number, authority, province, day.isoformat(),
                      float(fine) if fine is not None else None, ";".join(kinds), violation, facts, content, text))
        if len(batch) >= 5000:
            connection.executemany("INSERT INTO penalties VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", batch)
            batch = []
    connection.executemany("INSERT INTO penalties VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", batch)
    connection.commit()
    connection.close()
    sqlite_utils.Database(path)["penalties"].enable_fts(["fts_text"], fts_version="FTS5")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--reuse", type=Path, help="Folder of an earlier search or api benchmark to reuse.")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/13")
    args = parser.parse_args()
    workdir = fresh_django("gongshi-api-bench-", reuse=args.reuse)
    import datetime as dt

    from django.conf import settings

    from apps.access.keys import issue_key
    from apps.access.models import Tier
    from apps.records.models import Penalty
    from apps.searchsync.services import rebuild
    from benchmarks.machine import describe
    from benchmarks.search import generate_and_import
    from search.engines.embedded import EmbeddedEngine

    if not args.reuse:
        generate_and_import(workdir, args.records, 5, dt.date(2026, 11, 1))
    index = workdir / "index"
    if not index.exists() or not EmbeddedEngine(index).health()["ok"]:  # missing, or of an older schema
        settings.SEARCH_INDEX_DIR = index
        rebuild(EmbeddedEngine(index, writer_heap_bytes=512_000_000, writer_threads=2))
    datasette_db = workdir / "datasette.sqlite3"
    if not datasette_db.exists():
        started = time.perf_counter()
        export_for_datasette(datasette_db)
        print(f"datasette database built in {time.perf_counter() - started:.0f} s", flush=True)
    # The load would exceed every seeded tier's limits; a benchmark tier keeps the throttling path in play.
    Tier.objects.update_or_create(code="benchmark", defaults=dict(
        name="benchmark", per_minute=10**9, per_day=10**12, max_page_size=1000, datasets=[], lists=[],
        extended_fields=True, mask_persons=False, bulk_and_feed=True, csv_export_limit=None))
    _, secret = issue_key("benchmark")
    published = Penalty.objects.filter(state="published")
    sample = published.order_by("pk")[published.count() // 2]
    rare = sample.party_name
    import redis

    redis.Redis.from_url(args.redis).flushdb()
    env = {**os.environ, "DATABASE_URL": os.environ["DATABASE_URL"], "SEARCH_INDEX_DIR": str(index),
           "REDIS_URL": args.redis, "LOG_LEVEL": "WARNING", "ALLOWED_HOSTS": "127.0.0.1,localhost"}
    ports = {"full": free_port(), "bare": free_port(), "datasette": free_port()}
    datasette_command = [str(Path(sys.executable).with_name("datasette")), "serve", str(datasette_db),
                         "--setting", "sql_time_limit_ms", "60000", "--port"]
    servers = {
        "full": [sys.executable, "-m", "gunicorn", "-c", "portal/gunicorn_conf.py", "portal.wsgi",
                 "--workers", "2", "--bind",
                 f"127.0.0.1:{ports['full']}"],
        "bare": [sys.executable, "-m", "gunicorn", "benchmarks.bare_wsgi:application", "--workers", "2", "--bind",
                 f"127.0.0.1:{ports['bare']}"],
    }
    processes = {name: subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT) for name, command in servers.items()}
    # Datasette is started afresh for each measurement: after a load run it can stay busy with abandoned
    # requests, which would stall or skew the next one.
    processes["datasette"] = subprocess.Popen([*datasette_command, str(ports["datasette"])], cwd=ROOT, env=env,
                                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        base = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
        wait_for(base["full"] + "/healthz", processes["full"])
        wait_for(base["bare"] + "/?q=x", processes["bare"])
        wait_for(base["datasette"] + "/-/versions.json", processes["datasette"])
        ds = base["datasette"] + "/datasette/penalties"
        requests = {
            "detail": {"datasette": f"{ds}/{sample.public_id}.json",
                       "full": f"{base['full']}/api/v1/penalties/{sample.public_id}/"},
            "list (20 newest)": {"datasette": f"{ds}.json?_size=20&_sort_desc=decision_date",
                                 "full": f"{base['full']}/api/v1/penalties/?page_size=20"},
            "search, rare (a company name)": {
                "datasette": f"{ds}.json?_search={quote(' '.join(_bigrams(rare)))}&_size=20",
                "full": f"{base['full']}/api/v1/search/?q={quote(rare)}",
                "bare": f"{base['bare']}/?q={quote(rare)}"},
            # Last: Datasette keeps working on the broad query's requests after wrk has gone.
            f"search, broad ({BROAD})": {
                "datasette": f"{ds}.json?_search={quote(' '.join(_bigrams(BROAD)))}&_size=20",
                "full": f"{base['full']}/api/v1/search/?q={quote(BROAD)}",
                "bare": f"{base['bare']}/?q={quote(BROAD)}"},
        }
        results = {}
        for label, targets in requests.items():
            for server, url in targets.items():
                headers = {"X-API-Key": secret} if server == "full" else {}
                if server == "datasette":
                    processes["datasette"].kill()
                    processes["datasette"].wait(timeout=30)
                    processes["datasette"] = subprocess.Popen([*datasette_command, str(ports["datasette"])],
                                                              cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                                              stderr=subprocess.STDOUT)
                    wait_for(base["datasette"] + "/-/versions.json", processes["datasette"])
                try:  # warm caches; a server still finishing the previous run's slow requests may be late
                    urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=300).read()
                except OSError as exc:
                    print(f"  warm-up of {server} for {label} failed: {exc}", flush=True)
                results[label, server] = wrk(url, args.seconds, args.connections, headers)
                print(f"  {label:32} {server:9} {results[label, server][0]:9.1f} req/s  "
                      f"p95 {results[label, server][1]:9.1f} ms  errors {results[label, server][2]}", flush=True)
    finally:
        for process in processes.values():
            process.kill()
            process.wait(timeout=30)

    print(f"machine: {describe()}")
    print(f"data: {published.count():,} published penalties; wrk {args.connections} connections, {args.seconds} s "
          "per request kind and server")
    print(f"{'request':32} {'datasette':>18} {'full stack':>18} {'bare view':>18} {'full/ds':>8} {'p95 full/bare':>14}")
    for label in requests:
        ds_rps, ds_p95, _, _ = results[label, "datasette"]
        full_rps, full_p95, full_errors, _ = results[label, "full"]
        bare = results.get((label, "bare"))
        bare_text = f"{bare[0]:8.1f} {bare[1]:7.1f}ms" if bare else f"{'—':>18}"
        ratio_bare = f"{full_p95 / bare[1]:13.1f}×" if bare and bare[1] else f"{'—':>14}"
        print(f"{label:32} {ds_rps:8.1f} {ds_p95:7.1f}ms {full_rps:8.1f} {full_p95:7.1f}ms {bare_text} "
              f"{full_rps / ds_rps if ds_rps else float('inf'):7.1f}× {ratio_bare}")


def _bigrams(text: str) -> list[str]:
    from search.analysis import bigram_tokens

    return bigram_tokens(text)


if __name__ == "__main__":
    main()
