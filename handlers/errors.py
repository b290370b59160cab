"""Global error handler: log what failed (never the token) and tell the user how to go on."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.types import ErrorEvent

from services.texts import t

logger = logging.getLogger(__name__)


async def on_error(event: ErrorEvent, bot: Bot) -> None:
    update = event.update
    logger.error("Update %s failed: %s", update.update_id, repr(event.exception), exc_info=event.exception)
    try:
        # A callback query is answered by CallbackAnswerMiddleware even on failure, so write to the chat.
        query = update.callback_query
        if query is not None and query.message is not None:
            await bot.send_message(query.message.chat.id, t("error"))
        elif update.message is not None:
            await update.message.answer(t("error"))
    except Exception as exc:  # the user may have blocked the bot; the log above is what matters
        logger.warning("Could not report the error to the user: %r", exc)
