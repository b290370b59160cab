"""The request middlewares against aiogram's real request pipeline: a session that fails on purpose, and the stub
Bot API answering 429, 5xx, an HTML error page or «message is not modified»."""

from __future__ import annotations

import json
from typing import Any

import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.base import BaseSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import ClientDecodeError, TelegramBadRequest, TelegramRetryAfter, TelegramServerError
from aiogram.methods import EditMessageText, SendMessage, TelegramMethod
from aiogram.methods.base import Response
from aiogram.types import BotCommand, BufferedInputFile, InlineKeyboardButton, InlineKeyboardMarkup, Message
from pydantic import ValidationError

from bot.not_modified import NotModifiedIsSuccessMiddleware
from bot.request_retry import RetryRequestMiddleware
from tests.stubapi import StubBotApi

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0"


class FlakySession(BaseSession):
    """Fails the first `failures` calls in the given way, then succeeds."""

    def __init__(self, failures: list[str]) -> None:
        super().__init__()
        self.failures = failures
        self.calls = 0
        self.middleware(RetryRequestMiddleware(base_delay=0.01))

    async def close(self) -> None:
        return None

    async def stream_content(self, *args: Any, **kwargs: Any):  # type: ignore[no-untyped-def]
        yield b""

    async def make_request(self, bot: Bot, method: TelegramMethod[Any], timeout: int | None = None) -> Any:
        self.calls += 1
        if self.failures:
            kind = self.failures.pop(0)
            if kind == "429":
                raise TelegramRetryAfter(method=method, message="Too Many Requests: retry after 0",
                                         retry_after=0)
            raise TelegramServerError(method=method, message="Internal Server Error")
        return True

    def check_response(self, *args: Any, **kwargs: Any) -> Response[Any]:  # pragma: no cover
        raise AssertionError


@pytest.mark.parametrize("failures", [["429"], ["500", "500"], ["429", "500", "429"]])
async def test_transient_failures_are_retried(failures: list[str]) -> None:
    session = FlakySession(list(failures))
    bot = Bot(TOKEN, session=session)
    assert await bot(SendMessage(chat_id=1, text="hi")) is True
    assert session.calls == len(failures) + 1


async def test_gives_up_after_bounded_attempts() -> None:
    session = FlakySession(["500"] * 10)
    bot = Bot(TOKEN, session=session)
    with pytest.raises(TelegramServerError):
        await bot(SendMessage(chat_id=1, text="hi"))
    assert session.calls == 5


# ---- a 5xx whose body is not JSON (issue 15, item 1) -------------------------------------------------------

class DecodeFailSession(FlakySession):
    """Raises what aiogram raises for a body that is not JSON, or for JSON that does not fit the method."""

    async def make_request(self, bot: Bot, method: TelegramMethod[Any], timeout: int | None = None) -> Any:
        self.calls += 1
        if self.failures:
            kind = self.failures.pop(0)
            if kind == "page":
                try:
                    json.loads("<html><head><title>502 Bad Gateway</title></head></html>")
                except ValueError as exc:
                    raise ClientDecodeError("Failed to decode object", exc, "<html>502 Bad Gateway") from exc
            try:
                Message.model_validate({"unexpected": True})
            except ValidationError as exc:
                raise ClientDecodeError("Failed to deserialize object", exc, {"unexpected": True}) from exc
        return True


def _stub_bot(stub: StubBotApi) -> Bot:
    session = AiohttpSession(api=TelegramAPIServer.from_base(stub.base_url))
    session.middleware(NotModifiedIsSuccessMiddleware())
    session.middleware(RetryRequestMiddleware(base_delay=0.01))
    return Bot(stub.token, session=session)


async def test_gateway_page_instead_of_json_is_retried_for_every_method() -> None:
    async with StubBotApi() as stub:
        anna = stub.user(1001, "Анна")
        stub.send_text(anna, "/start")  # a user who never wrote to the bot can't be written to
        bot = _stub_bot(stub)
        try:
            stub.gateway_page_next("sendMessage", times=2)
            sent = await bot.send_message(anna.id, "привет")
            stub.gateway_page_next("editMessageText", times=2)
            await bot.edit_message_text("изменено", chat_id=anna.id, message_id=sent.message_id)
            document = stub.send_document(anna, b"a;b\n1;2\n", "x.csv")
            stub.gateway_page_next("getFile", times=2)
            file = await bot.get_file(document.document.file_id)
            stub.gateway_page_next("setMyCommands", times=2)
            assert await bot.set_my_commands([BotCommand(command="start", description="Начать")]) is True
        finally:
            await bot.session.close()
        assert file.file_path
        assert stub.last_bot_message(anna.id).text == "изменено"
        for method in ("sendMessage", "editMessageText", "getFile", "setMyCommands"):
            assert [c.status for c in stub.calls(method)] == [502, 502, 200]
        assert stub.api_errors() == []


