"""Start-up calls to the Bot API that must not take the process down when Telegram has a bad minute.

deleteWebhook (polling) and setWebhook (webhook mode) are what the bot needs before updates can flow: they are
retried for `STARTUP_PATIENCE` seconds, then the bot starts anyway and keeps retrying them in the background.
setMyCommands only fills the command menu: it is tried once (the request middleware already retries a 5xx a few
times) and otherwise left to the background. Each step says in the log what happened.

Only transient failures (network, 429, 5xx, a 5xx page that is not JSON) are waited out; any other refusal
(a wrong token, an invalid command) is a configuration or code error and stays fatal for the essential calls.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.exceptions import TelegramAPIError, TelegramRetryAfter

from bot.commands import bot_commands
from bot.request_retry import is_transient

logger = logging.getLogger(__name__)

STARTUP_PATIENCE = 30.0  # seconds an essential start-up call is retried before the bot starts without it
FIRST_PAUSE = 1.0  # between start-up attempts (each attempt already retries inside the request middleware)
BACKGROUND_FIRST_DELAY = 5.0
BACKGROUND_MAX_DELAY = 300.0
_KEY = "background_calls"

Call = Callable[[], Awaitable[Any]]


def waitable(exc: BaseException) -> bool:
    """Worth trying again later: Telegram or the network is having a bad moment, the request itself is fine."""
    return isinstance(exc, TelegramRetryAfter) or is_transient(exc)


class BackgroundCalls:
    """Start-up calls that did not go through, retried with growing pauses until they do or the bot stops."""

    def __init__(self, first_delay: float = BACKGROUND_FIRST_DELAY, max_delay: float = BACKGROUND_MAX_DELAY) -> None:
        self.first_delay = first_delay
        self.max_delay = max_delay
        self._tasks: set[asyncio.Task[None]] = set()

    @classmethod
    def of(cls, dispatcher: Dispatcher) -> BackgroundCalls:
        """The one instance of a dispatcher (kept in its workflow data, so start-up and shutdown share it)."""
        calls = dispatcher.workflow_data.get(_KEY)
        if not isinstance(calls, BackgroundCalls):
            calls = cls()
            dispatcher.workflow_data[_KEY] = calls
        return calls

    @property
    def pending(self) -> int:
        return len(self._tasks)

    def retry(self, call: Call, what: str) -> None:
        task = asyncio.create_task(self._retry(call, what), name=f"startup-retry: {what}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _retry(self, call: Call, what: str) -> None:
        delay = self.first_delay
        attempt = 1
        while True:
            await asyncio.sleep(delay)
            attempt += 1
            try:
                await call()
            except Exception as exc:
                if not waitable(exc):
                    logger.error("%s refused (%s); not retrying: %s", what, type(exc).__name__, exc)
                    return
                delay = min(self.max_delay, delay * 2)
                logger.warning("%s failed again (attempt %d, %s); next try in %.0f s",
                               what, attempt, type(exc).__name__, delay)
            else:
                logger.info("%s done in the background (attempt %d)", what, attempt)
                return

    async def stop(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)


async def essential(call: Call, what: str, background: BackgroundCalls,
                    patience: float = STARTUP_PATIENCE) -> bool:
    """Run a call the bot needs at start-up; wait out transient failures for `patience` seconds, then go on
    without it (it is retried in the background). True when it went through now."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + patience
    pause = FIRST_PAUSE
    while True:
        try:
            await call()
            return True
        except Exception as exc:
            if not waitable(exc):
                raise
            if loop.time() + pause >= deadline:
                logger.warning("%s still failing after %.0f s (%s): starting anyway, retrying in the background",
                               what, patience, type(exc).__name__)
                background.retry(call, what)
                return False
            logger.warning("%s failed at start-up (%s); retrying in %.0f s", what, type(exc).__name__, pause)
        await asyncio.sleep(pause)
        pause = min(pause * 2, 8.0)


async def until_stopped(work: Awaitable[Any], stop: asyncio.Event) -> None:
    """Await `work` unless `stop` is set first (SIGTERM while start-up waits for Telegram): then it is cancelled."""
    task = asyncio.ensure_future(work)
    stopping = asyncio.ensure_future(stop.wait())
    try:
        await asyncio.wait({task, stopping}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopping.cancel()
    if task.done():
        task.result()  # a fatal refusal (a wrong token) still ends the process
        return
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)


async def register_commands(bot: Bot, background: BackgroundCalls) -> bool:
    """The command menu: nice to have, never a reason not to start. True when registered now."""

    async def call() -> None:
        await bot.set_my_commands(bot_commands())

    try:
        await call()
    except Exception as exc:
        if waitable(exc):
            logger.warning("Commands not registered yet (%s): starting without them, retrying in the background",
                           type(exc).__name__)
            background.retry(call, "setMyCommands")
            return False
        if isinstance(exc, TelegramAPIError):  # an invalid command: a bug to fix, not a reason to stay down
            logger.error("Commands not registered: Telegram refused them (%s)", exc)
            return False
        raise
    logger.info("Commands registered")
    return True
