"""Editing a flow's message in place, tolerant of Telegram's harmless refusals."""

from __future__ import annotations

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import InlineKeyboardMarkup, Message


async def edit_in_place(message: Message, text: str, markup: InlineKeyboardMarkup | None) -> Message | None:
    """Edit in place; None when the message can no longer be edited (the caller sends a new one)."""
    try:
        edited = await message.edit_text(text, reply_markup=markup)
    except TelegramBadRequest as exc:
        if "message is not modified" in exc.message:
            return message
        if "message to edit not found" in exc.message or "can't be edited" in exc.message:
            return None
        raise
    return edited if isinstance(edited, Message) else message
