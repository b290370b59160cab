"""Telegram having a bad minute, through the real bot process: the front-end proxy answers `502 Bad Gateway` as an
HTML page (not JSON) at start-up and in the middle of conversations (issue 15, items 1 and 2)."""

from __future__ import annotations

import io
import os
import random
import re
from itertools import pairwise

import pytest
from openpyxl import load_workbook

from tests.conftest import SHARED_DATA
from tests.e2e.actions import db_rows
from tests.e2e.harness import BotProcess, free_port, webhook_env
from tests.e2e.quiz_player import answer, wait_question
from tests.stubapi import ChatMessage, SimUser, StubBotApi

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


# --- 10 % of all calls failing at random (issue 15, «Done when») --------------------------------------------------
# Seeded: each method's n-th call fails or not by the seed alone (see StubBotApi.fail_randomly). getUpdates is
# included: real Telegram fails it too, and aiogram's polling backs off (~1 s) and asks again, with no update lost.
# STUB_FAULT_SEED overrides the seed, to try others.
FAULT_SEED = int(os.environ.get("STUB_FAULT_SEED", "135"))
FAULT_RATE = 0.10
RESULT_RE = re.compile(r"Результат: (\d+) из (\d+) \((\d+) %\)")
PRACTICE_TOPIC = "Ключевые клиентские ценности (ККЦ)"
FAST = {"THROTTLE_RATE": "1000", "THROTTLE_BURST": "1000"}
WAIT = 45.0  # a step may meet several faults in a row, each a 1 s flood wait or a 0.5–4 s backoff


def _said(stub: StubBotApi, user: SimUser, text: str) -> list[ChatMessage]:
    return [m for m in stub.bot_messages(user.id) if text in m.shown_text]


async def _result(stub: StubBotApi, user: SimUser, after: int) -> ChatMessage:
    return await stub.wait_for(
        lambda: next((m for m in stub.bot_messages(user.id) if m.message_id > after and RESULT_RE.search(m.shown_text)),
                     None), WAIT, "the result screen", user.id)


def _attempt(bot: BotProcess, user: SimUser, kind: str) -> tuple:
    """(status, correct, total, questions answered) of the user's only attempt of `kind`."""
    rows = db_rows(bot, "select a.status, a.correct, a.total, (select count(*) from attempt_questions q "
                        "where q.attempt_id = a.id and q.answered_at is not null) from attempts a "
                        "where a.user_id = :user and a.kind = :kind", user=user.id, kind=kind)
    assert len(rows) == 1, rows
    return rows[0]


async def _practice_round(stub: StubBotApi, bot: BotProcess, user: SimUser, rng: random.Random) -> None:
    stub.send_text(user, "/quiz")
    topics = await stub.wait_message(user.id, "Тренировка: выберите тему", timeout=WAIT)
    topic = PRACTICE_TOPIC if PRACTICE_TOPIC in topics.button_labels() else topics.button_labels()[0]
    await stub.wait_callback_answer(stub.press(user, topics, topic), timeout=WAIT)
    first = await stub.wait_message(user.id, "Вопрос 1/", timeout=WAIT)
    total = int(re.search(r"Вопрос 1/(\d+)", first.shown_text).group(1))
    marks = []
    for position in range(total):
        q = await wait_question(stub, user, bot.database_url, position, timeout=WAIT)
        shown = await answer(stub, user, q, rng.random() < 0.6, rng, timeout=WAIT)
        verdict = shown.shown_text.split("\n\n")[1][:1]
        assert verdict in "✅❌", shown.shown_text
        marks.append(verdict)
        await stub.wait_callback_answer(stub.press(user, shown, "Итоги ▶" if position + 1 == total else "Дальше ▶"),
                                        timeout=WAIT)
    result = await _result(stub, user, first.message_id - 1)
    assert RESULT_RE.search(result.shown_text).groups()[:2] == (str(marks.count("✅")), str(total))
    assert _attempt(bot, user, "practice") == ("finished", marks.count("✅"), total, total)


async def _exam(stub: StubBotApi, bot: BotProcess, user: SimUser, rng: random.Random) -> None:
    mark = stub.bot_messages(user.id)[-1].message_id
    stub.send_text(user, "/exam")
    await stub.wait_message(user.id, "Вопрос 1/20", timeout=WAIT)
    wrong_at = {4, 11}
    for position in range(20):
        q = await wait_question(stub, user, bot.database_url, position, timeout=WAIT)
        await answer(stub, user, q, position not in wrong_at, rng, timeout=WAIT)
    result = await _result(stub, user, mark)
    assert RESULT_RE.search(result.shown_text).groups() == ("18", "20", "90")
    assert _attempt(bot, user, "exam") == ("finished", 18, 20, 20)
    certificate = await stub.wait_message(user.id, where=lambda m: m.photo is not None, after=mark, timeout=WAIT)
    (code,) = db_rows(bot, "select code from certificates where user_id = :user", user=user.id)[0]
    assert code in certificate.caption


