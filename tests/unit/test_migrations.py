"""Schema only through migrations: they run both ways and match the models exactly, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import subprocess
import sys

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from bot.migrations import downgrade, upgrade
from db.base import Base
from db.engine import create_engine
from tests.conftest import REPO_ROOT
from tests.databases import is_postgres, query


def _schema_diff(url: str) -> list:  # type: ignore[type-arg]
    async def run() -> list:  # type: ignore[type-arg]
        engine = create_engine(url)
        async with engine.connect() as conn:
            diff = await conn.run_sync(
                lambda sync: compare_metadata(MigrationContext.configure(sync), Base.metadata)
            )
        await engine.dispose()
        return diff

    return asyncio.run(run())


def _tables(url: str) -> set[str]:
    async def run() -> set[str]:
        engine = create_engine(url)
        async with engine.connect() as conn:
            names = await conn.run_sync(lambda sync: set(inspect(sync).get_table_names()))
        await engine.dispose()
        return names

    return asyncio.run(run())


def _round_trip(url: str) -> None:
    upgrade(url)
    assert {"users", "fsm_records", "attempts", "teams", "scheduled_notifications"} <= _tables(url)
    assert _schema_diff(url) == []
    downgrade(url, "base")
    assert _tables(url) <= {"alembic_version"}
    upgrade(url)
    assert _schema_diff(url) == []


def test_sqlite_upgrade_downgrade_upgrade_and_models_match(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # A nested folder that does not exist yet: a fresh checkout's data/ folder is created on demand.
    _round_trip(f"sqlite+aiosqlite:///{tmp_path / 'nested' / 'bot.db'}")


def test_variant_database_upgrade_downgrade_upgrade(empty_database_url: str) -> None:
    """The engine the suite runs on (PostgreSQL with TEST_DATABASE_URL): the same round trip, the same schema."""
    if not is_postgres(empty_database_url):
        pytest.skip("the SQLite round trip is the test above; set TEST_DATABASE_URL for PostgreSQL")
    _round_trip(empty_database_url)


def test_processes_starting_together_migrate_once(empty_database_url: str) -> None:
    """Every bot process migrates on start; on PostgreSQL several start at once behind one balancer."""
    if not is_postgres(empty_database_url):
        pytest.skip("one SQLite file serves one process")
    code = "import sys; from bot.migrations import upgrade; upgrade(sys.argv[1])"
    starts = [subprocess.Popen([sys.executable, "-c", code, empty_database_url], cwd=REPO_ROOT,
                               stderr=subprocess.PIPE, text=True) for _ in range(3)]
    for process in starts:
        _, errors = process.communicate(timeout=120)
        assert process.returncode == 0, errors
    assert _schema_diff(empty_database_url) == []
    assert len(query(empty_database_url, "select version_num from alembic_version")) == 1
