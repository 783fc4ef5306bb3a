"""Describe the machine a benchmark ran on, so figures can be compared."""
import os
import platform
import sqlite3
import sys


def describe() -> str:
    """One line: CPU model, cores, memory, OS, Python and SQLite versions."""
    cpu = platform.processor() or "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            cpu = next(line.split(":", 1)[1].strip() for line in fh if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    try:
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError):
        memory = float("nan")
    return (f"{cpu}; {os.cpu_count()} cores; {memory:.1f} GiB; {platform.system()} {platform.release()}; "
            f"Python {sys.version.split()[0]}; SQLite {sqlite3.sqlite_version}")
