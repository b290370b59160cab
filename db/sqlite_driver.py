"""SQLite through aiosqlite in one trip to its thread per statement.

aiosqlite runs the sqlite3 connection in a thread of its own; every call into it is a trip there and back (a
queue, a wake-up of the event loop, a future). SQLAlchemy's adapter makes four per SELECT (open a cursor,
execute, fetch the rows, close the cursor) and three per UPDATE, and a quiz tap runs three statements: the trips
cost more CPU than the statements. This adapter does the four steps in one function run in that thread, so a
statement is one trip; the rows, the description, the row count and the last row id come back together. A
rollback with no transaction open (SQLAlchemy's reset of every connection returned to the pool) makes no trip.

A write whose outcome nobody reads (the attempt moving on after an answer, a ticked option kept as a draft) can
be executed with `WITH_NEXT_TRIP`: it waits on the connection and goes to the thread in front of whatever comes
next in its transaction — the next statement (which therefore sees it) or the commit, in that same trip. A
rollback drops it with the rest of the transaction. Its row count is unknown (-1); an error in it is raised by the
statement or commit it rode with.

A small statement by an index (a quiz tap's read of its attempt and question, the write of its answer) can be
executed `IN_PLACE`: sqlite3 is called right in the event loop's thread, which costs less than the trip (~20 µs of
SQLite against ~150 µs of queue, wake-ups, future and the hand-over of the GIL between the two threads). Only
when nothing of the connection is in the thread. A write in place never waits for a lock: SQLite's busy timeout
is 0 for it, and when another connection (another process) holds the write lock, SQLITE_BUSY comes back at once,
with nothing applied, and the same work goes to the thread, which waits there as any statement does. A commit
runs in place too when everything in its transaction did (the pages it writes are the few those statements
changed; the WAL is synced only at checkpoints, synchronous=NORMAL); a transaction that used the thread commits
there. Every `CHECKPOINT_EVERY`-th commit goes to the thread and checkpoints the WAL there (PASSIVE), so SQLite's
own automatic checkpoint — a commit that copies the WAL into the database and syncs both — does not fall to a
commit in place and stop the event loop. In WAL mode a read takes no lock a writer holds. Anything large stays in
the thread.

Used by `db.engine.create_engine` for SQLite files when the installed SQLAlchemy and aiosqlite have the internals
it relies on (checked at import: `available`); otherwise the stock adapter is used, slower and the same.
"""

from __future__ import annotations

import collections
from typing import Any

WITH_NEXT_TRIP = {"sqlite_with_next_trip": True}  # execution options of a write nobody reads the outcome of
IN_PLACE = {"sqlite_in_place": True}  # … of a small statement by an index: run in the event loop's thread
BUSY_TIMEOUT_MS = 10_000  # how long a statement in aiosqlite's thread waits for another connection's write lock
# ~2–4 WAL pages a tap: a checkpoint every 100 commits stays under SQLite's automatic one (1,000 pages).
CHECKPOINT_EVERY = 100

try:
    import sqlite3

    import aiosqlite
    from sqlalchemy.connectors.asyncio import AsyncAdapt_dbapi_cursor
    from sqlalchemy.dialects.sqlite.aiosqlite import AsyncAdapt_aiosqlite_connection, AsyncAdapt_aiosqlite_dbapi
    from sqlalchemy.util.concurrency import await_

    available = all(hasattr(aiosqlite.Connection, name) for name in ("_execute", "_conn")) and hasattr(
        AsyncAdapt_dbapi_cursor, "_execute_async")
except ImportError:  # pragma: no cover - an older SQLAlchemy: the stock adapter
    available = False


