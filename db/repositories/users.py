from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import User
from db.upsert import insert_for

# In-process listeners told when a user's row changed outside the chat (the scheduler marked him blocked), so a
# cache of rows this process keeps (bot/middlewares/user.py) forgets him.
_change_listeners: list[Callable[[int], None]] = []


def on_user_changed(listener: Callable[[int], None]) -> None:
    _change_listeners.append(listener)


def users_changed(user_id: int) -> None:
    for listener in list(_change_listeners):
        listener(user_id)


@dataclass(frozen=True)
class TelegramProfile:
    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None


class UserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def upsert(self, profile: TelegramProfile) -> None:
        """Create or refresh a user from Telegram data; a user who writes again is no longer blocked."""
        values = {
            "id": profile.id,
            "first_name": profile.first_name,
            "last_name": profile.last_name,
            "username": profile.username,
            "language_code": profile.language_code,
        }
        stmt = insert_for(self.session, User.__table__).values(**values)
        stmt = stmt.on_conflict_do_update(
            index_elements=[User.__table__.c.id],
            set_={**{k: v for k, v in values.items() if k != "id"}, "blocked_at": None},
        )
        await self.session.execute(stmt)

    async def get(self, user_id: int) -> User | None:
        return await self.session.get(User, user_id)

    async def update_profile(
        self, user_id: int, *, full_name: str | None = None, role: str | None = None,
        company: str | None = None,
    ) -> None:
        values = {k: v for k, v in {"full_name": full_name, "role": role, "company": company}.items()
                  if v is not None}
        if values:
            await self.session.execute(update(User).where(User.id == user_id).values(**values))

    async def count(self) -> int:
        result = await self.session.execute(select(User.id))
        return len(result.all())
