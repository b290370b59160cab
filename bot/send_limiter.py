"""Spacing of outgoing broadcast messages to stay inside Telegram's limits.

Telegram allows about 30 messages a second overall and one a second to the same chat; above that it answers
429. The limiter hands out send times: never more than `overall` in any one-second window, and each chat's
messages at least `1 / per_chat` seconds apart. A message waiting for its chat's turn does not hold up
messages to other chats.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable

PRUNE_ABOVE = 10_000  # chats remembered before stale entries are dropped
WINDOW = 1.0


class SendLimiter:
    def __init__(self, overall: int = 30, per_chat: float = 1.0, *,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        self.overall = max(1, int(overall))
        self.chat_gap = 1.0 / per_chat
        self.clock = clock
        self.sleep = sleep
        self._recent: deque[float] = deque()  # send times handed out, oldest first, at most `overall`
        self._next_chat: dict[int, float] = {}

    async def wait(self, chat_id: int) -> None:
        """Return when a message to `chat_id` may be sent; the slot is taken by the caller."""
        # Each slot is booked with no await between reading and writing, so concurrent callers never share one.
        now = self.clock()
        chat_at = max(now, self._next_chat.get(chat_id, float("-inf")))
        self._next_chat[chat_id] = chat_at + self.chat_gap
        if chat_at > now:
            await self.sleep(chat_at - now)
        now = self.clock()
        send_at = max(now, self._recent[-1] if self._recent else now)
        if len(self._recent) >= self.overall:
            send_at = max(send_at, self._recent[0] + WINDOW)
        self._recent.append(send_at)
        while len(self._recent) > self.overall:
            self._recent.popleft()
        self._next_chat[chat_id] = max(self._next_chat[chat_id], send_at + self.chat_gap)
        if send_at > now:
            await self.sleep(send_at - now)
        self._prune(send_at)

    def _prune(self, now: float) -> None:
        if len(self._next_chat) > PRUNE_ABOVE:
            self._next_chat = {chat: at for chat, at in self._next_chat.items() if at > now}
