"""Per-update services: built from the update's database session and what was built once at start-up.

An inner middleware: it runs once the handler is chosen, so it builds only the services that handler's
parameters ask for (aiogram hands a handler only the arguments it declares).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any

from aiogram import BaseMiddleware, Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import TelegramObject

from services.wiring import AppDeps, build_services

logger = logging.getLogger(__name__)


class ServicesMiddleware(BaseMiddleware):
    def __init__(self, deps: AppDeps) -> None:
        self.deps = deps

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        if not self.deps.bot_username:
            self.deps = replace(self.deps, bot_username=await _username(data["bot"]))
        chosen = data.get("handler")
        wanted = None if chosen is None or getattr(chosen, "varkw", True) else chosen.params
        data.update(build_services(data["session"], self.deps, wanted))
        return await handler(event, data)


async def _username(bot: Bot) -> str:
    """The bot's @name; aiogram keeps getMe's answer, so Telegram is asked once. "" when it can't be asked now
    (asked again on the next update): an update is not refused for a name only certificates print."""
    try:
        return (await bot.me()).username or ""
    except TelegramAPIError as exc:  # a network error is one too
        logger.debug("getMe failed: %r", exc)
        return ""
