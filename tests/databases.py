"""Which database and FSM storage the tests run on, chosen by the environment.

    TEST_DATABASE_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/postgres   # a server, not a test database
    TEST_REDIS_URL=redis://127.0.0.1:6379/0

Without them every test gets a fresh SQLite file and the database-backed FSM (the default deployment). With
TEST_DATABASE_URL every test gets its own PostgreSQL database — cloned from a template migrated once per run,
so the schema is exactly what alembic builds — and it is dropped after the test. With TEST_REDIS_URL the FSM
and event isolation live in Redis under a key prefix of the test's own, deleted after it.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection, Engine, make_url

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "").strip()
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "").strip()
# Databases and key prefixes a test run creates start with this, followed by the pid of the run.
NAME_PREFIX = "sctest"


def sync_url(database_url: str) -> str:
    """The same database for blocking code in tests (e2e checks, fixtures): stdlib sqlite3 or psycopg."""
    url = make_url(database_url)
    driver = {"sqlite": "sqlite", "postgresql": "postgresql+psycopg"}[url.get_backend_name()]
    return url.set(drivername=driver).render_as_string(hide_password=False)


@contextmanager
def connect(database_url: str) -> Iterator[Connection]:
    """A short-lived blocking connection (committed on exit) to the bot's database, whichever engine it is."""
    engine = create_engine(sync_url(database_url))
    try:
        with engine.begin() as conn:
            yield conn
    finally:
        engine.dispose()


def query(database_url: str, sql: str, **params: Any) -> Sequence[Any]:
    """Rows of one SELECT written in the SQL both engines share, with :named parameters."""
    with connect(database_url) as conn:
        return conn.execute(text(sql), params).all()


def unique_name() -> str:
    """A database name or Redis key prefix no other test or concurrent run uses."""
    return f"{NAME_PREFIX}_{os.getpid()}_{secrets.token_hex(4)}"


def is_postgres(database_url: str) -> bool:
    return make_url(database_url).get_backend_name() == "postgresql"


@dataclass
class PostgresServer:
    """Creates and drops whole databases on the server TEST_DATABASE_URL points at."""

    server_url: str

    def __post_init__(self) -> None:
        self._admin: Engine = create_engine(sync_url(self.server_url), isolation_level="AUTOCOMMIT",
                                            pool_size=1)

    def url_of(self, name: str) -> str:
        return make_url(self.server_url).set(database=name).render_as_string(hide_password=False)

    def create(self, name: str, template: str | None = None) -> str:
        clause = f" TEMPLATE {template}" if template else ""
        with self._admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"{clause}'))
        return self.url_of(name)

    def drop(self, name: str) -> None:
        # FORCE ends connections a killed bot process or a leaked pool may still hold.
        with self._admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def drop_leftovers(self) -> None:
        """Drop databases of earlier runs that died before cleaning up (their pid is gone)."""
        with self._admin.connect() as conn:
            names = conn.execute(text("SELECT datname FROM pg_database WHERE datname LIKE :pattern"),
                                 {"pattern": f"{NAME_PREFIX}\\_%"}).scalars().all()
        for name in names:
            pid = name.split("_")[1]
            if pid.isdigit() and not _alive(int(pid)):
                self.drop(name)

    def close(self) -> None:
        self._admin.dispose()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def describe_variant() -> str:
    database = "PostgreSQL (TEST_DATABASE_URL)" if TEST_DATABASE_URL else "SQLite"
    fsm = "Redis (TEST_REDIS_URL)" if TEST_REDIS_URL else "database"
    return f"sales-coach test variant: database {database}, FSM storage and event isolation in {fsm}"
