"""The webhook server's application (bot/webhook.py) with the real Dispatcher: updates in, secret, /healthz."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from aiogram import Bot
from aiohttp.test_utils import TestClient, TestServer

from bot.app import Runtime
from bot.settings import Settings
from bot.webhook import WebhookConfig, build_webhook_app
from db.engine import create_engine
from tests.conftest import FsmFactory
from tests.databases import TEST_REDIS_URL
from tests.dispatcher.conftest import new_dispatcher
from tests.dispatcher.recording_session import RecordingSession
from tests.stubapi.webhook import SECRET_HEADER

CONFIG = WebhookConfig(url="https://bot.example.com/tg", secret="right-secret", host="127.0.0.1", port=0,
                       path="/tg")


def start_update(update_id: int) -> dict:
    user = {"id": 777, "is_bot": False, "first_name": "Зоя"}
    return {"update_id": update_id, "message": {
        "message_id": update_id, "date": int(datetime.now(UTC).timestamp()), "text": "/start",
        "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        "chat": {"id": 777, "type": "private", "first_name": "Зоя"}, "from": user}}


async def serve(runtime: Runtime, bot: Bot, fsm_factory: FsmFactory) -> TestClient:
    dp = new_dispatcher(runtime.settings, runtime.engine, runtime.session_factory, fsm_factory)
    client = TestClient(TestServer(build_webhook_app(runtime, bot, dp, CONFIG)))
    await client.start_server()
    return client


@pytest.fixture
async def client(settings: Settings, engine, session_factory, fsm_factory: FsmFactory,  # type: ignore[no-untyped-def]
                 bot: Bot) -> AsyncIterator[TestClient]:
    storage, isolation = fsm_factory(session_factory)
    web_client = await serve(Runtime(settings, engine, session_factory, storage, isolation), bot, fsm_factory)
    yield web_client
    await web_client.close()


async def test_an_update_is_handled_before_the_answer(client: TestClient, recording: RecordingSession) -> None:
    response = await client.post("/tg", json=start_update(1), headers={SECRET_HEADER: "right-secret"})
    assert response.status == 200
    # Acknowledged only once handled: the greeting was already sent when Telegram got its 200.
    assert any("Здравствуйте, Зоя!" in text for text in recording.texts())


async def test_a_wrong_or_missing_secret_gets_401_and_nothing_happens(client: TestClient,
                                                                      recording: RecordingSession) -> None:
    sent_before = len(recording.texts())
    for headers in ({SECRET_HEADER: "guess"}, {}):
        response = await client.post("/tg", json=start_update(2), headers=headers)
        assert response.status == 401
    assert len(recording.texts()) == sent_before


async def test_healthz_is_ok_while_the_database_answers(client: TestClient) -> None:
    response = await client.get("/healthz")
    assert response.status == 200
    expected = {"status": "ok", "database": "ok"} | ({"redis": "ok"} if TEST_REDIS_URL else {})
    assert await response.json() == expected


async def test_healthz_is_503_when_the_database_is_gone(settings: Settings, session_factory,  # type: ignore[no-untyped-def]
                                                        fsm_factory: FsmFactory, bot: Bot) -> None:
    gone = create_engine("postgresql+asyncpg://postgres@127.0.0.1:1/nowhere")  # nothing listens on port 1
    storage, isolation = fsm_factory(session_factory)
    web_client = await serve(Runtime(settings, gone, session_factory, storage, isolation), bot, fsm_factory)
    try:
        response = await web_client.get("/healthz")
        assert response.status == 503
        assert (await response.json())["status"] == "unavailable"
    finally:
        await web_client.close()
        await gone.dispose()
