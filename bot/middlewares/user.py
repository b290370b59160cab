"""Keeps the users table in step with Telegram (name, username, language).

Every update needs the user's row to exist (attempts, teams and interviews refer to it), but the profile rarely
changes. So the upsert runs when this process has not seen the user, when his Telegram profile differs from
what it stored, or once the memory of it is older than `TTL_SECONDS` (the upsert also clears a «blocked» mark
the scheduler may have set in another process). What is remembered comes from committed upserts only.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject
from aiogram.types import User as TelegramUser
from sqlalchemy import event

from db.repositories.users import TelegramProfile, UserRepository, on_user_changed

TTL_SECONDS = 300.0
KNOWN_LIMIT = 100_000
UPSERTED = "users_upserted"  # session.info: profiles upserted in this transaction, remembered at commit


class UserMiddleware(BaseMiddleware):
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._known: OrderedDict[int, tuple[TelegramProfile, float]] = OrderedDict()
        on_user_changed(self.forget)

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event_: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        tg_user: TelegramUser | None = data.get("event_from_user")
        if tg_user is not None and not tg_user.is_bot:
            profile = TelegramProfile(id=tg_user.id, first_name=tg_user.first_name, last_name=tg_user.last_name,
                                      username=tg_user.username, language_code=tg_user.language_code)
            if not self._fresh(profile):
                session = data["session"]
                await UserRepository(session).upsert(profile)
                self._remember_on_commit(session, profile)
        return await handler(event_, data)

    def forget(self, user_id: int) -> None:
        """The row changed behind our back (the scheduler marked the user blocked): upsert on his next update."""
        self._known.pop(user_id, None)

    def _fresh(self, profile: TelegramProfile) -> bool:
        known = self._known.get(profile.id)
        return known is not None and known[0] == profile and self.clock() - known[1] < TTL_SECONDS

    def _remember_on_commit(self, session: Any, profile: TelegramProfile) -> None:
        if UPSERTED not in session.info:
            session.info[UPSERTED] = []
            event.listen(session.sync_session, "after_commit", self._on_commit)
            event.listen(session.sync_session, "after_rollback", _forget_pending)
        session.info[UPSERTED].append(profile)

    def _on_commit(self, sync_session: Any) -> None:
        now = self.clock()
        for profile in sync_session.info.pop(UPSERTED, []):
            self._known[profile.id] = (profile, now)
            self._known.move_to_end(profile.id)
        while len(self._known) > KNOWN_LIMIT:
            self._known.popitem(last=False)
        sync_session.info[UPSERTED] = []


def _forget_pending(sync_session: Any) -> None:
    sync_session.info[UPSERTED] = []