async def test_gateway_page_gives_up_after_bounded_attempts() -> None:
    session = DecodeFailSession(["page"] * 10)
    bot = Bot(TOKEN, session=session)
    with pytest.raises(ClientDecodeError):
        await bot(SendMessage(chat_id=1, text="hi"))
    assert session.calls == 5


async def test_json_of_the_wrong_shape_is_a_bug_not_an_outage() -> None:
    session = DecodeFailSession(["shape"])
    bot = Bot(TOKEN, session=session)
    with pytest.raises(ClientDecodeError):
        await bot(SendMessage(chat_id=1, text="hi"))
    assert session.calls == 1


# ---- «message is not modified» (issue 15, item 3) ---------------------------------------------------------

async def test_an_edit_that_changes_nothing_is_a_success_for_every_edit_method() -> None:
    async with StubBotApi() as stub:
        anna = stub.user(1001, "Анна")
        stub.send_text(anna, "/start")  # a user who never wrote to the bot can't be written to
        bot = _stub_bot(stub)
        markup = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="Да", callback_data="y")]])
        try:
            sent = await bot.send_message(anna.id, "экран", reply_markup=markup)
            again = await bot.edit_message_text("экран", chat_id=anna.id, message_id=sent.message_id,
                                                reply_markup=markup)
            same_keyboard = await bot.edit_message_reply_markup(chat_id=anna.id, message_id=sent.message_id,
                                                                reply_markup=markup)
            await bot.edit_message_reply_markup(chat_id=anna.id, message_id=sent.message_id, reply_markup=None)
            # The keyboard is already gone: taking it off again (after a restart, a double tap) is fine too.
            no_keyboard = await bot.edit_message_reply_markup(chat_id=anna.id, message_id=sent.message_id,
                                                              reply_markup=None)
            photo = await bot.send_document(anna.id, BufferedInputFile(b"a;b\n1;2\n", "x.csv"), caption="файл")
            same_caption = await bot.edit_message_caption(chat_id=anna.id, message_id=photo.message_id,
                                                          caption="файл")
            with pytest.raises(TelegramBadRequest, match="message to edit not found"):
                await bot.edit_message_text("нет такого", chat_id=anna.id, message_id=9999)
        finally:
            await bot.session.close()
        assert again is True and same_keyboard is True and no_keyboard is True and same_caption is True
        not_modified = [c for c in stub.api_errors() if "not modified" in (c.description or "")]
        assert len(not_modified) == 4  # Telegram did refuse them; the bot took each refusal as done


async def test_not_modified_is_not_swallowed_outside_edits() -> None:
    async def refuse(bot: Bot, method: TelegramMethod[Any]) -> Any:
        raise TelegramBadRequest(method=method, message="Bad Request: message is not modified")

    middleware = NotModifiedIsSuccessMiddleware()
    bot = Bot(TOKEN)
    assert await middleware(refuse, bot, EditMessageText(text="x", chat_id=1, message_id=1)) is True
    with pytest.raises(TelegramBadRequest):
        await middleware(refuse, bot, SendMessage(chat_id=1, text="x"))
    await bot.session.close()


async def test_the_bot_as_assembled_retries_gateway_pages_and_takes_not_modified_as_done() -> None:
    from bot.app import build_bot
    from bot.settings import Settings

    async with StubBotApi() as stub:
        anna = stub.user(1001, "Анна")
        stub.send_text(anna, "/start")
        bot = build_bot(Settings(bot_token=stub.token, telegram_api_server=stub.base_url))
        try:
            stub.gateway_page_next("sendMessage")
            sent = await bot.send_message(anna.id, "экран")
            assert await bot.edit_message_text("экран", chat_id=anna.id, message_id=sent.message_id) is True
        finally:
            await bot.session.close()
        assert [c.status for c in stub.calls("sendMessage")] == [502, 200]
        assert [c.status for c in stub.calls("editMessageText")] == [400]
