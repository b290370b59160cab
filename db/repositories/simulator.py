"""Persistence of the dialogue simulator's runs (db.models.simulator.SimRun).

No rules here (services/attestation/simulator decides); this module reads and writes rows. A reply is recorded by
a conditional update on the step counter, so a double tap or a replayed update changes nothing the second time.
Every timestamp passed in is UTC.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import false, func, select, true, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models.simulator import ABANDONED, FINISHED, OPEN, SimRun


class SimRunRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def commit(self) -> None:
        await self.session.commit()

    async def get(self, run_id: int) -> SimRun | None:
        return await self.session.get(SimRun, run_id, populate_existing=True)

    async def open_run(self, user_id: int) -> SimRun | None:
        return (await self.session.execute(
            select(SimRun).where(SimRun.user_id == user_id, SimRun.status == OPEN)
            .order_by(SimRun.id.desc()).limit(1))).scalar_one_or_none()

    async def abandon_open(self, user_id: int) -> None:
        await self.session.execute(update(SimRun).where(SimRun.user_id == user_id, SimRun.status == OPEN)
                                   .values(status=ABANDONED))

    async def create(self, *, user_id: int, scenario_id: str, seed: int, state: dict[str, Any],
                     now: datetime, chat_id: int | None = None) -> SimRun:
        row = SimRun(user_id=user_id, scenario_id=scenario_id, seed=seed, state=state, decisions=0, status=OPEN,
                     paused=False, chat_id=chat_id, started_at=now)
        self.session.add(row)
        await self.session.flush()
        return row

    async def advance(self, run_id: int, decisions: int, state: dict[str, Any]) -> bool:
        """Record one reply: only while the run is open, not paused and still at step `decisions`."""
        result = await self.session.execute(
            update(SimRun)
            .where(SimRun.id == run_id, SimRun.status == OPEN, SimRun.paused == false(),
                   SimRun.decisions == decisions)
            .values(state=state, decisions=decisions + 1)
        )
        return (result.rowcount or 0) == 1

    async def finish(self, run_id: int, *, now: datetime, ending_id: str, ending_kind: str, earned: int,
                     possible: int, skills: dict[str, list[int]]) -> None:
        await self.session.execute(
            update(SimRun).where(SimRun.id == run_id, SimRun.status == OPEN)
            .values(status=FINISHED, finished_at=now, ending_id=ending_id, ending_kind=ending_kind, earned=earned,
                    possible=possible, skills=skills)
        )

    async def set_paused(self, run_id: int, paused: bool) -> bool:
        was = false() if paused else true()
        result = await self.session.execute(
            update(SimRun).where(SimRun.id == run_id, SimRun.status == OPEN, SimRun.paused == was)
            .values(paused=paused))
        return (result.rowcount or 0) == 1

    async def set_message(self, run_id: int, chat_id: int, message_id: int | None) -> None:
        await self.session.execute(update(SimRun).where(SimRun.id == run_id)
                                   .values(chat_id=chat_id, message_id=message_id))

    async def finished(self, user_ids: Collection[int], scenario_ids: Collection[str] | None = None,
                       since: datetime | None = None) -> Sequence[SimRun]:
        """Finished runs of these users (of these scenarios, finished at or after `since`), oldest first."""
        if not user_ids:
            return []
        query = select(SimRun).where(SimRun.user_id.in_(list(user_ids)), SimRun.status == FINISHED)
        if scenario_ids is not None:
            query = query.where(SimRun.scenario_id.in_(list(scenario_ids)))
        if since is not None:
            query = query.where(SimRun.finished_at >= since)
        return (await self.session.execute(query.order_by(SimRun.finished_at, SimRun.id))).scalars().all()

    async def finished_count(self, user_id: int) -> int:
        return int((await self.session.execute(
            select(func.count()).select_from(SimRun)
            .where(SimRun.user_id == user_id, SimRun.status == FINISHED))).scalar_one())
