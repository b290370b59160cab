"""How many analyses this machine can run at once, and how big a table one analysis may take.

Measured (benchmarks/bench_analysis_memory.py): analysing a table costs about 5× its unpacked size in memory on
top of the process (a 190 MB CSV: ~0.9 GB more). So a per-file budget on the unpacked size is a memory budget,
and the number of analyses at once follows from the machine's memory: half of it, divided by what an analysis of
the largest allowed table costs — and no more than the CPU cores, which the analyses share (each runs in a worker
thread of the one process, beside the other features' worker-thread jobs).
"""

from __future__ import annotations

import os
from pathlib import Path

MB = 2**20
DEFAULT_MAX_TABLE_MB = 200  # the unpacked table one analysis may take (a ZIP's content, not its size)
MEMORY_PER_TABLE_BYTE = 6  # peak memory of an analysis ÷ the unpacked table size, rounded up from ~5
MEMORY_SHARE = 0.5  # the part of the machine's memory analyses may take together
_CGROUP_LIMITS = (Path("/sys/fs/cgroup/memory.max"), Path("/sys/fs/cgroup/memory/memory.limit_in_bytes"))


def machine_memory() -> int | None:
    """Bytes of memory this process may use: the machine's, or a container's limit when that is lower."""
    total: int | None = None
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        total = None
    for path in _CGROUP_LIMITS:
        try:
            raw = path.read_text().strip()
        except OSError:
            continue
        if raw.isdigit() and (total is None or int(raw) < total):
            total = int(raw)
    return total


def cpu_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def analysis_memory(max_table_mb: int) -> int:
    """Peak bytes an analysis of the largest allowed table takes."""
    return max_table_mb * MB * MEMORY_PER_TABLE_BYTE


def default_concurrency(max_table_mb: int = DEFAULT_MAX_TABLE_MB, memory: int | None = None,
                        cores: int | None = None) -> int:
    """At most this many analyses at once: as many of the largest as half the memory holds, ≤ the CPU cores."""
    memory = machine_memory() if memory is None else memory
    cores = cpu_cores() if cores is None else cores
    by_memory = int(memory * MEMORY_SHARE // analysis_memory(max_table_mb)) if memory else 1
    return max(1, min(by_memory, cores))
