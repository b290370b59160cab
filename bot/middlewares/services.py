"""Per-update services: built from the update's database session and what was built once at start-up.

An inner middleware: it runs once the handler is chosen, so it builds only the services that handler's
parameters ask for (aiogram hands a handler only the arguments it declares).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject

from services.wiring import AppDeps, build_services


class ServicesMiddleware(BaseMiddleware):
    def __init__(self, deps: AppDeps) -> None:
        self.deps = deps

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        chosen = data.get("handler")
        wanted = None if chosen is None or getattr(chosen, "varkw", True) else chosen.params
        data.update(build_services(data["session"], self.deps, wanted))
        return await handler(event, data)
