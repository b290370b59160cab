"""Engine and session factory; SQLite is tuned for a bot that writes on every answer."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from sqlalchemy import event, exc
from sqlalchemy.engine import Dialect, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine

from db import sqlite_driver


def ensure_sqlite_folder(url: str) -> None:
    """Create the folder of a file-based SQLite database so a fresh checkout just works."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return
    database = parsed.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)


def _tune_sqlite(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    # WAL lets readers (dashboards) proceed while an answer is being written.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={sqlite_driver.BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


# A server connection back in the pool less than this long ago is lent without a ping (HikariCP's
# aliveBypassWindow is 0.5 s): SQLAlchemy's pool_pre_ping costs asyncpg three round trips (BEGIN, ";",
# ROLLBACK) on every checkout, as many as the rest of a quiz tap's statements.
PING_AFTER_IDLE_SECONDS = 1.0


# Connections to the server a process keeps, all of them kept (HikariCP's advice: a fixed-size pool). SQLAlchemy's
# default (5 kept, 10 more made when busy and closed on their return) had a busy bot opening a new connection —
# a new server process, its caches cold, every statement prepared anew — every 30 transactions (163 connections
# in 4,600 quiz taps over two processes, benchmarks/bench_scale.py).
SERVER_POOL_SIZE = 15


def _ping_when_idle(engine: AsyncEngine) -> None:
    """pool_pre_ping for connections that sat in the pool a while: a server restarted or a connection dropped
    while nobody used it is found before an update does; a connection back from use a moment ago is trusted
    (if the server dies under load, the update that meets it fails and SQLAlchemy invalidates the pool)."""
    dialect: Dialect = engine.dialect

    def checked_in(_dbapi_connection: Any, record: Any) -> None:
        record.info["checked_in_at"] = time.monotonic()

    def checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        returned = record.info.get("checked_in_at")  # none for a connection just made: nothing to check
        if returned is None or time.monotonic() - returned < PING_AFTER_IDLE_SECONDS:
            return
        try:
            dialect.do_ping(dbapi_connection)
        except Exception as error:
            # The pool replaces this connection and every other made before now, and the checkout goes on.
            raise exc.InvalidatePoolError(str(error)) from error

    event.listen(engine.sync_engine, "checkin", checked_in)
    event.listen(engine.sync_engine, "checkout", checkout)


def create_engine(url: str, *, echo: bool = False) -> AsyncEngine:
    ensure_sqlite_folder(url)
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        server_engine = create_async_engine(url, echo=echo, pool_size=SERVER_POOL_SIZE, max_overflow=0)
        _ping_when_idle(server_engine)
        return server_engine
    pool: dict[str, object] = {}
    if parsed.database and parsed.database != ":memory:":  # an in-memory database has its own single-connection pool
        # SQLite lets one connection write at a time, and every update writes (the user row at least). With a
        # pool, concurrent updates fight for that lock through SQLite's busy handler, which sleeps and polls
        # (up to 100 ms a try); with one connection they queue for it in order instead. The connection goes
        # back to the pool at every commit, which happens before each Telegram call (bot/commit_before_send).
        pool = {"pool_size": 1, "max_overflow": 0}
    one_trip = parsed.get_driver_name() == "aiosqlite" and sqlite_driver.available
    if one_trip:
        pool["module"] = sqlite_driver.dbapi()  # one trip to aiosqlite's thread per statement, not four
        # A statement run IN_PLACE calls sqlite3 from the event loop's thread (never while aiosqlite's uses it).
        pool["connect_args"] = {"check_same_thread": False}
    engine = create_async_engine(url, echo=echo, **pool)
    event.listen(engine.sync_engine, "connect", _tune_sqlite)
    if one_trip:  # writes run WITH_NEXT_TRIP ride with the next statement or the commit
        event.listen(engine.sync_engine, "before_cursor_execute", sqlite_driver.mark_deferred)
    return engine


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker:
    return async_sessionmaker(engine, expire_on_commit=False)
