"""Analyses the process died in the middle of: found, marked, and their users told once.

A running analysis has its heartbeat renewed every `HEARTBEAT` by the process that runs it (`bot/analyses.py`).
One whose heartbeat is older than `LEASE` has nobody running it; at start-up of the only process there can be
(polling, or one SQLite file), every analysis another process started is dead at once. Each such analysis is
claimed in one statement (finished, «interrupted», notified) and committed before its user is told, so the
notice goes out once however many processes look and however often the bot restarts — a notice lost with a
crash right after the commit is the price of never sending it twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from db.repositories.analyses import AnalysisRepository
from services.analytics.engine.fmt import esc
from services.analytics.files import AnalysisFiles
from services.analytics.runtime import AnalysisRuntime
from services.clock import Clock
from services.texts import t

HEARTBEAT = timedelta(seconds=15)
LEASE = timedelta(seconds=60)
BATCH = 100


@dataclass(frozen=True)
class InterruptedNotice:
    analysis_id: int
    chat_id: int
    text: str  # HTML
    can_rerun: bool  # the file is still kept: the notice offers one tap to run it again


class Recovery:
    def __init__(self, repo: AnalysisRepository, runtime: AnalysisRuntime, clock: Clock) -> None:
        self.repo = repo
        self.runtime = runtime
        self.clock = clock

    async def beat(self) -> None:
        """Renew the heartbeat of the analyses this process runs."""
        await self.repo.beat(set(self.runtime.live), self.clock.now())

    async def interrupted(self, *, at_start: bool = False) -> list[InterruptedNotice]:
        """Claim the analyses nobody runs any more; the caller commits, then sends the notices."""
        now = self.clock.now()
        rows = await self.repo.unfinished(stale_before=now - LEASE, not_owner=self.runtime.owner,
                                          any_other_owner=at_start and self.runtime.single_process, limit=BATCH)
        notices = []
        for row in rows:
            if row.id in self.runtime.live:
                continue  # ours and running: its heartbeat is only late
            if await self.repo.claim_interrupted(row.id, now):
                notices.append(_notice(row.id, row.chat_id, row.file_name, row.file_id is not None))
        return notices

    async def cleanup(self) -> int:
        """Delete the files kept longer than a day."""
        return await AnalysisFiles(self.repo, self.clock).cleanup()


def _notice(analysis_id: int, chat_id: int, file_name: str, kept: bool) -> InterruptedNotice:
    if kept:
        text = t("analytics-interrupted", file=esc(file_name))
    else:
        text = t("analytics-interrupted-resend", file=esc(file_name))
    return InterruptedNotice(analysis_id, chat_id, text, kept)
