"""Dispatcher-level fixtures: the real Dispatcher, routers and middlewares with a recording session."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.types import CallbackQuery, Chat, InlineKeyboardMarkup, Message, MessageEntity, Update, User

from bot.app import Runtime, build_dispatcher
from bot.settings import Settings
from tests.conftest import FsmFactory
from tests.dispatcher.recording_session import RecordingSession

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0"


def button_data(markup: InlineKeyboardMarkup | None, text_part: str) -> str:
    """The callback data of the first button whose text contains `text_part`."""
    assert markup is not None, "the message has no keyboard"
    for row in markup.inline_keyboard:
        for item in row:
            if text_part in item.text:
                assert item.callback_data is not None
                return item.callback_data
    raise AssertionError(f"no button with {text_part!r} in {[b.text for r in markup.inline_keyboard for b in r]}")


@dataclass
class Chatter:
    """Feeds updates from one simulated user through the dispatcher."""

    dp: Dispatcher
    bot: Bot
    session: RecordingSession
    user: User
    _ids: Any = None

    def __post_init__(self) -> None:
        self._ids = itertools.count(1)

    @property
    def chat(self) -> Chat:
        return Chat(id=self.user.id, type="private", first_name=self.user.first_name)

    async def send(self, text: str) -> None:
        entities = None
        if text.startswith("/"):
            entities = [MessageEntity(type="bot_command", offset=0, length=len(text.split()[0]))]
        message = Message(message_id=next(self._ids), date=datetime.now(UTC), chat=self.chat,
                          from_user=self.user, text=text, entities=entities)
        await self.feed(Update(update_id=next(self._ids), message=message))

    async def send_message(self, **fields: Any) -> None:
        message = Message(message_id=next(self._ids), date=datetime.now(UTC), chat=self.chat,
                          from_user=self.user, **fields)
        await self.feed(Update(update_id=next(self._ids), message=message))

    async def press(self, data: str, message_id: int | None = None) -> None:
        """Tap a button; by default on the latest message that shows it, as a user would (1 for a forged one)."""
        if message_id is None:
            message_id = self.session.message_with_button(data) or 1
        message = Message(message_id=message_id, date=datetime.now(UTC), chat=self.chat,
                          text="…", from_user=None)
        query = CallbackQuery(id=str(next(self._ids)), from_user=self.user, chat_instance="ci",
                              message=message, data=data)
        await self.feed(Update(update_id=next(self._ids), callback_query=query))

    async def feed(self, update: Update) -> None:
        await self.dp.feed_update(self.bot, update)

    def last_text(self) -> str:
        texts = self.session.texts()
        assert texts, "the bot sent nothing"
        return texts[-1]

    def last_markup(self) -> InlineKeyboardMarkup | None:
        for request in reversed(self.session.requests):
            markup = getattr(request, "reply_markup", None)
            if markup is not None:
                return markup
        return None

    def button_data(self, text_part: str) -> str:
        return button_data(self.last_markup(), text_part)


@pytest.fixture
def settings(database_url: str) -> Settings:
    # Tests tap faster than any person; flood protection has its own test.
    return Settings(bot_token=TOKEN, database_url=database_url, throttle_rate=1000, throttle_burst=1000)  # type: ignore[arg-type]


@pytest.fixture
async def dispatcher(settings: Settings, engine, session_factory,  # type: ignore[no-untyped-def]
                     fsm_factory: FsmFactory) -> AsyncIterator[Dispatcher]:
    yield new_dispatcher(settings, engine, session_factory, fsm_factory)


def new_dispatcher(settings: Settings, engine, session_factory,  # type: ignore[no-untyped-def]
                   fsm_factory: FsmFactory) -> Dispatcher:
    """A Dispatcher as a freshly started bot process builds it, over the test's database and FSM backend."""
    storage, isolation = fsm_factory(session_factory)
    return build_dispatcher(Runtime(settings, engine, session_factory, storage, isolation))


@pytest.fixture
def recording() -> RecordingSession:
    return RecordingSession()


@pytest.fixture
def bot(recording: RecordingSession) -> Bot:
    return Bot(TOKEN, session=recording, default=DefaultBotProperties(parse_mode="HTML"))


@pytest.fixture
def alice(dispatcher: Dispatcher, bot: Bot, recording: RecordingSession) -> Chatter:
    user = User(id=1001, is_bot=False, first_name="Алиса", last_name="Петрова", username="alice",
                language_code="ru")
    return Chatter(dispatcher, bot, recording, user)
