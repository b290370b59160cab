"""What start-up loads lives as long as the process: the garbage collector stops walking it.

Once started, a bot process holds ~370,000 long-lived objects (aiogram, SQLAlchemy, pandas, the question bank, the
texts). CPython's full collection walks every one of them: measured here (benchmarks/bench_tap.py), ~350 ms of CPU
with the event loop stopped, every few hundred updates. `gc.freeze()` moves them to a generation the collector
never walks; what the updates create later is collected as before.
"""

from __future__ import annotations

import gc
import logging

logger = logging.getLogger(__name__)


def freeze_startup_heap() -> int:
    """Collect what start-up left as garbage, then exempt the rest from collection; how many objects that is."""
    gc.collect()
    gc.freeze()
    frozen = gc.get_freeze_count()
    logger.debug("%d objects of start-up exempt from garbage collection", frozen)
    return frozen
