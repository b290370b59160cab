"""Outgoing requests survive Telegram's flood control (429) and short outages (network errors, 5xx)."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import TelegramNetworkError, TelegramRetryAfter, TelegramServerError
from aiogram.methods import GetUpdates

if TYPE_CHECKING:
    from aiogram import Bot
    from aiogram.methods import Response, TelegramMethod

logger = logging.getLogger(__name__)


class RetryRequestMiddleware(BaseRequestMiddleware):
    def __init__(
        self,
        *,
        max_attempts: int = 5,
        max_flood_wait: float = 60.0,
        base_delay: float = 0.5,
        max_delay: float = 8.0,
    ) -> None:
        self.max_attempts = max_attempts
        self.max_flood_wait = max_flood_wait
        self.base_delay = base_delay
        self.max_delay = max_delay

    async def __call__(
        self, make_request: NextRequestMiddlewareType[Any], bot: Bot, method: TelegramMethod[Any]
    ) -> Response[Any]:
        # Polling has its own backoff in the dispatcher; retrying it here would only delay shutdown.
        if isinstance(method, GetUpdates):
            return await make_request(bot, method)
        attempt = 1
        while True:
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as exc:
                if attempt >= self.max_attempts or exc.retry_after > self.max_flood_wait:
                    raise
                delay = float(exc.retry_after)
                logger.warning("Flood control on %s: waiting %.1f s (attempt %d)",
                               type(method).__name__, delay, attempt)
            except (TelegramNetworkError, TelegramServerError) as exc:
                if attempt >= self.max_attempts:
                    raise
                delay = min(self.max_delay, self.base_delay * 2 ** (attempt - 1))
                logger.warning("Transient error on %s: %s; retrying in %.1f s (attempt %d)",
                               type(method).__name__, type(exc).__name__, delay, attempt)
            await asyncio.sleep(delay)
            attempt += 1
