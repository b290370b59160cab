"""Per-update services: built from the update's database session and what was built once at start-up."""

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
        data.update(build_services(data["session"], self.deps))
        return await handler(event, data)
