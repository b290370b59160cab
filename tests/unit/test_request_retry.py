"""The retry middleware against aiogram's real request pipeline, with a session that fails on purpose."""

from __future__ import annotations

from typing import Any

import pytest
from aiogram import Bot
from aiogram.client.session.base import BaseSession
from aiogram.exceptions import TelegramRetryAfter, TelegramServerError
from aiogram.methods import SendMessage, TelegramMethod
from aiogram.methods.base import Response

from bot.request_retry import RetryRequestMiddleware

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0"


class FlakySession(BaseSession):
    """Fails the first `failures` calls in the given way, then succeeds."""

    def __init__(self, failures: list[str]) -> None:
        super().__init__()
        self.failures = failures
        self.calls = 0
        self.middleware(RetryRequestMiddleware(base_delay=0.01))

    async def close(self) -> None:
        return None

    async def stream_content(self, *args: Any, **kwargs: Any):  # type: ignore[no-untyped-def]
        yield b""

    async def make_request(self, bot: Bot, method: TelegramMethod[Any], timeout: int | None = None) -> Any:
        self.calls += 1
        if self.failures:
            kind = self.failures.pop(0)
            if kind == "429":
                raise TelegramRetryAfter(method=method, message="Too Many Requests: retry after 0",
                                         retry_after=0)
            raise TelegramServerError(method=method, message="Internal Server Error")
        return True

    def check_response(self, *args: Any, **kwargs: Any) -> Response[Any]:  # pragma: no cover
        raise AssertionError


@pytest.mark.parametrize("failures", [["429"], ["500", "500"], ["429", "500", "429"]])
async def test_transient_failures_are_retried(failures: list[str]) -> None:
    session = FlakySession(list(failures))
    bot = Bot(TOKEN, session=session)
    assert await bot(SendMessage(chat_id=1, text="hi")) is True
    assert session.calls == len(failures) + 1


async def test_gives_up_after_bounded_attempts() -> None:
    session = FlakySession(["500"] * 10)
    bot = Bot(TOKEN, session=session)
    with pytest.raises(TelegramServerError):
        await bot(SendMessage(chat_id=1, text="hi"))
    assert session.calls == 5
