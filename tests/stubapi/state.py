"""What the stub remembers: simulated users, their chats as the user sees them, files and every API call."""

from __future__ import annotations

import itertools
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

_FILE_ID_PREFIX = {"document": "BQACAgIAAxkBAAI", "photo": "AgACAgIAAxkBAAI", "voice": "AwACAgIAAxkBAAI",
                   "sticker": "CAACAgIAAxkBAAI", "audio": "CQACAgIAAxkBAAI"}


@dataclass(frozen=True)
class SimUser:
    """A Telegram user played by the test."""

    id: int
    first_name: str
    username: str | None = None
    language_code: str | None = "ru"
    last_name: str | None = None

    def as_api(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        return data

    def private_chat(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "type": "private", "first_name": self.first_name}
        for key in ("last_name", "username"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        return data


@dataclass
class StoredFile:
    """A file known to the stub: uploaded by the bot or sent by a simulated user."""

    file_id: str
    file_unique_id: str
    kind: str
    data: bytes
    file_name: str | None = None
    mime_type: str | None = None
    file_path: str = ""
    width: int | None = None
    height: int | None = None
    duration: int | None = None
    # Kind-specific fields Telegram adds (a sticker's emoji and type, for instance).
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.data)

    def as_api(self) -> dict[str, Any]:
        data: dict[str, Any] = {"file_id": self.file_id, "file_unique_id": self.file_unique_id,
                                "file_size": self.size}
        if self.file_name is not None:
            data["file_name"] = self.file_name
        if self.mime_type is not None and self.kind != "photo":
            data["mime_type"] = self.mime_type
        if self.duration is not None:
            data["duration"] = self.duration
        if self.width is not None:
            data["width"], data["height"] = self.width, self.height
        data.update(self.extra)
        return data


class FileStore:
    def __init__(self) -> None:
        self._by_id: dict[str, StoredFile] = {}
        self._by_path: dict[str, StoredFile] = {}
        self._counter = itertools.count(1)

    def add(self, kind: str, data: bytes, *, file_name: str | None = None, mime_type: str | None = None,
            **extra: Any) -> StoredFile:
        number = next(self._counter)
        prefix = _FILE_ID_PREFIX.get(kind, "BQACAgIAAxkBAAI")
        suffix = file_name.rsplit(".", 1)[-1] if file_name and "." in file_name else "bin"
        folder = {"photo": "photos", "voice": "voice", "sticker": "stickers"}.get(kind, "documents")
        stored = StoredFile(
            file_id=f"{prefix}{number:04d}{secrets.token_urlsafe(24)}",
            file_unique_id=f"AgAD{number:04d}{secrets.token_urlsafe(6)}",
            kind=kind, data=data, file_name=file_name, mime_type=mime_type,
            file_path=f"{folder}/file_{number}.{suffix}", **extra,
        )
        self._by_id[stored.file_id] = stored
        self._by_path[stored.file_path] = stored
        return stored

    def get(self, file_id: str) -> StoredFile | None:
        return self._by_id.get(file_id)

    def by_path(self, path: str) -> StoredFile | None:
        return self._by_path.get(path)


@dataclass
class ChatMessage:
    """One message of a chat as the user sees it now (after edits and deletions)."""

    message_id: int
    chat_id: int
    from_bot: bool
    date: int
    text: str | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    html: str | None = None
    caption: str | None = None
    caption_entities: list[dict[str, Any]] = field(default_factory=list)
    reply_markup: dict[str, Any] | None = None
    document: StoredFile | None = None
    photo: StoredFile | None = None
    voice: StoredFile | None = None
    sticker: StoredFile | None = None
    reply_to_message_id: int | None = None
    deleted: bool = False
    edit_date: int | None = None
    history: list[str | None] = field(default_factory=list)
    last_change_seq: int = 0

    @property
    def media(self) -> StoredFile | None:
        return self.document or self.photo or self.voice or self.sticker

    @property
    def shown_text(self) -> str:
        """Text or caption, whichever the message has: what a user reads."""
        return self.text if self.text is not None else (self.caption or "")

    @property
    def edited(self) -> bool:
        return bool(self.history)

    def inline_buttons(self) -> list[dict[str, Any]]:
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return [button for row in rows for button in row]

    def button_labels(self) -> list[str]:
        return [button.get("text", "") for button in self.inline_buttons()]

    def find_button(self, text_or_data: str) -> dict[str, Any] | None:
        buttons = self.inline_buttons()
        for key in ("text", "callback_data"):
            for button in buttons:
                if button.get(key) == text_or_data:
                    return button
        return None


@dataclass
class Chat:
    """A private chat between the bot and one simulated user."""

    user: SimUser
    messages: dict[int, ChatMessage] = field(default_factory=dict)
    next_message_id: int = 1
    started: bool = False
    blocked: bool = False
    # Message ids at or below this mark existed before the user's latest action ("the bot's reply" is above it).
    action_mark: int = 0
    action_seq: int = 0
    chat_actions: list[str] = field(default_factory=list)
    # The reply keyboard (not inline) the user currently sees under the input field, if any.
    reply_keyboard: dict[str, Any] | None = None

    @property
    def id(self) -> int:
        return self.user.id

    def new_message_id(self) -> int:
        message_id = self.next_message_id
        self.next_message_id += 1
        return message_id

    def visible(self) -> list[ChatMessage]:
        return [m for m in self.messages.values() if not m.deleted]

    def bot_messages(self) -> list[ChatMessage]:
        return [m for m in self.messages.values() if m.from_bot and not m.deleted]


@dataclass
class CallRecord:
    """One request the bot made and the stub's answer."""

    seq: int
    method: str
    params: dict[str, Any]
    uploads: dict[str, str]
    time: float
    wall_time: float
    status: int = 0
    response: dict[str, Any] = field(default_factory=dict)
    injected: bool = False
    # The call came back inside the bot's answer to a webhook POST rather than as a request of its own.
    via_webhook_reply: bool = False

    @property
    def pending(self) -> bool:
        """The call arrived but is not answered yet (a getUpdates long poll, typically)."""
        return self.status == 0

    @property
    def ok(self) -> bool:
        return bool(self.response.get("ok"))

    @property
    def result(self) -> Any:
        return self.response.get("result")

    @property
    def description(self) -> str | None:
        return self.response.get("description")


@dataclass
class CallbackQuery:
    """A button press the stub delivered, and the bot's answer to it if any."""

    id: str
    user_id: int
    chat_id: int
    message_id: int
    data: str | None
    sent_at: float
    answered: bool = False
    answer_text: str | None = None
    show_alert: bool = False
    answer_url: str | None = None


def now() -> tuple[float, int]:
    return time.monotonic(), int(time.time())
