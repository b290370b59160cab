"""Files kept for a day, so the report's buttons can run another analysis of the same file without asking for it
again, and an interrupted analysis can be run again with one tap.

Bounded: only files up to `KEEP_LIMIT` bytes are kept (what Telegram's own Bot API lets a bot download), at most
`KEEP_PER_USER` per user (a new one pushes out the oldest), compressed, and deleted `KEEP_FOR` after they arrived
by the periodic cleanup (`bot/analyses.py`). They live in the database, so every bot process behind a balancer
finds them.
"""

from __future__ import annotations

import asyncio
import zlib
from dataclasses import dataclass
from datetime import timedelta

from db.repositories.analyses import AnalysisRepository
from services.analytics.engine.errors import TELEGRAM_DOWNLOAD_LIMIT
from services.clock import Clock

KEEP_LIMIT = TELEGRAM_DOWNLOAD_LIMIT
KEEP_PER_USER = 3
KEEP_FOR = timedelta(days=1)
# Level 1: CSV shrinks 4-8x at ~100 MB/s; a ZIP or XLSX (already compressed) costs little more than a copy.
COMPRESSION_LEVEL = 1


@dataclass(frozen=True)
class KeptFile:
    id: int
    name: str
    telegram_file_id: str
    data: bytes


def keepable(size: int) -> bool:
    return 0 < size <= KEEP_LIMIT


class AnalysisFiles:
    """The kept files of one update's user."""

    def __init__(self, repo: AnalysisRepository, clock: Clock) -> None:
        self.repo = repo
        self.clock = clock

    async def keep(self, user_id: int, name: str, telegram_file_id: str, data: bytes) -> int | None:
        """Keep the file; its id, or None when it is too big to keep."""
        if not keepable(len(data)):
            return None
        packed = await asyncio.to_thread(zlib.compress, data, COMPRESSION_LEVEL)
        file_id = await self.repo.add_file(user_id=user_id, name=name[:256], telegram_file_id=telegram_file_id,
                                           size=len(data), data=packed, now=self.clock.now())
        await self.repo.drop_files_beyond(user_id, KEEP_PER_USER)
        return file_id

    async def load(self, user_id: int, file_id: int | None) -> KeptFile | None:
        """The user's kept file; None when it was deleted (after a day) or is not his."""
        if file_id is None:
            return None
        row = await self.repo.file(file_id, user_id)
        if row is None:
            return None
        data = await asyncio.to_thread(zlib.decompress, row.data)
        return KeptFile(row.id, row.name, row.telegram_file_id, data)

    async def cleanup(self) -> int:
        """Delete the files kept longer than `KEEP_FOR`; how many."""
        return await self.repo.delete_files_before(self.clock.now() - KEEP_FOR)
