"""Attestation through the real bot process: a whole practice round, a whole exam, kill -9 mid-exam."""

from __future__ import annotations

import random
import re

from sqlalchemy import text

from tests.databases import connect
from tests.e2e.harness import BotProcess
from tests.e2e.quiz_player import answer, current_question, question_message
from tests.stubapi import StubBotApi

RESULT_RE = re.compile(r"Результат: (\d+) из (\d+) \((\d+) %\)")
FAST = {"THROTTLE_RATE": "1000", "THROTTLE_BURST": "1000"}


async def test_practice_round_checkmarks_equal_result(stub: StubBotApi, bot_factory) -> None:  # type: ignore[no-untyped-def]
    bot = bot_factory(extra_env=FAST)
    await bot.start()
    rng = random.Random(11)
    anna = stub.user(2001, "Анна")
    stub.send_text(anna, "/quiz")
    topics = await stub.wait_message(anna.id, "Тренировка: выберите тему")
    stub.press(anna, topics, "Ключевые клиентские ценности (ККЦ)" if "Ключевые клиентские ценности (ККЦ)"
               in topics.button_labels() else topics.button_labels()[0])
    first = await stub.wait_message(anna.id, "Вопрос 1/")
    total = int(re.search(r"Вопрос 1/(\d+)", first.shown_text).group(1))
    marks = []
    for _ in range(total):
        q = current_question(bot.database_url, anna.id)
        shown = await answer(stub, anna, q, rng.random() < 0.6, rng)
        verdict = shown.shown_text.split("\n\n")[1][:1]
        assert verdict in "✅❌", shown.shown_text
        marks.append(verdict)
        query = stub.press(anna, shown, "Итоги ▶" if q.position + 1 == total else "Дальше ▶")
        await stub.wait_callback_answer(query)
    result = await stub.wait_for(lambda: next((m for m in reversed(stub.bot_messages(anna.id))
                                               if RESULT_RE.search(m.shown_text)), None))
    x, y, _ = RESULT_RE.search(result.shown_text).groups()
    assert int(x) == marks.count("✅") and int(y) == total
    assert not stub.unanswered_callbacks
    stub.assert_no_api_errors()


async def test_exam_kill9_resumes_same_question_and_passes(stub: StubBotApi, bot_factory) -> None:  # type: ignore[no-untyped-def]
    bot: BotProcess = bot_factory(extra_env=FAST)
    await bot.start()
    rng = random.Random(12)
    boris = stub.user(2002, "Борис", last_name="Смирнов")
    stub.send_text(boris, "/exam")
    await stub.wait_message(boris.id, "Вопрос 1/20")
    wrong_at = {2, 13}
    for _ in range(7):
        q = current_question(bot.database_url, boris.id)
        shown = await answer(stub, boris, q, q.position not in wrong_at, rng)
        assert "✅" not in shown.shown_text and "❌" not in shown.shown_text

    await bot.kill9()
    await bot.start()

    q = current_question(bot.database_url, boris.id)
    assert q.position == 7
    stub.send_text(boris, "/exam")
    offer = await stub.wait_message(boris.id, "незавершённая попытка")
    assert "вопрос 8 из 20" in offer.shown_text
    stub.press(boris, offer, "▶ Продолжить")
    await stub.wait_for(lambda: "Вопрос 8/20" in stub.bot_messages(boris.id)[-1].shown_text)
    while True:
        q = current_question(bot.database_url, boris.id)
        await answer(stub, boris, q, q.position not in wrong_at, rng)
        if q.position == 19:
            break
    result = await stub.wait_for(lambda: next((m for m in reversed(stub.bot_messages(boris.id))
                                               if RESULT_RE.search(m.shown_text)), None))
    assert RESULT_RE.search(result.shown_text).groups() == ("18", "20", "90")
    certificate = await stub.wait_message(boris.id, where=lambda m: m.photo is not None, after=0)
    with connect(bot.database_url) as conn:
        answered = conn.execute(text("select count(*) from attempt_questions where answered_at is not null")).one()
        (code,) = conn.execute(text("select code from certificates")).one()
    assert tuple(answered) == (20,)
    assert code in certificate.caption
    stranger = stub.user(2003, "Гость")
    stub.send_text(stranger, f"/verify {code}")
    await stub.wait_message(stranger.id, "действителен")
    stub.assert_no_api_errors()


async def test_cancel_pauses_the_exam_through_a_restart_and_one_copy_stays_live(  # type: ignore[no-untyped-def]
        stub: StubBotApi, bot_factory) -> None:
    """Issue 13, items 2 and 3 against Telegram's rules: a stray text re-sends the question and the copy above
    loses its buttons; after /cancel the question's buttons only offer «Продолжить», also after kill -9."""
    bot: BotProcess = bot_factory(extra_env=FAST)
    await bot.start()
    rng = random.Random(13)
    vera = stub.user(2004, "Вера", last_name="Орлова")
    stub.send_text(vera, "/exam")
    await stub.wait_message(vera.id, "Вопрос 1/20")
    while (q := current_question(bot.database_url, vera.id)).instance["type"] == "numeric":
        await answer(stub, vera, q, True, rng)
    first = question_message(stub, vera, q)

    stub.send_text(vera, "привет")  # a stray text: the question again, below
    again = await stub.wait_message(vera.id, f"Вопрос {q.position + 1}/20", after=first.message_id)
    await stub.wait_for(lambda: not stub.chat(vera.id).messages[first.message_id].button_labels())
    assert again.button_labels()

    stub.send_text(vera, "/cancel")
    await stub.wait_message(vera.id, "Попытка сохранена, продолжить: /exam")
    label = again.button_labels()[0]
    pressed = stub.press(vera, again, label)
    assert (await stub.wait_callback_answer(pressed)).answer_text == "Эта попытка на паузе — продолжить?"
    paused = await stub.wait_edit(vera.id, again.message_id, contains="на паузе")
    assert paused.button_labels() == ["▶ Продолжить"]

    await bot.kill9()
    await bot.start()
    assert current_question(bot.database_url, vera.id).position == q.position  # nothing was answered
    stub.press(vera, paused, "▶ Продолжить")
    await stub.wait_edit(vera.id, again.message_id, contains=f"Вопрос {q.position + 1}/20")
    await answer(stub, vera, current_question(bot.database_url, vera.id), True, rng)
    await stub.wait_for(lambda: current_question(bot.database_url, vera.id).position == q.position + 1)
    assert not stub.unanswered_callbacks
    stub.assert_no_api_errors()
