"""aiogram FSM storage backed by our database, so conversations survive a restart or a kill -9.

Writes join the update's own transaction when there is one (see db.session_context): a step's state and its
answers are committed together or not at all.

SqlStorage serves one bot process (several processes share state through Redis instead), so it also keeps the
committed value of every key in memory: reading the state — which aiogram does for every update — costs no
query, and writing a value the key already has costs none either. A write reaches that cache only when its
transaction commits (a rolled-back step leaves it as it was); a restart simply starts with an empty cache.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder, KeyBuilder, StateType, StorageKey
from sqlalchemy import event, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.models import FsmRecord
from db.session_context import current_session
from db.upsert import insert_for

CACHE_SIZE = 50_000  # keys (users); the least recently used are read from the database again
PENDING = "fsm_pending"  # session.info: this transaction's writes, key -> record, until it commits
LISTENING = "fsm_listening"  # session.info: the commit/rollback hooks are registered


class Record:
    __slots__ = ("data", "state")

    def __init__(self, state: str | None, data: dict[str, Any]) -> None:
        self.state = state
        self.data = data


class SqlStorage(BaseStorage):
    def __init__(self, session_factory: async_sessionmaker, key_builder: KeyBuilder | None = None,
                 cache_size: int = CACHE_SIZE) -> None:
        self.session_factory = session_factory
        self.key_builder = key_builder or DefaultKeyBuilder(with_bot_id=True, with_destiny=True)
        self.cache_size = cache_size
        self._committed: OrderedDict[str, Record] = OrderedDict()

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        name = self.key_builder.build(key)
        async with self._session() as session:
            current = await self._read(session, name)
            if current.state != value:
                await self._write(session, name, Record(value, current.data), {"state": value})

    async def get_state(self, key: StorageKey) -> str | None:
        return (await self._lookup(self.key_builder.build(key))).state

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        # A JSON round trip here catches data that could not survive a restart (sets, objects) at once.
        payload = json.loads(json.dumps(dict(data), ensure_ascii=False))
        name = self.key_builder.build(key)
        async with self._session() as session:
            current = await self._read(session, name)
            if current.data != payload:
                await self._write(session, name, Record(current.state, payload), {"data": payload})

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        return dict((await self._lookup(self.key_builder.build(key))).data)

    async def close(self) -> None:
        return None

    # ---- the update's transaction, and what it has written so far ---------------------------------------
    @asynccontextmanager
    async def _session(self) -> AsyncIterator[AsyncSession]:
        shared = current_session.get()
        if shared is not None:
            yield shared
            return
        async with self.session_factory() as session, session.begin():
            yield session

    async def _lookup(self, key: str) -> Record:
        """A read: aiogram reads the state of every update before our session exists, so a remembered value is
        answered without opening one (opening and closing an idle session costs more than the rest of it)."""
        if current_session.get() is None:
            cached = self._committed.get(key)
            if cached is not None:
                self._committed.move_to_end(key)
                return cached
        async with self._session() as session:
            return await self._read(session, key)

    async def _read(self, session: AsyncSession, key: str) -> Record:
        pending = session.info.get(PENDING)
        if pending is not None and key in pending:
            return pending[key]
        cached = self._committed.get(key)
        if cached is not None:
            self._committed.move_to_end(key)
            return cached
        # Core rows, not ORM objects: a shared session's identity map would otherwise serve stale values.
        row = (await session.execute(select(FsmRecord.state, FsmRecord.data).where(FsmRecord.key == key))
               ).one_or_none()
        record = Record(row.state, dict(row.data) if row.data else {}) if row is not None else Record(None, {})
        self._remember(key, record)
        return record

    async def _write(self, session: AsyncSession, key: str, record: Record, values: dict[str, Any]) -> None:
        table = FsmRecord.__table__
        stmt = insert_for(session, table).values(key=key, **{"state": None, "data": {}, **values})
        stmt = stmt.on_conflict_do_update(index_elements=[table.c.key], set_=values)
        await session.execute(stmt)
        if not session.info.get(LISTENING):
            # Once per session (one update's): it lives no longer than the update.
            session.info[LISTENING] = True
            event.listen(session.sync_session, "after_commit", self._on_commit)
            event.listen(session.sync_session, "after_rollback", self._on_rollback)
        session.info.setdefault(PENDING, {})[key] = record
        # Until the commit the cached value is still the committed one; it is replaced only if the commit happens.

    def _on_commit(self, sync_session: Any) -> None:
        for key, record in sync_session.info.pop(PENDING, {}).items():
            self._remember(key, record)

    def _on_rollback(self, sync_session: Any) -> None:
        sync_session.info.pop(PENDING, None)

    def _remember(self, key: str, record: Record) -> None:
        self._committed[key] = record
        self._committed.move_to_end(key)
        while len(self._committed) > self.cache_size:
            self._committed.popitem(last=False)