async def _rfm(stub: StubBotApi, user: SimUser) -> None:
    data = (SHARED_DATA / "online_retail_sample_semicolon.csv").read_bytes()
    sent = stub.send_document(user, data, "sample.csv", "text/csv")
    await stub.wait_message(user.id, "RFM", after=sent.message_id, timeout=90)
    workbook = await stub.wait_message(user.id, where=lambda m: m.document is not None, after=sent.message_id,
                                       timeout=90)
    replies = [m for m in stub.bot_messages(user.id) if m.message_id > sent.message_id]
    assert len([m for m in replies if m.photo is not None]) == 1, "one chart"
    assert len([m for m in replies if m.document is not None]) == 1, "one workbook"
    assert len([m for m in replies if "RFM" in m.shown_text and m.media is None]) == 1, "one report"
    header = next(load_workbook(io.BytesIO(workbook.document.data), read_only=True).worksheets[0].iter_rows(
        max_row=1, values_only=True))
    assert header[:2] == ("Клиент", "Давность, дн"), header


async def _create_team(stub: StubBotApi, owner: SimUser, name: str) -> None:
    stub.send_text(owner, "/team")
    overview = await stub.wait_message(owner.id, "Моя команда", timeout=WAIT)
    await stub.wait_callback_answer(stub.press(owner, overview, "➕ Создать команду"), timeout=WAIT)
    await stub.wait_message(owner.id, "Как назовём команду", timeout=WAIT)
    stub.send_text(owner, name)
    qr = await stub.wait_message(owner.id, where=lambda m: m.photo is not None, timeout=WAIT)
    card = await stub.wait_message(owner.id, f"Команда «{name}»", timeout=WAIT)
    link = re.search(r"https://t\.me/sales_coach_test_bot\?start=join_([A-Za-z0-9_-]+)", card.shown_text)
    assert link and link.group(1) in qr.caption, card.shown_text
    assert len([m for m in stub.bot_messages(owner.id) if m.photo is not None]) == 1, "one QR code"
    assert len(_said(stub, owner, f"Команда «{name}»")) == 1, "one team card"


def _duplicates(stub: StubBotApi, user: SimUser) -> list[str]:
    """Bot messages sent twice in a row with the same content: a call retried after Telegram had executed it."""
    def key(m: ChatMessage) -> tuple:
        return m.shown_text, m.media.kind if m.media else None, m.media.size if m.media else None

    messages = stub.bot_messages(user.id)
    return [m.shown_text[:80] for before, m in pairwise(messages) if key(before) == key(m)]


async def test_ten_percent_of_calls_failing_lose_nothing(stub: StubBotApi, bot_factory,  # type: ignore[no-untyped-def]
                                                          request: pytest.FixtureRequest) -> None:
    """A practice round, an exam, an RFM upload and a team creation while each call (getUpdates included) fails
    with a 429 or a 502 page one time in ten: every flow ends, nothing is said twice or lost, no generic error.
    The faults per method are printed (pytest -s or -rP) and kept as the test's `injected_faults` property."""
    stub.fail_randomly(FAULT_RATE, seed=FAULT_SEED)
    bot: BotProcess = bot_factory(extra_env=FAST)
    await bot.start(timeout=60)
    rng = random.Random(FAULT_SEED)
    gleb = stub.user(5101, "Глеб", last_name="Орлов")
    olga = stub.user(5102, "Ольга", last_name="Смирнова")
    try:
        await _practice_round(stub, bot, gleb, rng)
        await _exam(stub, bot, gleb, rng)
        await _rfm(stub, gleb)
        await _create_team(stub, olga, "Отдел продаж")
    finally:
        summary = (f"injected faults (seed {FAULT_SEED}, {sum(stub.random_faults.values())} of {len(stub.calls())} "
                   f"calls):\n{stub.random_fault_summary()}")
        print(f"\n{summary}")
        request.node.user_properties.append(("injected_faults", summary))
    stub.stop_failing_randomly()

    for user in (gleb, olga):
        shown = [text for m in stub.messages(user.id, include_deleted=True) if m.from_bot
                 for text in (m.shown_text, *(str(h) for h in m.history))]
        assert not [text for text in shown if GENERIC_ERROR in text], stub.transcript(user.id)
        assert not _duplicates(stub, user), stub.transcript(user.id)
    assert not stub.unanswered_callbacks
    assert not stub.stub_failures
    stub.assert_no_api_errors()
    assert sum(stub.random_faults.values()) >= 10, stub.random_fault_summary()
    assert "Traceback" not in bot.log_text()
