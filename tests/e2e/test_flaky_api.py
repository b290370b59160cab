"""Telegram having a bad minute, through the real bot process: the front-end proxy answers `502 Bad Gateway` as an
HTML page (not JSON) at start-up and in the middle of conversations (issue 15, items 1 and 2)."""

from __future__ import annotations

from tests.conftest import SHARED_DATA
from tests.e2e.harness import BotProcess, free_port, webhook_env
from tests.stubapi import StubBotApi

GENERIC_ERROR = "Что-то пошло не так"
FOREVER = 1_000_000


async def test_bot_starts_and_answers_although_start_up_calls_fail(stub: StubBotApi, bot_factory) -> None:  # type: ignore[no-untyped-def]
    # deleteWebhook fails past the request middleware's own retries (5 attempts): start-up waits it out.
    stub.gateway_page_next("deleteWebhook", times=7)
    stub.gateway_page_next("setMyCommands", times=FOREVER)
    bot: BotProcess = bot_factory()
    await bot.start(timeout=60)
    assert [c.status for c in stub.calls("deleteWebhook")] == [502] * 7 + [200]

    anna = stub.user(5001, "Анна")
    stub.send_text(anna, "/start")
    await stub.wait_message(anna.id, "Здравствуйте, Анна!", timeout=20)
    assert stub.commands() == []
    assert "Commands not registered yet" in bot.log_text()

    stub.clear_faults()  # Telegram is back: the menu gets registered without a restart
    await stub.wait_for(lambda: stub.commands(), timeout=30, description="the commands to be registered")
    assert {"start", "menu", "help"} <= {c["command"] for c in stub.commands()}
    await stub.wait_for(lambda: "setMyCommands done in the background" in bot.log_text(), timeout=10,
                        description="the bot to log that the menu is registered")
    assert bot.running
    stub.assert_no_api_errors()
    assert await bot.terminate() == 0


async def test_webhook_mode_starts_although_set_webhook_fails(stub: StubBotApi, bot_factory) -> None:  # type: ignore[no-untyped-def]
    stub.gateway_page_next("setWebhook", times=6)
    port = free_port()
    bot: BotProcess = bot_factory(extra_env=webhook_env(f"http://127.0.0.1:{port}/hook", port, "flaky-secret"))
    await bot.start(wait_ready=False)
    await stub.wait_for(lambda: [c for c in stub.calls("setWebhook") if c.ok], timeout=60,
                        description="the webhook to be registered")
    boris = stub.user(5002, "Борис")
    stub.send_text(boris, "/start")
    await stub.wait_message(boris.id, "Здравствуйте, Борис!", timeout=20)
    assert [c.status for c in stub.calls("setWebhook")] == [502] * 6 + [200]
    assert bot.running
    stub.assert_no_api_errors()


async def test_gateway_pages_mid_conversation_lose_nothing(stub: StubBotApi, bot_process: BotProcess) -> None:
    vera = stub.user(5003, "Вера")
    stub.gateway_page_next("sendMessage", times=2)
    stub.send_text(vera, "/start")
    menu = await stub.wait_message(vera.id, "Здравствуйте, Вера!", timeout=30)

    stub.gateway_page_next("answerCallbackQuery", times=2)
    pressed = stub.press(vera, menu, "Помощь")
    await stub.wait_callback_answer(pressed, timeout=30)
    # The help screen replaces the menu in place or comes as a new message, depending on the screen layer.
    await stub.wait_for(lambda: any("Как пользоваться Sales Coach" in m.shown_text for m in stub.bot_messages(vera.id)),
                        timeout=30, description="the help screen")

    # An analysis: the file download (getFile), the report text, the chart and the workbook all hit a 502 page.
    for method in ("getFile", "sendPhoto", "sendDocument"):
        stub.gateway_page_next(method, times=2)
    data = (SHARED_DATA / "online_retail_sample_semicolon.csv").read_bytes()
    sent = stub.send_document(vera, data, "sample.csv", "text/csv")
    await stub.wait_message(vera.id, "RFM", after=sent.message_id, timeout=90)
    await stub.wait_message(vera.id, where=lambda m: m.document is not None, after=sent.message_id, timeout=90)
    replies = [m for m in stub.bot_messages(vera.id) if m.message_id > sent.message_id]
    assert any(m.photo is not None for m in replies), "the chart arrives"
    assert not [m for m in stub.bot_messages(vera.id) if GENERIC_ERROR in m.shown_text]
    assert not stub.unanswered_callbacks
    for method in ("sendMessage", "answerCallbackQuery", "getFile", "sendPhoto", "sendDocument"):
        assert [c.status for c in stub.calls(method)][:3] == [502, 502, 200], method
    stub.assert_no_api_errors()
