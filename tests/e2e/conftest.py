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
    """Where one test's bot lives: its working directory (log, SQLite file) and database URL."""

    workdir: Path
    database_url: str


@pytest.fixture
async def stub(request: pytest.FixtureRequest) -> AsyncIterator[StubBotApi]:
    async with StubBotApi() as server:
        request.node._stub = server
        yield server


@pytest.fixture
def bot_env(tmp_path: Path) -> BotEnv:
    workdir = tmp_path / "bot"
    workdir.mkdir()
    return BotEnv(workdir=workdir, database_url=f"sqlite+aiosqlite:///{workdir / 'bot.db'}")


@pytest.fixture
async def bot_factory(
    request: pytest.FixtureRequest, stub: StubBotApi, bot_env: BotEnv
) -> AsyncIterator[Callable[..., BotProcess]]:
    """Make more bot processes (same stub and, unless overridden, same workdir and DB); all stop after the test."""
    processes: list[BotProcess] = []
    request.node._bot_processes = processes

    def make(**kwargs: Any) -> BotProcess:
        kwargs.setdefault("database_url", bot_env.database_url)
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
