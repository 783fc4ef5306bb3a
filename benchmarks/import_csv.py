"""Import speed: a generated CSV of 200,000 v2 penalty rows into a fresh SQLite database.

Run: make bench-import   (or: .venv/bin/python benchmarks/import_csv.py [--rows N])
Prints rows per second for the import itself (reading, parsing, validating, storing, change log), the batch
report, peak memory, and the machine. The target in issue 2 is at least 5,000 rows/s.
"""
import argparse
import csv
import datetime as dt
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.setup import fresh_django  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    workdir = fresh_django("gongshi-bench-")
    from apps.demo.generator import DemoGenerator
    from apps.ingestion.services import import_file
    from benchmarks.machine import describe

    anchor = dt.date(2026, 11, 1)
    path = workdir / "penalties.csv"
    started = time.perf_counter()
    generator = DemoGenerator(records=20_000, seed=args.seed, anchor=anchor)
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = None
        for serial in range(1, args.rows + 1):
            row = generator._penalty(serial)
            if writer is None:
                writer = csv.DictWriter(fh, fieldnames=list(row))
                writer.writeheader()
            writer.writerow(row)
    generated = time.perf_counter() - started

    started = time.perf_counter()
    batch = import_file(path, source="benchmark", today=anchor)
    elapsed = time.perf_counter() - started
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"machine: {describe()}")
    print(f"file: {args.rows:,} rows, {path.stat().st_size / 2**20:.1f} MiB CSV (generated in {generated:.1f} s)")
    print(f"import: {elapsed:.1f} s, {args.rows / elapsed:,.0f} rows/s")
    print(f"report: {batch.report()}")
    print(f"peak memory (RSS, whole process): {peak_mib:,.0f} MiB")
    print(f"database: {(workdir / 'bench.sqlite3').stat().st_size / 2**20:.0f} MiB in {workdir}")


if __name__ == "__main__":
    main()
