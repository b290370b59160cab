"""Outgoing requests survive Telegram's flood control (429) and short outages (network errors, 5xx).

A 5xx from Telegram's front (nginx) comes as a plain-text or HTML page, not JSON: aiogram then raises
`ClientDecodeError` ("Failed to decode object") instead of `TelegramServerError`. Such a body is never a real
Bot API answer, so it is retried like any 5xx. A body that *is* JSON but does not fit the method's result type
("Failed to deserialize object") is a bug, not an outage, and is not retried.
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import TYPE_CHECKING, Any

from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import ClientDecodeError, TelegramNetworkError, TelegramRetryAfter, TelegramServerError
from aiogram.methods import GetUpdates
from pydantic import ValidationError

if TYPE_CHECKING:
    from aiogram import Bot
    from aiogram.methods import Response, TelegramMethod

logger = logging.getLogger(__name__)


def is_transient(exc: BaseException) -> bool:
    """A failure worth another try with backoff: the network, a 5xx, or a 5xx page that is not JSON."""
    if isinstance(exc, TelegramNetworkError | TelegramServerError):
        return True
    return isinstance(exc, ClientDecodeError) and is_gateway_page(exc)


def is_gateway_page(exc: ClientDecodeError) -> bool:
    # aiogram keeps the raw body (a str) when it could not parse it as JSON, and the parsed JSON when the
    # JSON did not validate; only the first is a front-end error page.
    return isinstance(exc.data, str) and not isinstance(exc.original, ValidationError)


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
            except (TelegramNetworkError, TelegramServerError, ClientDecodeError) as exc:
                if attempt >= self.max_attempts or not is_transient(exc):
                    raise
                delay = min(self.max_delay, self.base_delay * 2 ** (attempt - 1))
                logger.warning("Transient error on %s: %s; retrying in %.1f s (attempt %d)",
                               type(method).__name__, _describe(exc), delay, attempt)
            await asyncio.sleep(delay)
            attempt += 1


_TITLE = re.compile(r"<title>([^<]{1,80})</title>", re.IGNORECASE)


def _describe(exc: Exception) -> str:
    if isinstance(exc, ClientDecodeError):
        # The page's title ("502 Bad Gateway") or first line tells what it was; the body never holds the token.
        body = str(exc.data).strip()
        title = _TITLE.search(body)
        summary = title.group(1) if title else (body.splitlines() or ["empty body"])[0][:80]
        return f"ClientDecodeError (not JSON: {summary!r})"
    return type(exc).__name__
