"""Fixtures shared by all layers: a migrated database of the test's own, and the FSM storage to use.

The engine is chosen by the environment (see tests/databases.py): SQLite files by default, PostgreSQL when
TEST_DATABASE_URL names a server, Redis for the FSM when TEST_REDIS_URL is set.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage
from sqlalchemy.ext.asyncio import async_sessionmaker

from bot.app import build_fsm
from bot.migrations import upgrade
from bot.settings import Settings
from db.engine import create_engine, create_session_factory
from tests.databases import TEST_DATABASE_URL, TEST_REDIS_URL, PostgresServer, describe_variant, unique_name

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"

SOME_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0"
FsmFactory = Callable[[async_sessionmaker], tuple[BaseStorage, BaseEventIsolation]]


def pytest_report_header(config: pytest.Config) -> str:
    return describe_variant()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer | None]:
    if not TEST_DATABASE_URL:
        yield None
        return
    server = PostgresServer(TEST_DATABASE_URL)
    server.drop_leftovers()
    yield server
    server.close()


@pytest.fixture(scope="session")
def postgres_template(postgres_server: PostgresServer | None) -> Iterator[str | None]:
    """A database migrated once per run; each test's database is a copy of it (much faster than migrating)."""
    if postgres_server is None:
        yield None
        return
    name = unique_name()
    upgrade(postgres_server.create(name))
    yield name
    postgres_server.drop(name)


@pytest.fixture
def empty_database_url(tmp_path: Path, postgres_server: PostgresServer | None) -> Iterator[str]:
    """A database that exists but has no tables yet (a SQLite path whose file is created on first use)."""
    if postgres_server is None:
        yield f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
        return
    name = unique_name()
    yield postgres_server.create(name)
    postgres_server.drop(name)


@pytest.fixture
def database_url(tmp_path: Path, postgres_server: PostgresServer | None,
                 postgres_template: str | None) -> Iterator[str]:
    """A database migrated to head, the test's own."""
    if postgres_server is None:
        url = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
        upgrade(url)
        yield url
        return
    name = unique_name()
    yield postgres_server.create(name, template=postgres_template)
    postgres_server.drop(name)


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator:
    engine = create_engine(database_url)
    yield engine
    await engine.dispose()


@pytest.fixture
def session_factory(engine):  # type: ignore[no-untyped-def]
    return create_session_factory(engine)


@pytest.fixture
async def redis_prefix() -> AsyncIterator[str | None]:
    """The test's own Redis key prefix (None without TEST_REDIS_URL); its keys are deleted after the test."""
    if not TEST_REDIS_URL:
        yield None
        return
    from redis.asyncio import Redis

    prefix = unique_name()
    yield prefix
    redis = Redis.from_url(TEST_REDIS_URL)
    try:
        keys = [key async for key in redis.scan_iter(match=f"{prefix}:*", count=500)]
        if keys:
            await redis.delete(*keys)
    finally:
        await redis.aclose()


@pytest.fixture
async def fsm_factory(redis_prefix: str | None) -> AsyncIterator[FsmFactory]:
    """Makes the FSM storage and event isolation a new bot process would have (closed after the test)."""
    made: list[tuple[BaseStorage, BaseEventIsolation]] = []

    # The bot's own choice (bot.app.build_fsm), fed the settings a deployment of this variant would have.
    settings = Settings(bot_token=SOME_TOKEN, redis_url=TEST_REDIS_URL or None,  # type: ignore[arg-type]
                        redis_prefix=redis_prefix or "fsm")

    def make(session_factory: async_sessionmaker) -> tuple[BaseStorage, BaseEventIsolation]:
        pair = build_fsm(settings, session_factory)
        made.append(pair)
        return pair

    yield make
    for storage, isolation in made:
        await isolation.close()
        await storage.close()
