"""Persist before speaking: commit the update's database work before each outgoing Bot API call.

If the process dies right after the user saw a reply, the state that reply describes must already be on
disk; otherwise a restarted bot would treat the user's next tap as stale.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.methods import GetUpdates, SendChatAction

from db.session_context import current_session

if TYPE_CHECKING:
    from aiogram import Bot
    from aiogram.methods import Response, TelegramMethod


class CommitBeforeSendMiddleware(BaseRequestMiddleware):
    async def __call__(
        self, make_request: NextRequestMiddlewareType[Any], bot: Bot, method: TelegramMethod[Any]
    ) -> Response[Any]:
        session = current_session.get()
        # Chat actions come from ChatActionSender's own task, concurrently with the handler that owns the
        # session; they promise nothing to persist, and committing from there would race the handler.
        if (session is not None and not isinstance(method, GetUpdates | SendChatAction)
                and session.in_transaction()):
            await session.commit()
        return await make_request(bot, method)
