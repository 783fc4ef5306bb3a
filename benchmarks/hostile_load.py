"""Saturation with slow clients mixed in, on the production-like stack: does anything fail, does /healthz keep
answering, does worker memory stay flat?

Run: tools/services up postgres redis; apt-get install wrk
     .venv/bin/python benchmarks/hostile_load.py [--seconds 60] [--connections 16] [--slow 8] [--workers 2]
                                                 [--worker-class gthread] [--database-url postgres://…]

Loads the demo data into a fresh PostgreSQL database (Redis for cache and counters, the embedded index), raises
the anonymous tier's limits so the load measures serving rather than refusing, and serves portal.wsgi under
gunicorn with portal/gunicorn_conf.py. For `--seconds` it then runs, at once:
  - wrk at saturation over a mix of API and page requests (search, detail, list, home, search page, profile);
  - `--slow` slow clients, each sending a request's header one byte a second and starting again when cut off
    (what a slowloris attack or a bad mobile link does to a server without a buffering proxy in front);
  - a prober asking /healthz every half second, timing each answer;
  - a sampler reading each worker's resident memory every 5 s.
Prints requests per second, p95, wrk's errors (non-2xx/3xx, connect, timeout), the prober's worst latency and
failures, each worker's memory at the start and end, and the machine.
"""
import argparse
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.machine import describe  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
# wrk picks each request from this mix in turn; the ids are filled in once the data is loaded.
MIX_SCRIPT = """
local paths = {%s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %%.1f %%.2f %%d %%d %%d %%d %%d\\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(95) / 1000, summary.errors.status, summary.errors.connect, summary.errors.timeout,
    summary.errors.read + summary.errors.write, summary.requests))
end
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def manage(env: dict, *args: str) -> str:
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True,
                          capture_output=True, text=True).stdout


def fresh_database(url: str) -> None:
    """Drop and create the database the URL names (on the server it names)."""
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def rss_of_workers(master: int) -> dict[int, float]:
    """Resident memory in MiB of each child of the gunicorn master."""
    try:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    except OSError:
        return {}
    sizes = {}
    for pid in map(int, children):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        kib = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
        sizes[pid] = kib / 1024
    return sizes


def slow_client(port: int, stop: threading.Event, cut_off: list[int]) -> None:
    """Send a request header a byte a second, for ever; count how often the server cuts the connection."""
    request = b"GET /api/v1/penalties/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + b"x" * 4000 + b"\r\n\r\n"
    while not stop.is_set():
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=5) as connection:
                for byte in request:
                    if stop.wait(1.0):
                        return
                    connection.sendall(bytes([byte]))
        except OSError:
            cut_off[0] += 1


def prober(url: str, stop: threading.Event, timings: list[float], failures: list[str]) -> None:
    while not stop.is_set():
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                response.read()
        except urllib.error.HTTPError as error:
            failures.append(f"HTTP {error.code}")
        except OSError as error:
            failures.append(type(error).__name__)
        timings.append((time.perf_counter() - started) * 1000)
        stop.wait(0.5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--slow", type=int, default=8, help="slow clients")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--worker-class", default="", help="override portal/gunicorn_conf.py's (sync, gthread)")
    parser.add_argument("--threads", type=int, default=0, help="override portal/gunicorn_conf.py's")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/gongshi_load")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/13")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="gongshi-load-"))
    env = {**os.environ, "DATABASE_URL": args.database_url, "REDIS_URL": args.redis_url, "LOG_LEVEL": "WARNING",
           "SEARCH_ENGINE": "embedded", "SEARCH_URL": "", "SEARCH_INDEX_DIR": str(workdir / "index"),
           "SNAPSHOT_DIR": str(workdir / "snapshots")}
    import redis

    redis.Redis.from_url(args.redis_url).flushdb()
    fresh_database(args.database_url)
    for command in (["migrate", "-v0"], ["collectstatic", "--noinput", "-v0"], ["load_demo"],
                    ["search_rebuild"], ["refresh_stats"]):
        manage(env, *command)
    ids = manage(env, "shell", "-c", (
        "from apps.access.models import Tier; from apps.records.models import Penalty; "
        "Tier.objects.update(per_minute=10**8, per_day=10**9, pages_per_minute=10**8, pages_per_day=10**9); "
        "p = Penalty.objects.filter(state='published').select_related('subject').first(); "
        "print('IDS', p.public_id, p.subject.public_id)")).split("IDS", 1)[1].split()
    paths = ["/api/v1/search/?q=%E9%A3%9F%E5%93%81", f"/api/v1/penalties/{ids[0]}/", "/api/v1/penalties/",
             "/", "/search/?q=%E7%BD%9A%E6%AC%BE", f"/subjects/{ids[1]}/", "/api/v1/list-entries/?page_size=20"]

    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "-c", "portal/gunicorn_conf.py", "portal.wsgi", "--workers",
               str(args.workers), "--bind", f"127.0.0.1:{port}"]
    if args.worker_class:
        command += ["--worker-class", args.worker_class]
    if args.threads:
        command += ["--threads", str(args.threads)]
    log = (workdir / "gunicorn.log").open("wb")  # drained to a file: a full pipe would stall the server
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2).read()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError((workdir / "gunicorn.log").read_text()[-2000:]) from None
                time.sleep(0.2)
        for path in paths * 20:  # warm every worker's caches before measuring (every kind must answer 200)
            try:
                urllib.request.urlopen(base + path, timeout=30).read()
            except urllib.error.HTTPError as error:
                raise RuntimeError(f"{path} answers {error.code} before the load: not a fair mix") from None
        memory_start = rss_of_workers(server.pid)

        stop = threading.Event()
        cut_off, timings, failures, samples = [0], [], [], []
        threads = [threading.Thread(target=slow_client, args=(port, stop, cut_off), daemon=True)
                   for _ in range(args.slow)]
        threads.append(threading.Thread(target=prober, args=(base + "/healthz", stop, timings, failures),
                                        daemon=True))
        for thread in threads:
            thread.start()

        def sample():
            while not stop.wait(5):
                samples.append(rss_of_workers(server.pid))
        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()

        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(MIX_SCRIPT % ", ".join(f'"{p}"' for p in paths))
        output = subprocess.run(["wrk", "-t2", f"-c{args.connections}", f"-d{args.seconds}s", "--timeout", "10s",
                                 "-s", script.name, base], capture_output=True, text=True,
                                timeout=args.seconds + 120).stdout
        stop.set()
        for thread in threads:
            thread.join(timeout=5)
        memory_end = rss_of_workers(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    line = next(line for line in output.splitlines() if line.startswith("RESULT"))
    rps, p95, status_errors, connect, timeouts, socket_errors, requests = line.split()[1:]
    timings.sort()
    print(f"machine: {describe()}")
    threads = f", {args.threads} threads" if args.threads else ""
    print(f"stack: PostgreSQL, Redis, embedded index, gunicorn {args.workers} workers "
          f"({args.worker_class or 'portal/gunicorn_conf.py'}{threads}); demo data; {args.seconds} s; wrk "
          f"{args.connections} connections over {len(paths)} request kinds; {args.slow} slow clients")
    print(f"load: {float(rps):.1f} req/s, p95 {float(p95):.1f} ms, {requests} requests; errors: {status_errors} "
          f"non-2xx/3xx, {connect} connect, {timeouts} timeouts, {socket_errors} read/write")
    print(f"plausibility: {args.connections} connections / p95 {float(p95):.1f} ms = "
          f"{args.connections / max(float(p95) / 1000, 1e-9):.0f} req/s, a floor (mean latency is below p95)")
    if timings:
        print(f"/healthz during the run: {len(timings)} probes, median {timings[len(timings) // 2]:.1f} ms, "
              f"worst {timings[-1]:.1f} ms, failures {len(failures)} {sorted(set(failures))}")
    print(f"slow clients cut off by the server: {cut_off[0]}")
    for pid in sorted(memory_start):
        trace = [f"{sample[pid]:.0f}" for sample in samples if pid in sample]
        print(f"worker {pid}: RSS {memory_start[pid]:.0f} MiB at start, {memory_end.get(pid, float('nan')):.0f} MiB "
              f"at end (every 5 s: {' '.join(trace)})")
    print(f"log: {workdir / 'gunicorn.log'}")


if __name__ == "__main__":
    main()
