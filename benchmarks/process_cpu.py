"""CPU time of the processes a benchmark runs on, by component, read from Linux's /proc (nothing elsewhere)."""

from __future__ import annotations

import os

# ---- CPU by component (Linux /proc) ----------------------------------------------------------------
CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
SERVERS = {"postgres": "PostgreSQL", "redis-server": "Redis"}  # by the program's name in /proc/<pid>/comm
COMPONENTS = ("bot processes", "PostgreSQL", "Redis", "simulator")


def _cpu_seconds(pid: str) -> float | None:
    try:
        with open(f"/proc/{pid}/stat") as file:
            stat = file.read()
    except OSError:
        return None
    fields = stat[stat.rindex(")") + 2:].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # user + system time


def cpu_snapshot(bots: set[int]) -> dict[str, tuple[str, float]]:
    """CPU seconds so far of every process that serves the bench: {pid: (component, seconds)}."""
    taken: dict[str, tuple[str, float]] = {}
    if not os.path.isdir("/proc"):
        return taken
    simulator = str(os.getpid())
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        if int(pid) in bots:
            component = "bot processes"
        elif pid == simulator:
            component = "simulator"
        else:
            try:
                with open(f"/proc/{pid}/comm") as file:
                    component = SERVERS.get(file.read().strip(), "")
            except OSError:
                continue
            if not component:
                continue
        seconds = _cpu_seconds(pid)
        if seconds is not None:
            taken[pid] = (component, seconds)
    return taken


def cpu_between(before: dict[str, tuple[str, float]], after: dict[str, tuple[str, float]]) -> dict[str, float]:
    """CPU seconds each component spent between two snapshots (a process born meanwhile counts from zero; one that
    ended meanwhile is missed — the pools keep their server connections, so few do)."""
    spent = dict.fromkeys(COMPONENTS, 0.0)
    for pid, (component, seconds) in after.items():
        spent[component] += seconds - before.get(pid, (component, 0.0))[1]
    return spent
