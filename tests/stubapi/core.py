"""Shared state of one stub server and the rules every method applies (chat lookup, text checks, rendering)."""

from __future__ import annotations

import asyncio
import itertools
import secrets
from pathlib import Path
from typing import Any

from .errors import (
    BOT_BLOCKED,
    CANT_INITIATE,
    CANT_PARSE_ENTITIES,
    CAPTION_TOO_LONG,
    CHAT_NOT_FOUND,
    MESSAGE_TOO_LONG,
    TEXT_EMPTY,
    UNSUPPORTED_PARSE_MODE,
    ApiError,
    bad_request,
)
from .html_check import HtmlParseError, ParsedText, parse_html, plain_text, trim, utf16_len
from .params import ApiRequest
from .state import CallbackQuery, CallRecord, Chat, ChatMessage, FileStore, SimUser, now
from .updates import UpdateQueue
from .webhook import WebhookDelivery

MAX_TEXT_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
DOWNLOAD_LIMIT = 20 * 1024 * 1024
UPLOAD_LIMIT = 50 * 1024 * 1024
LOCAL_LIMIT = 2000 * 1024 * 1024


class StubCore:
    def __init__(self, *, bot_id: int, token: str, username: str, first_name: str,
                 strict_ampersand: bool, local_mode: bool, files_dir: Path | None,
                 callback_ttl: float | None) -> None:
        self.bot_id = bot_id
        self.token = token
        self.username = username
        self.first_name = first_name
        self.strict_ampersand = strict_ampersand
        self.local_mode = local_mode
        self.files_dir = files_dir
        # Telegram refuses answers to callback queries older than about 15 s; None disables the check.
        self.callback_ttl = callback_ttl
        self.chats: dict[int, Chat] = {}
        self.files = FileStore()
        self.updates = UpdateQueue()
        self.calls: list[CallRecord] = []
        self.callbacks: dict[str, CallbackQuery] = {}
        self.commands: dict[tuple[str, str], list[dict[str, str]]] = {}
        # Replies the bot puts in its webhook answers are executed by the server (StubBotApi sets run_reply).
        self.webhook = WebhookDelivery(self.updates, self.notify, _no_reply_runner)
        self._seq = itertools.count(1)
        self._changed = asyncio.Event()

    @property
    def webhook_url(self) -> str:
        return self.webhook.url

    # --- change notification: waits in tests wake on every recorded change -------------------------
    def next_seq(self) -> int:
        return next(self._seq)

    def notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    @property
    def changed(self) -> asyncio.Event:
        return self._changed

    # --- identities --------------------------------------------------------------------------------
    def bot_user(self) -> dict[str, Any]:
        return {"id": self.bot_id, "is_bot": True, "first_name": self.first_name, "username": self.username}

    def get_me(self) -> dict[str, Any]:
        return {
            **self.bot_user(), "can_join_groups": True, "can_read_all_group_messages": False,
            "supports_inline_queries": False, "can_connect_to_business": False, "has_main_web_app": False,
        }

    def add_user(self, user: SimUser) -> Chat:
        chat = self.chats.get(user.id)
        if chat is None:
            chat = self.chats[user.id] = Chat(user=user)
        else:
            chat.user = user
        return chat

    # --- lookups with Telegram's errors ------------------------------------------------------------
    def known_chat(self, req: ApiRequest, name: str = "chat_id") -> Chat:
        raw = req.params.get(name)
        try:
            chat_id = int(raw)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise bad_request(CHAT_NOT_FOUND) from None
        chat = self.chats.get(chat_id)
        if chat is None:
            raise bad_request(CHAT_NOT_FOUND)
        return chat

    def writable_chat(self, req: ApiRequest, name: str = "chat_id") -> Chat:
        """A chat the bot may write to now: known, started by the user and not blocked."""
        chat = self.known_chat(req, name)
        if chat.blocked:
            raise ApiError(403, BOT_BLOCKED)
        if not chat.started:
            raise ApiError(403, CANT_INITIATE)
        return chat

    # --- text and captions -------------------------------------------------------------------------
    def formatted(self, req: ApiRequest, field: str, entities_field: str, *, caption: bool) -> ParsedText | None:
        """Parse `field` under the request's parse_mode and apply Telegram's length and emptiness rules."""
        raw = req.text(field)
        if raw is None:
            if caption:
                return None
            raise bad_request(TEXT_EMPTY)
        try:
            raw.encode("utf-8")
        except UnicodeEncodeError:
            raise bad_request(f"Bad Request: {field} must be encoded in UTF-8") from None
        parse_mode = (req.text("parse_mode") or "").strip()
        entities = req.nested(entities_field, error=f"Bad Request: can't parse {entities_field} JSON object")
        if entities:
            parsed = plain_text(raw, entities)
        elif parse_mode.lower() == "html":
            try:
                parsed = parse_html(raw, strict_ampersand=self.strict_ampersand)
            except HtmlParseError as exc:
                raise bad_request(CANT_PARSE_ENTITIES + str(exc)) from None
        elif parse_mode == "":
            parsed = plain_text(raw)
        elif parse_mode.lower() in ("markdown", "markdownv2"):
            raise bad_request(f"Bad Request: the test stub only understands parse_mode HTML, not {parse_mode}")
        else:
            raise bad_request(UNSUPPORTED_PARSE_MODE)
        parsed = trim(parsed)
        # Counted in UTF-16 units: never looser than Telegram, whatever unit it counts in.
        length = utf16_len(parsed.text)
        if caption:
            if length > MAX_CAPTION_LENGTH:
                raise bad_request(CAPTION_TOO_LONG)
            return parsed if parsed.text else None
        if not parsed.text:
            raise bad_request(TEXT_EMPTY)
        if length > MAX_TEXT_LENGTH:
            raise bad_request(MESSAGE_TOO_LONG)
        return parsed

    # --- messages ----------------------------------------------------------------------------------
    def add_message(self, chat: Chat, *, from_bot: bool, **content: Any) -> ChatMessage:
        _, wall = now()
        message = ChatMessage(message_id=chat.new_message_id(), chat_id=chat.id, from_bot=from_bot, date=wall,
                              **content)
        message.last_change_seq = self.next_seq()
        chat.messages[message.message_id] = message
        return message

    def message_to_api(self, message: ChatMessage) -> dict[str, Any]:
        chat = self.chats[message.chat_id]
        data: dict[str, Any] = {
            "message_id": message.message_id,
            "from": self.bot_user() if message.from_bot else chat.user.as_api(),
            "chat": chat.user.private_chat(),
            "date": message.date,
        }
        if message.edit_date is not None:
            data["edit_date"] = message.edit_date
        if message.reply_to_message_id is not None and message.reply_to_message_id in chat.messages:
            replied = chat.messages[message.reply_to_message_id]
            data["reply_to_message"] = {k: v for k, v in self.message_to_api(replied).items()
                                        if k != "reply_to_message"}
        if message.text is not None:
            data["text"] = message.text
            if message.entities:
                data["entities"] = message.entities
        for kind in ("document", "voice", "sticker"):
            stored = getattr(message, kind)
            if stored is not None:
                data[kind] = stored.as_api()
        if message.photo is not None:
            data["photo"] = photo_sizes(message.photo.as_api())
        if message.caption is not None:
            data["caption"] = message.caption
            if message.caption_entities:
                data["caption_entities"] = message.caption_entities
        if message.reply_markup and message.reply_markup.get("inline_keyboard"):
            data["reply_markup"] = message.reply_markup
        return data

    def new_callback_id(self) -> str:
        return str(secrets.randbits(62))


def photo_sizes(original: dict[str, Any]) -> list[dict[str, Any]]:
    """Telegram answers a photo with several sizes; a thumbnail plus the original is enough for aiogram."""
    width, height = original.get("width") or 1, original.get("height") or 1
    scale = min(1.0, 90 / max(width, height))
    thumb = {**original, "file_unique_id": original["file_unique_id"] + "_t", "width": max(1, round(width * scale)),
             "height": max(1, round(height * scale))}
    thumb.pop("file_name", None)
    full = dict(original)
    full.pop("file_name", None)
    return [thumb, full]


async def _no_reply_runner(request: ApiRequest) -> None:
    raise RuntimeError(f"a webhook reply ({request.method}) arrived before the stub server was set up")
