"""aiogram FSM storage backed by our database, so conversations survive a restart or a kill -9."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder, KeyBuilder, StateType, StorageKey
from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker

from db.models import FsmRecord
from db.upsert import insert_for


class SqlStorage(BaseStorage):
    def __init__(self, session_factory: async_sessionmaker, key_builder: KeyBuilder | None = None) -> None:
        self.session_factory = session_factory
        self.key_builder = key_builder or DefaultKeyBuilder(with_bot_id=True, with_destiny=True)

    def _key(self, key: StorageKey) -> str:
        return self.key_builder.build(key)

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        await self._upsert(self._key(key), {"state": value})

    async def get_state(self, key: StorageKey) -> str | None:
        record = await self._get(self._key(key))
        return record.state if record else None

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        # A JSON round trip here catches data that could not survive a restart (sets, objects) at once.
        payload = json.loads(json.dumps(dict(data), ensure_ascii=False))
        await self._upsert(self._key(key), {"data": payload})

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        record = await self._get(self._key(key))
        return dict(record.data) if record and record.data else {}

    async def close(self) -> None:
        return None

    async def _get(self, key: str) -> FsmRecord | None:
        async with self.session_factory() as session:
            result = await session.execute(select(FsmRecord).where(FsmRecord.key == key))
            return result.scalar_one_or_none()

    async def _upsert(self, key: str, values: dict[str, Any]) -> None:
        async with self.session_factory() as session, session.begin():
            table = FsmRecord.__table__
            insert_values = {"key": key, "state": None, "data": {}, **values}
            stmt = insert_for(session, table).values(**insert_values)
            stmt = stmt.on_conflict_do_update(index_elements=[table.c.key], set_=values)
            await session.execute(stmt)
