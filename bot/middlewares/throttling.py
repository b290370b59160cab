"""Per-user flood protection: a user hammering the bot gets one hint, not hundreds of replies."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import CallbackQuery, Message, TelegramObject

from services.texts import t

MAX_TRACKED_USERS = 10_000


@dataclass
class _Bucket:
    tokens: float
    updated: float
    warned: bool = False


class ThrottlingMiddleware(BaseMiddleware):
    """A token bucket per user: `rate` updates a second on average, bursts up to `burst`."""

    def __init__(
        self, rate: float = 3.0, burst: int = 8, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.rate = rate
        self.burst = burst
        self.clock = clock
        self.buckets: dict[int, _Bucket] = {}

    def allow(self, user_id: int) -> tuple[bool, bool]:
        """Return (allowed, should_warn)."""
        now = self.clock()
        if len(self.buckets) > MAX_TRACKED_USERS:
            self._forget_idle(now)
        bucket = self.buckets.get(user_id)
        if bucket is None:
            bucket = self.buckets[user_id] = _Bucket(tokens=float(self.burst), updated=now)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.updated) * self.rate)
        bucket.updated = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            bucket.warned = False
            return True, False
        should_warn = not bucket.warned
        bucket.warned = True
        return False, should_warn

    def _forget_idle(self, now: float) -> None:
        """A bucket that has refilled completely carries no information; drop it to bound memory."""
        full_after = self.burst / self.rate
        for user_id in [u for u, b in self.buckets.items() if now - b.updated >= full_after]:
            del self.buckets[user_id]

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        user = data.get("event_from_user")
        if user is None:
            return await handler(event, data)
        allowed, warn = self.allow(user.id)
        if allowed:
            return await handler(event, data)
        if isinstance(event, CallbackQuery):
            await event.answer(t("slow-down") if warn else None)
        elif isinstance(event, Message) and warn:
            await event.answer(t("slow-down"))
        return None
