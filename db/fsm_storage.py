"""aiogram FSM storage backed by our database, so conversations survive a restart or a kill -9."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder, KeyBuilder, StateType, StorageKey
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.models import FsmRecord
from db.session_context import current_session
from db.upsert import insert_for


class SqlStorage(BaseStorage):
    """Writes join the update's own transaction when there is one (see db.session_context)."""

    def __init__(self, session_factory: async_sessionmaker, key_builder: KeyBuilder | None = None) -> None:
        self.session_factory = session_factory
        self.key_builder = key_builder or DefaultKeyBuilder(with_bot_id=True, with_destiny=True)

    @asynccontextmanager
    async def _session(self) -> AsyncIterator[AsyncSession]:
        shared = current_session.get()
        if shared is not None:
            yield shared
            return
        async with self.session_factory() as session, session.begin():
            yield session

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        await self._upsert(self.key_builder.build(key), {"state": value})

    async def get_state(self, key: StorageKey) -> str | None:
        row = await self._get(self.key_builder.build(key))
        return row.state if row else None

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        # A JSON round trip here catches data that could not survive a restart (sets, objects) at once.
        payload = json.loads(json.dumps(dict(data), ensure_ascii=False))
        await self._upsert(self.key_builder.build(key), {"data": payload})

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        row = await self._get(self.key_builder.build(key))
        return dict(row.data) if row and row.data else {}

    async def close(self) -> None:
        return None

    async def _get(self, key: str) -> Any:
        # Core rows, not ORM objects: a shared session's identity map would otherwise serve stale values.
        async with self._session() as session:
            result = await session.execute(
                select(FsmRecord.state, FsmRecord.data).where(FsmRecord.key == key)
            )
            return result.one_or_none()

    async def _upsert(self, key: str, values: dict[str, Any]) -> None:
        async with self._session() as session:
            table = FsmRecord.__table__
            stmt = insert_for(session, table).values(key=key, **{"state": None, "data": {}, **values})
            stmt = stmt.on_conflict_do_update(index_elements=[table.c.key], set_=values)
            await session.execute(stmt)
