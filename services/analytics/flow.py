"""The analyses of one update: recorded as they start, the file kept, a place in line, the run, the end.

Every turn of an analysis in the chat is recorded in `analyses` before anything slow happens and committed at
once: if the process dies while the file downloads, waits in line or is analysed, the record is there for the
next start-up to find (services.analytics.recovery). The commit also frees SQLite's only connection for the
seconds the analysis takes.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace

from db.repositories.analyses import AnalysisRepository
from services.analytics.files import KEEP_FOR, AnalysisFiles
from services.analytics.queue import OnWait
from services.analytics.runtime import AnalysisRuntime
from services.analytics.session import AnalysisRequest, RunOutcome, run_analysis, table_size_problem
from services.clock import Clock
from services.notice import Refusal
from services.texts import t

logger = logging.getLogger(__name__)
FAILED = "failed"


def file_gone() -> str:
    return t("analytics-file-gone", hours=int(KEEP_FOR.total_seconds() // 3600))


class Analyses:
    def __init__(self, repo: AnalysisRepository, runtime: AnalysisRuntime, clock: Clock) -> None:
        self.repo = repo
        self.runtime = runtime
        self.clock = clock
        self.files = AnalysisFiles(repo, clock)

    # ---- the record ------------------------------------------------------------------------------------
    async def begin(self, user_id: int, chat_id: int, request: AnalysisRequest) -> int:
        """Record a turn that starts now; committed before the slow part."""
        analysis_id = await self.repo.start(user_id=user_id, chat_id=chat_id, file_name=request.file_name,
                                            request=dict(request.to_state()), owner=self.runtime.owner,
                                            now=self.clock.now(), file_id=request.kept)
        self.runtime.live.add(analysis_id)
        await self.repo.commit()
        return analysis_id

    async def finish(self, analysis_id: int, outcome: RunOutcome) -> None:
        """What came of it; committed with the update (after the report went out)."""
        await self.repo.finish(analysis_id, outcome.name, self.clock.now())
        self.runtime.live.discard(analysis_id)

    async def fail(self, analysis_id: int) -> None:
        """The turn ended with an exception: record it now (the update's transaction is about to roll back), so
        the analysis is not later taken for one the process died in."""
        self.runtime.live.discard(analysis_id)
        try:
            await self.repo.finish(analysis_id, FAILED, self.clock.now())
            await self.repo.commit()
        except Exception:
            logger.exception("Could not record the failure of analysis %s", analysis_id)

    # ---- the file ----------------------------------------------------------------------------------------
    async def keep(self, analysis_id: int, user_id: int, request: AnalysisRequest, data: bytes) -> AnalysisRequest:
        """Keep a newly downloaded file for a day (when it is small enough); the request then points at it."""
        kept = await self.files.keep(user_id, request.file_name, request.file_id, data)
        if kept is None:
            return request
        request = replace(request, kept=kept)
        await self.repo.attach(analysis_id, kept, dict(request.to_state()))
        await self.repo.commit()
        return request

    async def kept_data(self, user_id: int, request: AnalysisRequest) -> bytes | None:
        """The kept copy of the request's file; None when there is none (then it is downloaded again)."""
        kept = await self.files.load(user_id, request.kept)
        return kept.data if kept is not None else None

    async def other_kind(self, user_id: int, file_id: int, kind: str) -> tuple[AnalysisRequest, bytes]:
        """Another analysis of a kept file (a report's button); refused politely when the file is gone."""
        kept = await self.files.load(user_id, file_id)
        if kept is None:
            raise Refusal(file_gone())
        return AnalysisRequest.for_kept(kept.telegram_file_id, kept.name, kept.id, kind), kept.data

    async def rerun(self, user_id: int, analysis_id: int) -> tuple[AnalysisRequest, bytes]:
        """An interrupted analysis again, on its kept file: one tap runs it once."""
        record = await self.repo.get(analysis_id, user_id)
        kept = await self.files.load(user_id, record.file_id if record is not None else None)
        if record is None or kept is None:
            raise Refusal(file_gone())
        if not await self.repo.claim_rerun(analysis_id, user_id):
            raise Refusal(t("analytics-rerun-done"))
        request = AnalysisRequest.from_state(record.request)  # type: ignore[arg-type]
        if request is None:
            raise Refusal(file_gone())
        return replace(request, kept=kept.id, pending=None), kept.data

    # ---- the run -----------------------------------------------------------------------------------------
    async def run(self, data: bytes, request: AnalysisRequest, on_wait: OnWait | None = None) -> RunOutcome:
        """Check the per-file budget, wait for a place in line (reporting it through `on_wait`), then analyse in
        a worker thread."""
        problem = table_size_problem(data, request.file_name, self.runtime.max_table_bytes)
        if problem:
            return RunOutcome(request, error=problem)
        async with self.runtime.queue.turn(on_wait):
            return await asyncio.to_thread(run_analysis, data, request, self.runtime.max_table_bytes)
