"""The one screen layer: every handler puts its answer on the screen through `Screen`.

A `Screen` is made for each update by `ScreenMiddleware`: it knows the chat, the message the tapped button
sits on (the flow's live message, edited in place) and the callback answer (a toast). It also answers the
refusals services raise (`services.notice.Refusal`), so no handler checks for them.

Telegram's harmless refusals are handled once: «message is not modified» is success for every edit (the Bot's
request middleware, bot/not_modified.py, and an edit that would change nothing is not sent at all); a message
that can no longer be edited is replaced by a new one, and the old copy loses its keyboard so exactly one copy
of a screen has live buttons.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any, Literal

from aiogram import BaseMiddleware, Bot
from aiogram.enums import ChatAction
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardMarkup,
    InputMediaDocument,
    InputMediaPhoto,
    Message,
    TelegramObject,
)
from aiogram.utils.callback_answer import CallbackAnswer

from services.notice import Notice, Refusal

logger = logging.getLogger(__name__)
CALLBACK_TEXT_LIMIT = 200  # Telegram's limit for answerCallbackQuery's text
ALERT_FROM = 60  # longer toasts are shown as an alert the user closes, so they can be read
CANNOT_EDIT = ("message to edit not found", "can't be edited", "there is no text in the message to edit",
               "message can't be edited", "MESSAGE_ID_INVALID")


class Screen:
    def __init__(self, bot: Bot, chat_id: int, message: Message | None = None,
                 callback_answer: CallbackAnswer | None = None) -> None:
        self.bot = bot
        self.chat_id = chat_id
        self.message = message  # the message the tapped button sits on; None for a typed message
        self.callback_answer = callback_answer

    @property
    def from_button(self) -> bool:
        return self.callback_answer is not None

    # ---- text screens ---------------------------------------------------------------------------------

    async def show(self, text: str, markup: InlineKeyboardMarkup | None = None) -> Message:
        """Edit the button's message in place when there is one; otherwise send a new message."""
        if self.message is not None:
            shown = await self.edit(self.message, text, markup)
            if shown is not None:
                return shown
        return await self.send(text, markup)

    async def send(self, text: str, markup: InlineKeyboardMarkup | None = None) -> Message:
        return await self.bot.send_message(self.chat_id, text, reply_markup=markup)

    async def edit(self, message: Message, text: str, markup: InlineKeyboardMarkup | None) -> Message | None:
        """Edit `message`; None when it cannot be edited any more (its keyboard is then taken off)."""
        if message.text is not None and _same_markup(message.reply_markup, markup) and message.html_text == text:
            return message  # nothing would change: don't spend a request on a «not modified» refusal
        try:
            edited = await message.edit_text(text, reply_markup=markup)
        except TelegramBadRequest as exc:
            if any(reason in exc.message for reason in CANNOT_EDIT):
                await self.drop_keyboard(message.message_id)
                return None
            raise
        return edited if isinstance(edited, Message) else message

    async def edit_by_id(self, message_id: int | None, text: str,
                         markup: InlineKeyboardMarkup | None = None) -> bool:
        """Edit a flow's message known by id (a card shown earlier); False when it can no longer be edited."""
        if message_id is None:
            return False
        try:
            # «message is not modified» comes back as True (bot/not_modified.py): the message shows the text.
            await self.bot.edit_message_text(text, chat_id=self.chat_id, message_id=message_id, reply_markup=markup)
        except TelegramBadRequest as exc:
            if any(reason in exc.message for reason in CANNOT_EDIT):
                return False
            raise
        return True

    async def replace(self, old_message_id: int | None, text: str,
                      markup: InlineKeyboardMarkup | None = None) -> Message:
        """Show a screen anew at the bottom of the chat; the previous copy loses its buttons."""
        shown = await self.send(text, markup)
        if old_message_id is not None and old_message_id != shown.message_id:
            await self.drop_keyboard(old_message_id)
        return shown

    async def drop_keyboard(self, message_id: int) -> None:
        try:
            await self.bot.edit_message_reply_markup(chat_id=self.chat_id, message_id=message_id, reply_markup=None)
        except TelegramBadRequest as exc:
            logger.debug("Could not clear the buttons of message %s: %s", message_id, exc.message)

    # ---- short answers ----------------------------------------------------------------------------------

    async def notice(self, text: str) -> None:
        """A short answer: a toast under the tapped button, or a message for a typed one."""
        if self.callback_answer is not None:
            self.callback_answer.text = _toast(text)
            self.callback_answer.show_alert = len(text) > ALERT_FROM
        else:
            await self.send(text)

    async def answer(self, result: Notice | None) -> Any:
        """A `Notice`: its text, then the screen it carries (returned for the caller to show)."""
        if result is None:
            return None
        await self.notice(result.text)
        return result.view

    # ---- files and activity -----------------------------------------------------------------------------

    async def send_document(self, data: bytes, filename: str, caption: str | None = None,
                            markup: InlineKeyboardMarkup | None = None) -> Message:
        return await self.bot.send_document(self.chat_id, BufferedInputFile(data, filename=filename),
                                            caption=caption, reply_markup=markup)

    async def send_photo(self, data: bytes, filename: str, caption: str | None = None,
                         markup: InlineKeyboardMarkup | None = None) -> Message:
        return await self.bot.send_photo(self.chat_id, BufferedInputFile(data, filename=filename),
                                         caption=caption, reply_markup=markup)

    async def replace_file(self, message_id: int | None, data: bytes, filename: str, caption: str | None = None,
                           kind: Literal["photo", "document"] = "document") -> bool:
        """Put a new file (and caption) in a message sent earlier, known by id: a report redone replaces its
        chart and Excel in place. False when the message can no longer be edited (the caller sends anew)."""
        if message_id is None:
            return False
        upload = BufferedInputFile(data, filename=filename)
        media = (InputMediaPhoto(media=upload, caption=caption) if kind == "photo"
                 else InputMediaDocument(media=upload, caption=caption))
        try:
            await self.bot.edit_message_media(media, chat_id=self.chat_id, message_id=message_id)
        except TelegramBadRequest as exc:
            if any(reason in exc.message for reason in CANNOT_EDIT):
                return False
            raise
        return True

    async def send_voice(self, file_id: str, caption: str | None = None) -> Message:
        """Send a voice message Telegram already has (by its file id), e.g. a recorded answer replayed."""
        return await self.bot.send_voice(self.chat_id, file_id, caption=caption)

    async def typing(self, action: ChatAction = ChatAction.TYPING) -> None:
        try:
            await self.bot.send_chat_action(self.chat_id, action)
        except TelegramBadRequest as exc:
            logger.debug("Chat action refused: %s", exc.message)


