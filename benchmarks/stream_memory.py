"""Memory while importing a large provider file: a 1 GB file must not need 1 GB of memory.

Run: .venv/bin/python benchmarks/stream_memory.py [--size-mb 1024] [--format json|csv]
Writes a generated penalty file of about the given size ({"total", "rows": [...]} JSON by default, the shape
the national platform returns and the hardest to stream), imports it into a fresh SQLite database, and prints
the peak resident memory of the writer process and of the reader process, with the machine.
"""
import argparse
import csv
import datetime as dt
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.setup import fresh_django  # noqa: E402


def write_file(path: Path, size_bytes: int, file_format: str, generator) -> int:
    """Write penalty rows until the file reaches `size_bytes`; return the row count."""
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = None
        if file_format == "json":
            fh.write('{"total": null, "rows": [\n')
        while fh.tell() < size_bytes:
            rows += 1
            row = generator._penalty(rows)
            if file_format == "json":
                fh.write(("," if rows > 1 else "") + json.dumps(row, ensure_ascii=False) + "\n")
            else:
                if writer is None:
                    writer = csv.DictWriter(fh, fieldnames=list(row))
                    writer.writeheader()
                writer.writerow(row)
        if file_format == "json":
            fh.write("]}\n")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=1024)
    parser.add_argument("--format", choices=["json", "csv"], default="json")
    args = parser.parse_args()
    workdir = fresh_django("gongshi-stream-")
    from apps.demo.generator import DemoGenerator
    from apps.ingestion.services import import_file
    from benchmarks.machine import describe

    anchor = dt.date(2026, 11, 1)
    path = workdir / f"penalties.{args.format}"
    rows = write_file(path, args.size_mb * 2**20, args.format, DemoGenerator(20_000, 7, anchor))
    before_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    batch = import_file(path, source="benchmark", today=anchor)
    elapsed = time.perf_counter() - started
    writer_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    reader_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"machine: {describe()}")
    print(f"file: {path.stat().st_size / 2**20:,.0f} MiB {args.format}, {rows:,} rows")
    print(f"import: {elapsed:.0f} s, {rows / elapsed:,.0f} rows/s, report {batch.report()}")
    print(f"peak RSS: writer process {writer_mib:,.0f} MiB (before the import {before_mib:,.0f} MiB), "
          f"reader process {reader_mib:,.0f} MiB")
    path.unlink()


if __name__ == "__main__":
    main()
