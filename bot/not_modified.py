"""Telegram's «message is not modified» answer to an edit is a success: the message already shows that.

It happens whenever a screen is rendered again unchanged — a double tap, an update delivered twice, a flow resumed
after a restart. Handled once here, for every edit method, so no handler needs a branch for it; the screen layer
also avoids sending such edits, this catches the rest (a message whose current content the bot doesn't know).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import TelegramBadRequest

if TYPE_CHECKING:
    from aiogram import Bot
    from aiogram.methods import Response, TelegramMethod

logger = logging.getLogger(__name__)
NOT_MODIFIED = "message is not modified"


def is_edit(method: TelegramMethod[Any]) -> bool:
    """editMessageText, editMessageCaption, editMessageMedia, editMessageReplyMarkup, … (not deleteMessage)."""
    return method.__api_method__.startswith("editMessage")


class NotModifiedIsSuccessMiddleware(BaseRequestMiddleware):
    async def __call__(
        self, make_request: NextRequestMiddlewareType[Any], bot: Bot, method: TelegramMethod[Any]
    ) -> Response[Any]:
        try:
            return await make_request(bot, method)
        except TelegramBadRequest as exc:
            if not (is_edit(method) and NOT_MODIFIED in exc.message):
                raise
            logger.debug("%s changed nothing: taken as done", method.__api_method__)
            # Edit methods return Message | bool; True is what Telegram itself answers for inline messages.
            return True  # type: ignore[return-value]  # the chain returns the method's result itself