def _toast(text: str) -> str:
    plain = _plain(text)
    return plain if len(plain) <= CALLBACK_TEXT_LIMIT else plain[: CALLBACK_TEXT_LIMIT - 1] + "…"


def _plain(text: str) -> str:
    """A toast is plain text: drop the HTML tags and entities our texts use."""
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", "", text))


def _same_markup(current: InlineKeyboardMarkup | None, new: InlineKeyboardMarkup | None) -> bool:
    current_rows = current.inline_keyboard if current is not None else []
    new_rows = new.inline_keyboard if new is not None else []
    if len(current_rows) != len(new_rows):
        return False
    for a_row, b_row in zip(current_rows, new_rows, strict=True):
        if len(a_row) != len(b_row):
            return False
        for a, b in zip(a_row, b_row, strict=True):
            if (a.text, a.callback_data, a.url) != (b.text, b.callback_data, b.url):
                return False
    return True


def screen_for(event: TelegramObject, bot: Bot, callback_answer: CallbackAnswer | None) -> Screen | None:
    if isinstance(event, CallbackQuery):
        message = event.message if isinstance(event.message, Message) else None
        chat_id = event.message.chat.id if event.message is not None else event.from_user.id
        return Screen(bot, chat_id, message, callback_answer)
    if isinstance(event, Message):
        return Screen(bot, event.chat.id)
    return None


class ScreenMiddleware(BaseMiddleware):
    """Hands each handler its `screen`, and answers a service's `Refusal` (nothing saved, the reason shown)."""

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        screen = screen_for(event, data["bot"], data.get("callback_answer"))
        if screen is None:
            return await handler(event, data)
        data["screen"] = screen
        try:
            return await handler(event, data)
        except Refusal as refusal:
            session = data.get("session")
            if session is not None:
                await session.rollback()  # a refusal changes nothing, even if the service had begun
            await screen.notice(refusal.text)
            return None
