"""Search speed of the configured engine at scale (issue 3: embedded engine p95 ≤ 20 ms at 1M items, facets in).

Run: .venv/bin/python benchmarks/search.py [--records 1000000] [--queries-per-kind 40]
Generates penalties with the demo generator (decisions of the last 300 days, so most are published), imports
them through the real importer into a fresh SQLite database, builds the index with the real rebuild, then runs
a fixed mix of queries (two-character terms, company names, USCCs, decision numbers and their prefixes, phrases,
filters, sorts), every one with facets by authority, region and kind, and prints build time, index size,
latency percentiles per kind and overall, and the machine.
"""
import argparse
import csv
import datetime as dt
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.setup import fresh_django  # noqa: E402

TWO_CHARACTER_TERMS = ["食品", "环保", "罚款", "广告", "运输", "税务", "价格", "安全", "建筑", "排放", "发票", "标价",
                       "许可", "过期", "超标", "危险", "培训", "虚假", "施工", "货物"]
PHRASES = ["食品 安全", "超标 排放", "明码 标价", "虚假 广告", "道路 运输", "安全 培训", "施工 许可", "纳税 申报",
           "保质期 食品", "危险 废物"]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def generate_and_import(workdir: Path, records: int, seed: int, anchor: dt.date) -> None:
    """Write `records` generated penalties to a CSV and import it through the real importer."""
    from apps.demo.generator import DemoGenerator
    from apps.ingestion.services import import_file

    generator = DemoGenerator(records=max(30_000, records // 30), seed=seed, anchor=anchor, penalty_days=300)
    path = workdir / "penalties.csv"
    started = time.perf_counter()
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = None
        for serial in range(1, records + 1):
            row = generator._penalty(serial)
            if writer is None:
                writer = csv.DictWriter(fh, fieldnames=list(row))
                writer.writeheader()
            writer.writerow(row)
    print(f"generated {records:,} rows in {time.perf_counter() - started:.0f} s", flush=True)
    started = time.perf_counter()
    batch = import_file(path, source="benchmark", today=anchor)
    print(f"imported in {time.perf_counter() - started:.0f} s: {batch.report()}", flush=True)
    path.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000, help="Penalties to generate and import.")
    parser.add_argument("--queries-per-kind", type=int, default=40)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--reuse", type=Path, help="Folder of an earlier run: reuse its imported database.")
    args = parser.parse_args()
    workdir = fresh_django("gongshi-search-bench-", reuse=args.reuse)
    from django.conf import settings

    from apps.records.models import Penalty
    from apps.searchsync.services import rebuild
    from benchmarks.machine import describe
    from search.engines.embedded import EmbeddedEngine
    from search.query import SearchQuery

    anchor = dt.date(2026, 11, 1)
    if not args.reuse:
        generate_and_import(workdir, args.records, args.seed, anchor)
    args.records = Penalty.objects.count()
    engine = EmbeddedEngine(workdir / "index", writer_heap_bytes=512_000_000, writer_threads=2)
    engine.destroy()
    settings.SEARCH_INDEX_DIR = engine.path
    started = time.perf_counter()
    indexed = rebuild(engine)
    build_seconds = time.perf_counter() - started
    size_mib = sum(f.stat().st_size for f in engine.path.rglob("*") if f.is_file()) / 2**20

    rng = random.Random(args.seed)
    sample = list(Penalty.objects.filter(state="published").order_by("?").values_list(
        "party_name", "party_uscc", "decision_number")[: args.queries_per_kind * 2])
    n = args.queries_per_kind
    facets = ("authority", "region", "kind")
    mix: list[tuple[str, SearchQuery]] = []
    mix += [("two-character term", SearchQuery(text=rng.choice(TWO_CHARACTER_TERMS), facets=facets))
            for _ in range(n)]
    mix += [("company name", SearchQuery(text=name, facets=facets)) for name, _, _ in sample[:n]]
    mix += [("USCC", SearchQuery(text=uscc, facets=facets)) for _, uscc, _ in sample[:n] if uscc][: n // 2]
    mix += [("decision number", SearchQuery(text=number, facets=facets)) for _, _, number in sample[n:2 * n]][
        : n // 2]
    mix += [("decision prefix", SearchQuery(text=number.split("〕")[0] + "〕", facets=facets))
            for _, _, number in sample[:n] if "〕" in number][: n // 2]
    mix += [("phrase", SearchQuery(text=rng.choice(PHRASES), facets=facets)) for _ in range(n // 2)]
    mix += [("filtered", SearchQuery(text=rng.choice(TWO_CHARACTER_TERMS), regions=(rng.choice(
        ["江苏省", "浙江省", "广东省", "山东省"]),), date_from=anchor - dt.timedelta(days=90), facets=facets))
        for _ in range(n // 2)]
    mix += [("sorted", SearchQuery(text=rng.choice(TWO_CHARACTER_TERMS), sort=rng.choice(["-date", "-fine"]),
                                   facets=facets)) for _ in range(n // 2)]
    mix += [("no text, facets only", SearchQuery(facets=facets, sort="-date")) for _ in range(5)]

    for _, query in mix[:20]:  # warm the page cache and the searcher
        engine.search(query)
    timings: dict[str, list[float]] = {}
    broad = []
    for kind, query in mix:
        started = time.perf_counter()
        result = engine.search(query)
        elapsed = (time.perf_counter() - started) * 1000
        timings.setdefault(kind, []).append(elapsed)
        if kind == "no text, facets only":
            broad.append((elapsed, result.total))
    every = [t for values in timings.values() for t in values]

    print(f"machine: {describe()}")
    print(f"index: {indexed:,} published items of {args.records:,} imported; build {build_seconds:.0f} s; "
          f"size {size_mib:,.0f} MiB")
    print(f"queries: {len(every)}, each with facets by {', '.join(facets)}")
    print(f"{'kind':24} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for kind, values in timings.items():
        print(f"{kind:24} {len(values):4} {statistics.median(values):8.1f} {percentile(values, .95):8.1f} "
              f"{percentile(values, .99):8.1f}")
    print(f"{'all':24} {len(every):4} {statistics.median(every):8.1f} {percentile(every, .95):8.1f} "
          f"{percentile(every, .99):8.1f}")
    median_broad = statistics.median(elapsed for elapsed, _ in broad)
    print(f"facets over every published item ({broad[0][1]:,} hits): median {median_broad:.1f} ms")


if __name__ == "__main__":
    main()
