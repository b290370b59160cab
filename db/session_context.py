"""The database session of the update being handled, for code that aiogram calls without our arguments.

The FSM storage uses it so that a flow's state is written in the same transaction as the answers of that
step: SQLite allows one writer, and a step must not be half-saved (answer without state or the reverse).
"""

from __future__ import annotations

from contextvars import ContextVar

from sqlalchemy.ext.asyncio import AsyncSession

current_session: ContextVar[AsyncSession | None] = ContextVar("current_session", default=None)
