from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import User
from db.upsert import insert_for


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

    async def upsert(self, profile: TelegramProfile) -> User:
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
        user = await self.session.get(User, profile.id, populate_existing=True)
        assert user is not None
        return user

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
