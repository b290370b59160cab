"""End-to-end fixtures: a stub Bot API server and the real bot process polling it.

Every test in this folder is marked `e2e`. When one fails, its report gets the tail of each bot process log
and the stub's transcript (the chat as the user saw it plus the latest API calls).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.databases import TEST_REDIS_URL
from tests.e2e.harness import BotProcess
from tests.stubapi import StubBotApi

E2E_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if E2E_DIR in item.path.resolve().parents:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[Any]:
    report = yield
    if report.failed:
        for process in getattr(item, "_bot_processes", []):
            report.sections.append((f"bot process log ({process.log_path})", process.log_tail()))
        stub = getattr(item, "_stub", None)
        if stub is not None:
            report.sections.append(("stub Bot API transcript", stub.transcript()))
    return report


@dataclass(frozen=True)
class BotEnv:
    """Where one test's bot lives: its working directory (log, SQLite file), database and Redis namespace."""

    workdir: Path
    database_url: str
    redis_prefix: str | None = None

    def fsm_env(self) -> dict[str, str]:
        """REDIS_URL and REDIS_PREFIX for the Redis variant of the suite; nothing (the database FSM) otherwise."""
        if self.redis_prefix is None:
            return {}
        return {"REDIS_URL": TEST_REDIS_URL, "REDIS_PREFIX": self.redis_prefix}


@pytest.fixture
async def stub(request: pytest.FixtureRequest) -> AsyncIterator[StubBotApi]:
    async with StubBotApi() as server:
        request.node._stub = server
        yield server


@pytest.fixture
def bot_env(tmp_path: Path, empty_database_url: str, redis_prefix: str | None) -> BotEnv:
    """The bot migrates its database itself on start, as in production; the suite's variant picks the engine."""
    workdir = tmp_path / "bot"
    workdir.mkdir()
    return BotEnv(workdir=workdir, database_url=empty_database_url, redis_prefix=redis_prefix)


@pytest.fixture
async def bot_factory(
    request: pytest.FixtureRequest, stub: StubBotApi, bot_env: BotEnv
) -> AsyncIterator[Callable[..., BotProcess]]:
    """Make more bot processes (same stub and, unless overridden, same workdir and DB); all stop after the test."""
    processes: list[BotProcess] = []
    request.node._bot_processes = processes

    def make(**kwargs: Any) -> BotProcess:
        kwargs.setdefault("database_url", bot_env.database_url)
        kwargs["extra_env"] = {**bot_env.fsm_env(), **(kwargs.get("extra_env") or {})}
        process = BotProcess(stub, kwargs.pop("workdir", bot_env.workdir), **kwargs)
        processes.append(process)
        return process

    yield make
    for process in processes:
        await process.terminate()


@pytest.fixture
async def bot_process(bot_factory: Callable[..., BotProcess]) -> BotProcess:
    """The bot, started and polling the stub; SIGTERM-ed after the test."""
    process = bot_factory()
    await process.start()
    return process
