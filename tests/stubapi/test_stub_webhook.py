"""Webhook mode of the stub: updates pushed by POST with the secret header, retried until the bot says 2xx."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramConflictError
from aiohttp import MultipartWriter, web

from tests.stubapi import StubBotApi
from tests.stubapi.webhook import SECRET_HEADER

SECRET = "s3cr3t_Token-1"


class Receiver:
    """A bot's webhook endpoint played by the test: records each POST and answers with the queued statuses."""

    def __init__(self) -> None:
        self.posts: list[tuple[dict[str, Any], str | None]] = []
        self.statuses: list[int] = []  # answers for the next POSTs; 200 once they run out
        self.reply: dict[str, Any] | None = None
        self.multipart = False
        self.gate: asyncio.Event | None = None  # when set, POSTs wait for it before answering
        self.in_flight = 0
        self.most_in_flight = 0
        self.port = 0
        self._runner: web.AppRunner | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    async def start(self, port: int = 0) -> None:
        app = web.Application()
        app.router.add_post("/hook", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", port).start()
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _handle(self, request: web.Request) -> web.Response:
        self.posts.append((await request.json(), request.headers.get(SECRET_HEADER)))
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            if self.gate is not None:
                await self.gate.wait()
            status = self.statuses.pop(0) if self.statuses else 200
            if status == 200 and self.reply is not None:
                return self._reply_response()
            return web.json_response({}, status=status)
        finally:
            self.in_flight -= 1

    def _reply_response(self) -> web.Response:
        assert self.reply is not None
        if not self.multipart:
            return web.json_response(self.reply)
        # What aiogram's webhook handler sends when a handler returns a method.
        writer = MultipartWriter("form-data")
        for name, value in self.reply.items():
            writer.append(str(value)).set_content_disposition("form-data", name=name)
        return web.Response(body=writer)

    def texts(self) -> list[str]:
        return [update["message"]["text"] for update, _ in self.posts if "message" in update]


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    hook = Receiver()
    await hook.start()
    yield hook
    await hook.stop()


async def test_updates_are_posted_with_the_secret_and_polling_is_refused(stub: StubBotApi, bot: Bot,
                                                                         receiver: Receiver) -> None:
    assert await bot.set_webhook(receiver.url, secret_token=SECRET)
    anna = stub.user(701, "Анна")
    stub.send_text(anna, "первое")
    stub.send_text(anna, "второе")
    await stub.wait_for(lambda: len(receiver.posts) == 2 and not stub.pending_updates, description="two POSTs")
    assert sorted(receiver.texts()) == ["второе", "первое"]
    assert {secret for _, secret in receiver.posts} == {SECRET}
    with pytest.raises(TelegramConflictError, match="webhook is active"):
        await bot.get_updates()
    info = await bot.get_webhook_info()
    assert (info.url, info.pending_update_count, info.last_error_message) == (receiver.url, 0, None)


async def test_a_failed_answer_is_retried_until_the_bot_takes_the_update(stub: StubBotApi, bot: Bot,
                                                                         receiver: Receiver) -> None:
    receiver.statuses = [500, 502]
    await bot.set_webhook(receiver.url)
    stub.send_text(stub.user(702, "Борис"), "важное")
    await stub.wait_for(lambda: not stub.pending_updates, description="the update to be taken")
    assert receiver.texts() == ["важное"] * 3
    assert [a.status for a in stub.webhook_attempts] == [500, 502, 200]
    info = await bot.get_webhook_info()
    assert info.last_error_message == "Wrong response from the webhook: 502 Bad Gateway"


async def test_an_unreachable_bot_gets_the_update_once_it_listens(stub: StubBotApi, bot: Bot) -> None:
    with socket.socket() as probe:  # a port nobody listens on (yet)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    late = Receiver()
    await bot.set_webhook(f"http://127.0.0.1:{port}/hook")
    stub.send_text(stub.user(703, "Вера"), "вы там?")
    await stub.wait_for(lambda: len(stub.webhook_attempts) >= 2, description="failed attempts")
    assert {a.error for a in stub.webhook_attempts} == {"Connection refused"}
    assert len(stub.pending_updates) == 1
    await late.start(port)
    try:
        await stub.wait_for(lambda: not stub.pending_updates, description="delivery after the bot came up")
        assert late.texts() == ["вы там?"]
    finally:
        await late.stop()


@pytest.mark.parametrize("multipart", [False, True], ids=["json", "multipart"])
async def test_a_method_in_the_webhook_answer_is_executed(stub: StubBotApi, bot: Bot, receiver: Receiver,
                                                          multipart: bool) -> None:
    gleb = stub.user(704, "Глеб")
    receiver.multipart = multipart
    receiver.reply = {"method": "sendMessage", "chat_id": gleb.id, "text": "<b>Ответ</b> прямо в webhook",
                      "parse_mode": "HTML"}
    await bot.set_webhook(receiver.url)
    stub.send_text(gleb, "/start")
    reply = await stub.wait_message(gleb.id, "Ответ прямо в webhook")
    assert reply.from_bot
    assert [r.via_webhook_reply for r in stub.calls("sendMessage")] == [True]


async def test_updates_go_out_in_parallel_up_to_max_connections(stub: StubBotApi, bot: Bot,
                                                                receiver: Receiver) -> None:
    receiver.gate = asyncio.Event()
    await bot.set_webhook(receiver.url, max_connections=2)
    users = [stub.user(710 + n, f"Пользователь {n}") for n in range(3)]
    for user in users:
        stub.send_text(user, "привет")
    await stub.wait_for(lambda: len(receiver.posts) == 2, description="two POSTs in flight")
    await asyncio.sleep(0.2)  # a third connection, if the stub opened one, would have posted by now
    assert receiver.in_flight == 2
    receiver.gate.set()
    await stub.wait_for(lambda: not stub.pending_updates, description="all updates taken")
    assert len(receiver.posts) == 3 and receiver.most_in_flight == 2


async def test_delete_webhook_stops_pushing_and_polling_gets_the_rest(stub: StubBotApi, bot: Bot,
                                                                     receiver: Receiver) -> None:
    receiver.statuses = [503] * 1000
    await bot.set_webhook(receiver.url)
    stub.send_text(stub.user(720, "Дина"), "потерянное?")
    await stub.wait_for(lambda: stub.webhook_attempts, description="a failed attempt")
    assert await bot.delete_webhook()
    posts = len(receiver.posts)
    updates = await bot.get_updates()
    assert [u.message.text for u in updates if u.message] == ["потерянное?"]
    await asyncio.sleep(0.3)
    assert len(receiver.posts) == posts
    assert (await bot.get_webhook_info()).url == ""


async def test_bad_secret_is_refused(bot: Bot, receiver: Receiver) -> None:
    with pytest.raises(TelegramBadRequest, match="secret token contains unallowed characters"):
        await bot.set_webhook(receiver.url, secret_token="пароль с пробелом")
