"""Persistence of analyses and of the files kept for them.

No rules here (how long a file is kept, how big, when an analysis counts as interrupted): services/analytics
decides; this module reads and writes rows. Every timestamp passed in is UTC (services.clock.Clock).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Analysis, AnalysisFile

INTERRUPTED, RERUN = "interrupted", "rerun"
# Deleted rows leave the session by their ids: evaluating a datetime criterion in Python would compare SQLite's
# zone-less values with aware ones.
_FETCH = {"synchronize_session": "fetch"}


class AnalysisRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def commit(self) -> None:
        await self.session.commit()

    # ---- kept files -----------------------------------------------------------------------------------
    async def add_file(self, *, user_id: int, name: str, telegram_file_id: str, size: int, data: bytes,
                       now: datetime) -> int:
        row = AnalysisFile(user_id=user_id, name=name, telegram_file_id=telegram_file_id, size=size, data=data,
                           created_at=now)
        self.session.add(row)
        await self.session.flush()
        return row.id

    async def file(self, file_id: int, user_id: int) -> AnalysisFile | None:
        """The user's kept file (with its bytes); None when it is gone or someone else's."""
        row = await self.session.get(AnalysisFile, file_id)
        return row if row is not None and row.user_id == user_id else None

    async def drop_files_beyond(self, user_id: int, keep: int) -> int:
        """Delete the user's kept files but the `keep` newest."""
        newest = (select(AnalysisFile.id).where(AnalysisFile.user_id == user_id)
                  .order_by(AnalysisFile.created_at.desc(), AnalysisFile.id.desc()).limit(keep))
        result = await self.session.execute(
            delete(AnalysisFile).where(AnalysisFile.user_id == user_id, AnalysisFile.id.not_in(newest)),
            execution_options=_FETCH,
        )
        return result.rowcount or 0

    async def delete_files_before(self, moment: datetime) -> int:
        result = await self.session.execute(delete(AnalysisFile).where(AnalysisFile.created_at < moment),
                                            execution_options=_FETCH)
        return result.rowcount or 0

    # ---- analyses ---------------------------------------------------------------------------------------
    async def start(self, *, user_id: int, chat_id: int, file_name: str, request: dict[str, Any], owner: str,
                    now: datetime, file_id: int | None = None) -> int:
        row = Analysis(user_id=user_id, chat_id=chat_id, file_id=file_id, file_name=file_name, request=request,
                       owner=owner, started_at=now, heartbeat_at=now)
        self.session.add(row)
        await self.session.flush()
        return row.id

    async def attach(self, analysis_id: int, file_id: int, request: dict[str, Any]) -> None:
        await self.session.execute(
            update(Analysis).where(Analysis.id == analysis_id).values(file_id=file_id, request=request)
        )

    async def finish(self, analysis_id: int, outcome: str, now: datetime) -> None:
        await self.session.execute(
            update(Analysis).where(Analysis.id == analysis_id, Analysis.finished_at.is_(None))
            .values(finished_at=now, outcome=outcome)
        )

    async def beat(self, ids: Collection[int], now: datetime) -> None:
        """Renew the heartbeat of analyses this process is running."""
        if ids:
            await self.session.execute(
                update(Analysis).where(Analysis.id.in_(list(ids)), Analysis.finished_at.is_(None))
                .values(heartbeat_at=now)
            )

    async def unfinished(self, *, stale_before: datetime, not_owner: str, any_other_owner: bool,
                         limit: int) -> list[Analysis]:
        """Analyses nobody is running any more: their heartbeat ran out or, when `any_other_owner` (only one
        process can be alive), whoever but `not_owner` started them."""
        dead = Analysis.heartbeat_at < stale_before
        if any_other_owner:
            dead = or_(dead, Analysis.owner != not_owner)
        rows = await self.session.scalars(
            select(Analysis).where(Analysis.finished_at.is_(None), dead).order_by(Analysis.id).limit(limit)
        )
        return list(rows)

    async def claim_interrupted(self, analysis_id: int, now: datetime) -> bool:
        """Mark an analysis interrupted and its user told; False when another process (or an earlier start)
        already did, or it finished meanwhile. The one statement makes the notice go out once."""
        result = await self.session.execute(
            update(Analysis).where(Analysis.id == analysis_id, Analysis.finished_at.is_(None))
            .values(finished_at=now, outcome=INTERRUPTED, notified_at=now)
        )
        return (result.rowcount or 0) == 1

    async def get(self, analysis_id: int, user_id: int) -> Analysis | None:
        row = await self.session.get(Analysis, analysis_id)
        return row if row is not None and row.user_id == user_id else None

    async def claim_rerun(self, analysis_id: int, user_id: int) -> bool:
        """The one tap that runs an interrupted analysis again; a second tap (or a re-delivered one) gets False."""
        result = await self.session.execute(
            update(Analysis).where(Analysis.id == analysis_id, Analysis.user_id == user_id,
                                   Analysis.outcome == INTERRUPTED).values(outcome=RERUN)
        )
        return (result.rowcount or 0) == 1