if available:

    class OneTripCursor(AsyncAdapt_dbapi_cursor):
        """A client-side cursor whose statement runs in one trip; the sqlite3 cursor lives only inside it."""

        __slots__ = ("_deferred", "_description", "_in_place", "_lastrowid", "_rowcount", "_writes")
        _awaitable_cursor_close = False

        def __init__(self, adapt_connection: Any) -> None:  # no aiosqlite cursor: nothing to open or close
            self._adapt_connection = adapt_connection
            self._connection = adapt_connection._connection
            self._soft_closed_memoized = {}
            self._rows = collections.deque()
            self._description: Any = None
            self._rowcount = -1
            self._lastrowid: int | None = None
            self._deferred = False  # set by `mark_deferred` for a statement run WITH_NEXT_TRIP
            self._in_place = False  # … for a statement run IN_PLACE
            self._writes = False  # … and whether it is a write

        @property
        def description(self) -> Any:
            return self._description

        @property
        def rowcount(self) -> int:
            return self._rowcount

        @property
        def lastrowid(self) -> Any:
            return self._lastrowid

        async def _async_soft_close(self) -> None:
            return None

        def close(self) -> None:
            self._rows.clear()

        async def _execute_async(self, operation: Any, parameters: Any) -> Any:
            connection = self._adapt_connection
            if self._deferred:
                connection._pending.append((operation, parameters))
                return self._took((None, -1, None, None))
            if self._in_place:
                outcome = connection.in_place(_run, self._writes, operation, parameters, False)
                if outcome is not None:
                    return self._took(outcome)
            async with connection._execute_mutex:
                connection._used_thread = True
                return self._took(await self._connection._execute(_run, self._connection._conn, operation,
                                                                  parameters, False, connection.take_pending()))

        async def _executemany_async(self, operation: Any, seq_of_parameters: Any) -> Any:
            connection = self._adapt_connection
            async with connection._execute_mutex:
                connection._used_thread = True
                return self._took(await self._connection._execute(_run, self._connection._conn, operation,
                                                                  seq_of_parameters, True,
                                                                  connection.take_pending()))

        def _took(self, outcome: tuple[Any, int, Any, list[Any] | None]) -> None:
            self._description, self._rowcount, self._lastrowid, rows = outcome
            self._rows = collections.deque(rows or ())

    Pending = list[tuple[Any, Any]]  # writes run WITH_NEXT_TRIP: (operation, parameters)

    def _run(conn: sqlite3.Connection, operation: Any, parameters: Any, many: bool,
             pending: Pending) -> tuple[Any, int, Any, list[Any] | None]:
        """In aiosqlite's thread: the writes waiting for this trip, then the whole statement, the cursor opened
        and closed around it."""
        cursor = conn.cursor()
        try:
            for waiting, waiting_parameters in pending:
                cursor.execute(waiting, waiting_parameters)
            if many:
                cursor.executemany(operation, parameters)
            elif parameters is None:
                cursor.execute(operation)
            else:
                cursor.execute(operation, parameters)
            description = cursor.description
            rows = cursor.fetchall() if description else None
            return description, cursor.rowcount, cursor.lastrowid, rows
        finally:
            cursor.close()

    def _commit(conn: sqlite3.Connection, pending: Pending, checkpoint: bool = False) -> bool:
        """The writes waiting for this trip, then the commit, then (in aiosqlite's thread) a checkpoint. True: done
        (`in_place` answers None when the work must go to the thread instead)."""
        for waiting, waiting_parameters in pending:
            conn.execute(waiting, waiting_parameters)
        conn.commit()
        if checkpoint:
            conn.execute("PRAGMA wal_checkpoint(PASSIVE)").close()
        return True

    def _is_busy(error: sqlite3.OperationalError) -> bool:
        return getattr(error, "sqlite_errorcode", 0) & 0xFF == sqlite3.SQLITE_BUSY

    class OneTripConnection(AsyncAdapt_aiosqlite_connection):
        __slots__ = ("_commits", "_pending", "_used_thread")
        _cursor_cls = OneTripCursor

        def __init__(self, dbapi: Any, connection: Any) -> None:
            super().__init__(dbapi, connection)
            self._pending: Pending = []
            self._used_thread = False  # whether the open transaction made a trip to aiosqlite's thread
            self._commits = 0

        def take_pending(self) -> Pending:
            pending, self._pending = self._pending, []
            return pending

        def in_place(self, fn: Any, writes: bool, *args: Any) -> Any:
            """`fn(sqlite3 connection, *args, pending writes)` run here; None when it must go to the thread
            instead: a trip of this connection is in flight, or a write met another connection's lock."""
            if self._execute_mutex.locked():
                return None
            # Nothing of this connection is in aiosqlite's thread (the pool lends it to one session, and no
            # statement of that session is in flight), so sqlite3 may be called from here.
            conn = self._connection._conn
            pending = self.take_pending()
            if not (writes or pending):
                return fn(conn, *args, pending)
            conn.execute("PRAGMA busy_timeout=0").close()
            try:
                return fn(conn, *args, pending)
            except sqlite3.OperationalError as error:
                if not _is_busy(error):
                    raise
                # The first write of a transaction takes the lock, so nothing of this call was applied.
                self._pending[:0] = pending
                return None
            finally:
                conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}").close()

        def commit(self) -> None:
            if self._connection._connection is None:
                super().commit()
                return
            self._commits += 1
            checkpoint = self._commits % CHECKPOINT_EVERY == 0
            try:
                if not (self._used_thread or checkpoint) and self.in_place(_commit, False):
                    return
                pending = self.take_pending()
                if not (pending or checkpoint):
                    super().commit()  # aiosqlite's own commit, one trip
                    return
                await_(self._connection._execute(_commit, self._connection._conn, pending, checkpoint))
            except Exception as error:
                self._handle_exception(error)
            finally:
                self._end_transaction()

        def _end_transaction(self) -> None:
            self._pending.clear()
            self._used_thread = False

        def close(self) -> None:
            self._pending.clear()
            super().close()

        def rollback(self) -> None:
            self._end_transaction()  # the waiting writes are undone with the transaction they belong to
            # SQLAlchemy rolls back every connection handed back to the pool, after a commit too: a trip per
            # update that sqlite3 then answers by doing nothing (it issues ROLLBACK only inside a transaction).
            # Its flag is read here instead; the pool lends this connection to one session at a time, so
            # aiosqlite's thread is idle now.
            sqlite_connection = self._connection._connection
            if sqlite_connection is not None and not sqlite_connection.in_transaction:
                return
            super().rollback()

    class OneTripDbapi(AsyncAdapt_aiosqlite_dbapi):
        """aiosqlite as SQLAlchemy's DBAPI module, handing out connections with one-trip cursors."""

        def connect(self, *arg: Any, **kw: Any) -> Any:
            adapted = super().connect(*arg, **kw)
            return OneTripConnection(self, adapted._connection)

    def dbapi() -> Any:
        return OneTripDbapi(aiosqlite, sqlite3)

    def mark_deferred(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any,
                      executemany: bool) -> None:
        """The engine's before_cursor_execute listener: a statement run WITH_NEXT_TRIP waits for the next trip, a
        statement run IN_PLACE is run without one."""
        if context is None or executemany or not isinstance(cursor, OneTripCursor):
            return
        options = context.execution_options
        if options.get("sqlite_with_next_trip"):
            cursor._deferred = True
        elif options.get("sqlite_in_place"):
            cursor._in_place = True
            cursor._writes = statement.lstrip()[:6].upper() != "SELECT"

else:  # pragma: no cover

    def dbapi() -> Any:
        return None

    def mark_deferred(*_args: Any) -> None:
        return None


__all__ = ["BUSY_TIMEOUT_MS", "CHECKPOINT_EVERY", "IN_PLACE", "WITH_NEXT_TRIP", "available", "dbapi", "mark_deferred"]
