"""Schema only through migrations: they run both ways and match the models exactly."""

from __future__ import annotations

import asyncio

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from bot.migrations import downgrade, upgrade
from db.base import Base
from db.engine import create_engine


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


def test_upgrade_downgrade_upgrade_and_models_match(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite+aiosqlite:///{tmp_path / 'nested' / 'bot.db'}"
    upgrade(url)
    assert {"users", "fsm_records"} <= _tables(url)
    assert _schema_diff(url) == []
    downgrade(url, "base")
    assert _tables(url) <= {"alembic_version"}
    upgrade(url)
    assert _schema_diff(url) == []
