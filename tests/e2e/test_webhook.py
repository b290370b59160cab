"""The real bot in webhook mode (WEBHOOK_URL): updates arrive by POST, the secret is checked, /healthz answers,
and SIGTERM lets the update in progress finish before the process exits."""

from __future__ import annotations

import aiohttp

from tests.e2e.harness import BotProcess, free_port, webhook_env
from tests.stubapi import StubBotApi
from tests.stubapi.webhook import SECRET_HEADER

SECRET = "e2e-webhook-secret_42"
HOOK_PATH = "/telegram/hook"


async def start_webhook_bot(bot_factory) -> tuple[BotProcess, int]:  # type: ignore[no-untyped-def]
    port = free_port()
    bot: BotProcess = bot_factory(extra_env=webhook_env(f"http://127.0.0.1:{port}{HOOK_PATH}", port, SECRET))
    await bot.start()
    return bot, port


async def test_webhook_mode_serves_the_chat_and_refuses_a_wrong_secret(stub: StubBotApi, bot_factory) -> None:  # type: ignore[no-untyped-def]
    _, port = await start_webhook_bot(bot_factory)
    url = f"http://127.0.0.1:{port}{HOOK_PATH}"
    info = stub.calls("setWebhook")[-1].params
    assert (info["url"], info["secret_token"]) == (url, SECRET)

    anna = stub.user(4001, "Анна")
    stub.send_text(anna, "/start")
    menu = await stub.wait_message(anna.id, "Здравствуйте, Анна!")
    stub.press(anna, menu, "Помощь")
    await stub.wait_shown(anna.id, "Как пользоваться Sales Coach")
    await stub.wait_for(lambda: not stub.pending_updates, description="both updates acknowledged")
    assert [a.status for a in stub.webhook_attempts] == [200, 200]
    assert not stub.calls("getUpdates")

    forged = {"update_id": 1, "message": {"message_id": 99, "date": 0, "text": "/start",
                                          "chat": {"id": anna.id, "type": "private", "first_name": "Анна"},
                                          "from": {"id": anna.id, "is_bot": False, "first_name": "Анна"}}}
    replies_before = len(stub.bot_messages(anna.id))
    async with aiohttp.ClientSession() as http:
        async with http.post(url, json=forged, headers={SECRET_HEADER: "guess"}) as response:
            assert response.status == 401
        async with http.post(url, json=forged) as response:
            assert response.status == 401
        async with http.get(f"http://127.0.0.1:{port}/healthz") as response:
            assert response.status == 200
            assert (await response.json())["status"] == "ok"
    stub.send_text(anna, "/menu")  # one more real update: the forged ones must have left no trace before it
    await stub.wait_message(anna.id, "Главное меню")
    assert len(stub.bot_messages(anna.id)) == replies_before + 1
    stub.assert_no_api_errors()


async def test_sigterm_finishes_the_update_in_progress(stub: StubBotApi, bot_factory) -> None:  # type: ignore[no-untyped-def]
    bot, _ = await start_webhook_bot(bot_factory)
    boris = stub.user(4002, "Борис")
    stub.delay_next("sendMessage", 2.0)  # Telegram is slow: the /help update stays in progress meanwhile
    mark = stub.mark()
    stub.send_text(boris, "/help")
    await stub.wait_for(lambda: [c for c in stub.calls("sendMessage", since=mark) if c.pending],
                        description="the reply to be on its way")
    assert await bot.terminate() == 0
    assert "Как пользоваться Sales Coach" in stub.last_bot_message(boris.id).shown_text
    assert [a.status for a in stub.webhook_attempts] == [200]
    assert not stub.pending_updates
    log = bot.log_text()
    assert "Waiting for 1 update(s) in progress" in log and "Bot stopped" in log
    assert stub.token not in log and SECRET not in log
