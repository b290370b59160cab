"""The server database's pool (db/engine.py): a connection idle a while is pinged before it is lent, so one the
server dropped meanwhile is replaced and the update never sees it; one back from use a moment ago is not; a burst
of updates is served by connections the pool keeps, not by new ones made and closed for it."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from db import engine as engine_module
from db.engine import create_session_factory
from tests.databases import connect, is_postgres


@pytest.fixture
def server_engine(engine: Any, database_url: str) -> Any:
    if not is_postgres(database_url):
        pytest.skip("SQLite has no server to drop connections: the PostgreSQL variant runs this")
    return engine


@pytest.fixture
def pings(server_engine: Any, monkeypatch: pytest.MonkeyPatch) -> list[object]:
    made: list[object] = []
    real = server_engine.dialect.do_ping

    def counted(dbapi_connection: Any) -> bool:
        made.append(dbapi_connection)
        return real(dbapi_connection)

    monkeypatch.setattr(server_engine.dialect, "do_ping", counted)
    return made


async def _one(sessions: Any) -> int:
    async with sessions() as session:
        return int((await session.execute(text("SELECT 1"))).scalar_one())


async def test_a_connection_back_a_moment_ago_is_lent_without_a_ping(server_engine: Any, pings: list[object]) -> None:
    sessions = create_session_factory(server_engine)
    for _ in range(5):
        assert await _one(sessions) == 1
    assert pings == []


async def test_a_connection_the_server_dropped_while_idle_is_replaced_before_an_update_meets_it(
        server_engine: Any, database_url: str, pings: list[object], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine_module, "PING_AFTER_IDLE_SECONDS", 0.2)
    sessions = create_session_factory(server_engine)
    assert await _one(sessions) == 1
    database = make_url(database_url).database
    with connect(database_url) as admin:  # the server restarts, or a firewall drops idle connections
        dropped = admin.execute(text("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                     "WHERE datname = :name AND pid <> pg_backend_pid()"), {"name": database})
        assert dropped.scalar_one() >= 1
    await asyncio.sleep(0.3)
    assert await _one(sessions) == 1  # no error: the ping found the dead connection and the pool made a new one
    assert len(pings) == 1


async def _backend(sessions: Any, hold: asyncio.Event) -> int:
    async with sessions() as session:
        pid = int((await session.execute(text("SELECT pg_backend_pid()"))).scalar_one())
        await hold.wait()  # many updates at once, each holding its connection
        return pid


async def test_bursts_of_updates_reuse_the_connections_the_pool_keeps(server_engine: Any) -> None:
    sessions = create_session_factory(server_engine)
    seen: list[set[int]] = []
    for _ in range(3):
        hold = asyncio.Event()
        burst = [asyncio.create_task(_backend(sessions, hold)) for _ in range(engine_module.SERVER_POOL_SIZE)]
        await asyncio.sleep(0.2)
        hold.set()
        seen.append(set(await asyncio.gather(*burst)))
    # Every burst ran on the same server processes: none were closed after one burst and made anew for the next.
    assert len(seen[0]) == engine_module.SERVER_POOL_SIZE
    assert seen[0] == seen[1] == seen[2]
