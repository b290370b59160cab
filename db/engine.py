"""Engine and session factory; SQLite is tuned for a bot that writes on every answer."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine

from db import sqlite_driver

SQLITE_BUSY_TIMEOUT_MS = 10_000


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
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def create_engine(url: str, *, echo: bool = False) -> AsyncEngine:
    ensure_sqlite_folder(url)
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_async_engine(url, echo=echo, pool_pre_ping=True)
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
        # A read run IN_PLACE calls sqlite3 from the event loop's thread (never while aiosqlite's uses it).
        pool["connect_args"] = {"check_same_thread": False}
    engine = create_async_engine(url, echo=echo, **pool)
    event.listen(engine.sync_engine, "connect", _tune_sqlite)
    if one_trip:  # writes run WITH_NEXT_TRIP ride with the next statement or the commit
        event.listen(engine.sync_engine, "before_cursor_execute", sqlite_driver.mark_deferred)
    return engine


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker:
    return async_sessionmaker(engine, expire_on_commit=False)
