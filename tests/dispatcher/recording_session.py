"""A Bot session that records every request and answers like Telegram would, without a network."""

from __future__ import annotations

import itertools
from collections.abc import AsyncGenerator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiogram import Bot
from aiogram.client.session.base import BaseSession
from aiogram.exceptions import TelegramBadRequest
from aiogram.methods import (
    EditMessageMedia,
    EditMessageReplyMarkup,
    EditMessageText,
    GetMe,
    SendDocument,
    SendMessage,
    SendPhoto,
    TelegramMethod,
)
from aiogram.methods.base import TelegramType
from aiogram.types import Chat, Message, User

BOT_USER = User(id=42, is_bot=True, first_name="Sales Coach", username="sales_coach_test_bot")


@dataclass
class RecordingSession(BaseSession):
    requests: list[TelegramMethod[Any]] = field(default_factory=list)
    replies: list[Any] = field(default_factory=list)  # what each request got back, in the same order
    # Messages the user deleted: an edit of one is refused as Telegram does («message to edit not found»).
    deleted: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        super().__init__()
        self._ids = itertools.count(1000)

    async def close(self) -> None:
        return None

    async def stream_content(
        self, url: str, headers: dict[str, Any] | None = None, timeout: int = 30,
        chunk_size: int = 65536, raise_for_status: bool = True,
    ) -> AsyncGenerator[bytes, None]:
        yield b""

    async def make_request(
        self, bot: Bot, method: TelegramMethod[TelegramType], timeout: int | None = None
    ) -> Any:
        self.requests.append(method)
        if getattr(method, "message_id", None) in self.deleted and method.__api_method__.startswith("editMessage"):
            self.replies.append(None)
            raise TelegramBadRequest(method=method, message="Bad Request: message to edit not found")
        reply = self._reply(method)
        self.replies.append(reply)
        return reply

    def _reply(self, method: TelegramMethod[Any]) -> Any:
        if isinstance(method, GetMe):
            return BOT_USER
        if isinstance(method, SendMessage | SendDocument | SendPhoto):
            return self._message(method.chat_id, getattr(method, "text", None), method.reply_markup)
        if isinstance(method, EditMessageText):
            return self._message(method.chat_id or 0, method.text, method.reply_markup, method.message_id)
        if isinstance(method, EditMessageMedia):
            return self._message(method.chat_id or 0, None, method.reply_markup, method.message_id,
                                 caption=method.media.caption)
        if isinstance(method, EditMessageReplyMarkup):
            return self._message(method.chat_id or 0, None, method.reply_markup, method.message_id)
        return True

    def _message(self, chat_id: Any, text: str | None, markup: Any, message_id: int | None = None,
                 caption: str | None = None) -> Message:
        return Message(
            message_id=message_id or next(self._ids),
            date=datetime.now(UTC),
            chat=Chat(id=int(chat_id), type="private"),
            from_user=BOT_USER,
            text=text,
            caption=caption,
            reply_markup=markup,
        )

    def sent(self, method_type: type | None = None) -> list[Any]:
        return [r for r in self.requests if method_type is None or isinstance(r, method_type)]

    def texts(self) -> list[str]:
        return [r.text for r in self.requests if isinstance(r, SendMessage | EditMessageText)]

    def message_with_button(self, data: str) -> int | None:
        """The message a user would tap to send `data`: the one showing that button now (the latest changed if
        several do); else the latest that ever showed it (a stale button, tapped on purpose)."""
        def carries(markup: Any) -> bool:
            return markup is not None and any(button.callback_data == data for row in markup.inline_keyboard
                                              for button in row)

        now: dict[int, tuple[int, Any]] = {}  # message id -> (when it last changed, its keyboard then)
        ever: int | None = None
        for order, reply in enumerate(self.replies):
            if isinstance(reply, Message):
                now[reply.message_id] = (order, reply.reply_markup)
                if carries(reply.reply_markup):
                    ever = reply.message_id
        showing = [(order, mid) for mid, (order, markup) in now.items() if carries(markup)]
        return max(showing)[1] if showing else ever
