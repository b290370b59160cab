"""What the analyses of one bot process share: the line they wait in, the per-file budget, and which of the
recorded analyses this process is running right now (their heartbeat is renewed by `bot/analyses.py`)."""

from __future__ import annotations

import os
import secrets
import socket
from dataclasses import dataclass, field

from services.analytics.capacity import DEFAULT_MAX_TABLE_MB, MB, default_concurrency
from services.analytics.queue import AnalysisQueue


def process_owner() -> str:
    """Names this process in the `analyses` rows it starts (unique per start: a restarted process is another)."""
    return f"{socket.gethostname()[:80]}:{os.getpid()}:{secrets.token_hex(4)}"


@dataclass
class AnalysisRuntime:
    queue: AnalysisQueue
    max_table_bytes: int = DEFAULT_MAX_TABLE_MB * MB
    # Only one process can be alive (polling, or one SQLite file): at start-up every analysis another process
    # started is known to be dead. Several processes (webhook behind a balancer) wait for the heartbeat to lapse.
    single_process: bool = True
    owner: str = field(default_factory=process_owner)
    live: set[int] = field(default_factory=set)  # ids of the analyses this process runs now

    @classmethod
    def create(cls, *, slots: int | None = None, max_table_mb: int = DEFAULT_MAX_TABLE_MB,
               single_process: bool = True) -> AnalysisRuntime:
        slots = slots or default_concurrency(max_table_mb)
        return cls(AnalysisQueue(slots), max_table_mb * MB, single_process)
