"""The life of one day's drill (a `drill_runs` row); the values are stored in the database.

pending → claimed (by one bot process, for a lease) → sending (committed right before the Telegram call, so it
is never sent twice) → open (the user is answering) → done | missed (not finished by the next drill).
Or, instead of being sent: skipped (the day or the quiet hours passed while the bot was down, the drill was
switched off), blocked (403: the user blocked the bot), failed (Telegram refused it for good).
"""

from __future__ import annotations

from enum import StrEnum


class RunStatus(StrEnum):
    PENDING = "pending"
    CLAIMED = "claimed"
    SENDING = "sending"
    OPEN = "open"
    DONE = "done"
    MISSED = "missed"
    SKIPPED = "skipped"
    BLOCKED = "blocked"
    FAILED = "failed"


# A drill whose questions the user may still answer («sending»: it may have gone out before a crash).
ANSWERABLE = frozenset({RunStatus.OPEN, RunStatus.SENDING})
# A drill that reached the user (it counts for participation and streaks).
DELIVERED = frozenset({RunStatus.OPEN, RunStatus.SENDING, RunStatus.DONE, RunStatus.MISSED})
