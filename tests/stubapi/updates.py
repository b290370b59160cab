"""The pending-updates queue behind getUpdates, with Telegram's confirmation and long-poll rules.

An update stays queued until a getUpdates call arrives with an `offset` above its id; being returned does not
confirm it. So a bot killed before its next getUpdates gets the same updates again after a restart, exactly as
with Telegram. A newer getUpdates terminates an older one still waiting (409 Conflict, as Telegram does).
"""

from __future__ import annotations

import asyncio
from typing import Any

from .errors import POLL_CONFLICT, ApiError

# Telegram's default when allowed_updates is empty or was never given.
DEFAULT_ALLOWED = frozenset(
    {
        "message", "edited_message", "channel_post", "edited_channel_post", "business_connection",
        "business_message", "edited_business_message", "deleted_business_messages", "inline_query",
        "chosen_inline_result", "callback_query", "shipping_query", "pre_checkout_query", "purchased_paid_media",
        "poll", "poll_answer", "my_chat_member", "chat_join_request", "chat_boost", "removed_chat_boost",
    }
)


def update_type(update: dict[str, Any]) -> str:
    return next((key for key in update if key != "update_id"), "")


class UpdateQueue:
    def __init__(self, first_update_id: int = 700_000_001) -> None:
        self._pending: list[dict[str, Any]] = []
        self._next_id = first_update_id
        self._arrived = asyncio.Event()
        self._poll_generation = 0
        self._closing = False
        self.allowed: frozenset[str] = DEFAULT_ALLOWED
        self.delivered: list[dict[str, Any]] = []

    @property
    def pending(self) -> list[dict[str, Any]]:
        return list(self._pending)

    def push(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Queue an update; an explicit `update_id` in the payload is kept (for forged duplicates)."""
        update = dict(payload)
        if "update_id" not in update:
            update = {"update_id": self._next_id, **update}
        self._next_id = max(self._next_id, int(update["update_id"])) + 1
        self._pending.append(update)
        self._wake()
        return update

    def drop_all(self) -> None:
        self._pending.clear()

    def deliverable(self) -> list[dict[str, Any]]:
        """Pending updates of the types the bot asked for, oldest first (what a webhook pushes next)."""
        return self._ready(len(self._pending))

    def take(self, update_id: int) -> None:
        """A webhook delivery the bot acknowledged: the update leaves the queue for good."""
        taken = [u for u in self._pending if u["update_id"] == update_id]
        self._pending = [u for u in self._pending if u["update_id"] != update_id]
        self.delivered.extend(taken)

    @property
    def arrival(self) -> asyncio.Event:
        """Set when the next update is queued (or the queue closes)."""
        return self._arrived

    def close(self) -> None:
        self._closing = True
        self._wake()

    def _wake(self) -> None:
        self._arrived.set()
        self._arrived = asyncio.Event()

    def confirm(self, offset: int) -> None:
        if offset > 0:
            self._pending = [u for u in self._pending if u["update_id"] >= offset]
        elif offset < 0:
            self._pending = self._pending[offset:]

    def set_allowed(self, allowed: list[str] | None) -> None:
        if allowed is None:
            return
        self.allowed = frozenset(allowed) if allowed else DEFAULT_ALLOWED

    def _ready(self, limit: int) -> list[dict[str, Any]]:
        # Updates of types the bot did not ask for are never delivered; Telegram does not even keep them.
        self._pending = [u for u in self._pending if update_type(u) in self.allowed]
        return self._pending[:limit]

    async def poll(self, offset: int | None, limit: int, timeout: float, allowed: list[str] | None) -> list[dict]:
        self._poll_generation += 1
        generation = self._poll_generation
        self._wake()  # an older poll still waiting must notice it was superseded
        if offset is not None:
            self.confirm(offset)
        self.set_allowed(allowed)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + max(timeout, 0)
        while True:
            if generation != self._poll_generation:
                raise ApiError(409, POLL_CONFLICT)
            ready = self._ready(limit)
            remaining = deadline - loop.time()
            if ready or remaining <= 0 or self._closing:
                self.delivered.extend(ready)
                return ready
            arrived = self._arrived
            try:
                await asyncio.wait_for(arrived.wait(), remaining)
            except TimeoutError:
                pass
