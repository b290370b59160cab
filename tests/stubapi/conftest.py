"""Fixtures for the stub's own tests: a started stub and a real aiogram Bot pointed at it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer

from tests.stubapi import StubBotApi


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[Any]:
    report = yield
    stub = getattr(item, "_stub", None)
    if report.failed and stub is not None:
        report.sections.append(("stub Bot API transcript", stub.transcript()))
    return report


def make_bot(stub: StubBotApi, token: str | None = None) -> Bot:
    session = AiohttpSession(api=TelegramAPIServer.from_base(stub.base_url))
    return Bot(token or stub.token, session=session, default=DefaultBotProperties(parse_mode="HTML"))


@pytest.fixture
async def stub(request: pytest.FixtureRequest) -> AsyncIterator[StubBotApi]:
    async with StubBotApi() as server:
        request.node._stub = server
        yield server


@pytest.fixture
async def bot(stub: StubBotApi) -> AsyncIterator[Bot]:
    bot = make_bot(stub)
    yield bot
    await bot.session.close()
