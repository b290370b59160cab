"""The SQLite adapter (db/sqlite_driver.py): one trip to aiosqlite's thread per statement, none for a rollback
with nothing to roll back, none for a tap's small statements and their commit, and a transaction's work still
undone whenever there is some; a write in place never holds up the event loop on another connection's lock."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Any

import aiosqlite
import pytest
from sqlalchemy import text

from bot.migrations import upgrade
from db import sqlite_driver
from db.engine import create_engine, create_session_factory
from db.sqlite_driver import IN_PLACE, WITH_NEXT_TRIP

pytestmark = pytest.mark.skipif(not sqlite_driver.available, reason="the stock adapter is in use")


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:  # SQLite whatever the variant: this is SQLite's adapter
    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    upgrade(url)
    return url


@pytest.fixture
async def sqlite_engine(sqlite_url: str) -> Any:
    engine = create_engine(sqlite_url)
    yield engine
    await engine.dispose()


@pytest.fixture
def trips(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The calls that went to aiosqlite's thread, by what they ran."""
    made: list[str] = []
    real = aiosqlite.Connection._execute

    async def counted(self: aiosqlite.Connection, fn: Any, *args: Any, **kwargs: Any) -> Any:
        made.append(getattr(fn, "__name__", repr(fn)))
        return await real(self, fn, *args, **kwargs)

    monkeypatch.setattr(aiosqlite.Connection, "_execute", counted)
    return made


INSERT = text("INSERT INTO users (id, first_name) VALUES (:id, 'Анна')")
COUNT = text("SELECT count(*) FROM users WHERE id = :id")


async def test_a_committed_update_costs_a_trip_per_statement_and_one_for_the_commit(sqlite_engine: Any,
                                                                                    trips: list[str]) -> None:
    sessions = create_session_factory(sqlite_engine)
    async with sessions() as session:  # the pool's connection is opened before counting
        await session.execute(COUNT, {"id": 0})
    trips.clear()
    async with sessions() as session:
        await session.execute(INSERT, {"id": 1})
        await session.commit()
    assert trips == ["_run", "commit"]  # no rollback when the connection went back to the pool
    async with sessions() as session:
        assert (await session.execute(COUNT, {"id": 1})).scalar_one() == 1


async def test_work_left_uncommitted_is_still_rolled_back(sqlite_engine: Any, trips: list[str]) -> None:
    sessions = create_session_factory(sqlite_engine)
    async with sessions() as session:
        await session.execute(INSERT, {"id": 2})
        # closed without a commit: the connection goes back to the pool with the insert pending
    assert "rollback" in trips
    async with sessions() as session:
        await session.execute(INSERT, {"id": 3})
        await session.rollback()
        assert (await session.execute(COUNT, {"id": 3})).scalar_one() == 0
    async with sessions() as session:
        assert (await session.execute(COUNT, {"id": 2})).scalar_one() == 0


RENAME = text("UPDATE users SET first_name = :name WHERE id = :id")
NAME = text("SELECT first_name FROM users WHERE id = :id")


async def _with_user(engine: Any, user_id: int, trips: list[str]) -> Any:
    """Sessions on `engine`, user `user_id` (Анна) committed, and the trips counted from here on."""
    sessions = create_session_factory(engine)
    async with sessions() as session:
        await session.execute(INSERT, {"id": user_id})
        await session.commit()
    trips.clear()
    return sessions


async def test_a_write_run_with_the_next_trip_rides_with_the_commit(sqlite_engine: Any, trips: list[str]) -> None:
    sessions = await _with_user(sqlite_engine, 4, trips)
    async with sessions() as session:
        await session.execute(RENAME, {"id": 4, "name": "Борис"}, execution_options=WITH_NEXT_TRIP)
        assert trips == []  # nothing went to the thread yet
        await session.commit()
    assert trips == []  # the commit ran in place, the waiting write with it
    async with sessions() as session:
        assert (await session.execute(NAME, {"id": 4})).scalar_one() == "Борис"


async def test_the_next_statement_sees_a_waiting_write_and_a_rollback_drops_it(sqlite_engine: Any,
                                                                              trips: list[str]) -> None:
    sessions = await _with_user(sqlite_engine, 5, trips)
    async with sessions() as session:
        await session.execute(RENAME, {"id": 5, "name": "Вера"}, execution_options=WITH_NEXT_TRIP)
        assert (await session.execute(NAME, {"id": 5})).scalar_one() == "Вера"  # one trip: the write, the read
        assert trips == ["_run"]
        await session.rollback()
        await session.execute(RENAME, {"id": 5, "name": "Галина"}, execution_options=WITH_NEXT_TRIP)
        await session.rollback()  # only waiting on the connection: dropped without a trip
    async with sessions() as session:
        assert (await session.execute(NAME, {"id": 5})).scalar_one() == "Анна"


async def test_small_statements_and_their_commit_run_in_place_with_the_writes_waiting(sqlite_engine: Any,
                                                                                     trips: list[str]) -> None:
    sessions = await _with_user(sqlite_engine, 6, trips)
    async with sessions() as session:
        assert (await session.execute(NAME, {"id": 6}, execution_options=IN_PLACE)).scalar_one() == "Анна"
        await session.execute(RENAME, {"id": 6, "name": "Дарья"}, execution_options=WITH_NEXT_TRIP)
        assert (await session.execute(NAME, {"id": 6}, execution_options=IN_PLACE)).scalar_one() == "Дарья"
        renamed = await session.execute(RENAME, {"id": 6, "name": "Евгения"}, execution_options=IN_PLACE)
        assert renamed.rowcount == 1
        await session.commit()
    assert trips == []
    # Another connection (another process) sees it: it was committed, not only written.
    with sqlite3.connect(sqlite_engine.url.database) as other:
        assert other.execute("SELECT first_name FROM users WHERE id = 6").fetchone() == ("Евгения",)
    trips.clear()
    async with sessions() as session:  # a transaction that used the thread commits there
        await session.execute(RENAME, {"id": 6, "name": "Жанна"})
        await session.execute(NAME, {"id": 6}, execution_options=IN_PLACE)
        await session.commit()
    assert trips == ["_run", "commit"]
    async with sessions() as session:
        assert (await session.execute(NAME, {"id": 6}, execution_options=IN_PLACE)).scalar_one() == "Жанна"


async def test_a_write_in_place_does_not_hold_up_the_event_loop_on_another_connections_lock(
        sqlite_engine: Any, trips: list[str]) -> None:
    sessions = await _with_user(sqlite_engine, 7, trips)
    other = sqlite3.connect(sqlite_engine.url.database, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process writing: it holds the write lock
    other.execute("UPDATE users SET first_name = 'Зоя' WHERE id = 7")
    ticks = 0

    async def ticking() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    async def rename() -> int:
        async with sessions() as session:
            result = await session.execute(RENAME, {"id": 7, "name": "Ирина"}, execution_options=IN_PLACE)
            await session.commit()
            return result.rowcount

    clock = asyncio.create_task(ticking())
    writer = asyncio.create_task(rename())
    await asyncio.sleep(0.3)
    assert not writer.done()  # it waits for the lock…
    assert ticks >= 10  # …in aiosqlite's thread: the event loop went on meanwhile
    other.execute("COMMIT")
    other.close()
    assert await asyncio.wait_for(writer, 10) == 1
    clock.cancel()
    assert trips == ["_run", "commit"]
    async with sessions() as session:
        assert (await session.execute(NAME, {"id": 7})).scalar_one() == "Ирина"


async def test_every_hundredth_commit_checkpoints_the_wal_in_the_thread(sqlite_engine: Any, trips: list[str],
                                                                        tmp_path: Path) -> None:
    sessions = await _with_user(sqlite_engine, 8, trips)  # the connection's first commit
    for n in range(2 * sqlite_driver.CHECKPOINT_EVERY):  # its 2nd … 201st
        async with sessions() as session:
            await session.execute(RENAME, {"id": 8, "name": f"Катя {n}"}, execution_options=IN_PLACE)
            await session.commit()
    assert trips == ["_commit", "_commit"]  # the 100th and the 200th, in the thread
    # The database file without its WAL holds what the 200th commit wrote: the checkpoint copied it there
    # (SQLite's own checkpoint, at 1,000 WAL pages, never came due).
    assert await asyncio.to_thread(_name_in_file_alone, Path(sqlite_engine.url.database), tmp_path, 8) == "Катя 198"


def _name_in_file_alone(database: Path, folder: Path, user_id: int) -> str:
    copy = folder / "without-wal.db"
    copy.write_bytes(database.read_bytes())
    with sqlite3.connect(copy) as alone:
        return alone.execute("SELECT first_name FROM users WHERE id = ?", (user_id,)).fetchone()[0]
