"""Guided interviews through the real bot process and the stub Bot API (issue 6, «Done when»)."""

from __future__ import annotations

import io
import re

import openpyxl

from handlers.interviews.callbacks import StepCallback
from services.interviews.engine.content import default_scripts
from tests.e2e.actions import db_rows, tap
from tests.e2e.harness import BotProcess
from tests.stubapi import ChatMessage, SimUser, StubBotApi

FAST = {"THROTTLE_RATE": "1000", "THROTTLE_BURST": "1000"}
SCRIPTS = default_scripts()
COMPETENCIES = len(SCRIPTS.hiring.competencies)
REMOTE_QUESTIONS = len(SCRIPTS.hiring.remote_questions())
LINK_RE = re.compile(r"https://t\.me/sales_coach_test_bot\?start=(cand_[A-Za-z0-9_-]+)")


async def tap_shown(stub: StubBotApi, user: SimUser, message: ChatMessage, button: str, shows: str) -> ChatMessage:
    """Press a button and wait for what shows `shows`: the same message edited, or — when typed notes buried
    the card — the next screen sent at the bottom of the chat."""
    await stub.wait_callback_answer(stub.press(user, message, button))
    return await stub.wait_shown(user.id, shows)


async def start_bot(bot_factory) -> BotProcess:  # type: ignore[no-untyped-def]
    bot: BotProcess = bot_factory(extra_env=FAST)
    await bot.start()
    return bot


async def test_live_hiring_interview_to_scorecard_across_a_crash(stub: StubBotApi, bot_factory) -> None:  # type: ignore[no-untyped-def]
    bot = await start_bot(bot_factory)
    anna = stub.user(3001, "Анна")
    stub.send_text(anna, "/interview")
    home = await stub.wait_message(anna.id, "Собеседование руководителя отдела продаж")
    await tap(stub, anna, home, "🎙 Провести собеседование", "Как зовут кандидата")
    stub.send_text(anna, "Иван <Петров> & сыновья")
    card = await stub.wait_message(anna.id, f"Компетенция 1 из {COMPETENCIES}")
    card = await tap(stub, anna, card, "4", "Ваша оценка: 4")
    card = await tap(stub, anna, card, "⚪ Говорит только о своих личных продажах", "Отмечено:")
    stub.send_text(anna, "Рассказывал только про свои <сделки>")
    # The note: a line under it, and the card above edited in place.
    card = await stub.wait_shown(anna.id, "📝 Рассказывал только про свои <сделки>")
    ratings = [4, 3, 2, 4, 3, 4, 3, 4, 3, 4, 4, 4, 3, 4]
    for position in range(COMPETENCIES):
        if position == 5:
            await bot.kill9()  # a crash in the middle: state and answers are in the database
            await bot.start()
        if position:
            card = await tap(stub, anna, card, str(ratings[position]), f"Ваша оценка: {ratings[position]}")
        following = f"Компетенция {position + 2} из" if position + 1 < COMPETENCIES else "Ожидания по доходу"
        card = await tap_shown(stub, anna, card, "Дальше ▶", following)
    stub.send_text(anna, "200 000 оклад + бонус за план отдела")
    card = await stub.wait_shown(anna.id, "Ответ: 200 000 оклад + бонус за план отдела")
    scorecard = await tap_shown(stub, anna, card, "Итоги ▶", "Оценка кандидата: Иван <Петров> & сыновья")
    text = scorecard.shown_text
    assert "Рекомендация: Обсудить" in text and "Говорит только о своих личных продажах" in text
    assert "Ожидания по доходу: 200 000 оклад + бонус за план отдела" in text

    await stub.wait_callback_answer(stub.press(anna, scorecard, "📊 Excel"))
    xlsx = await stub.wait_message(anna.id, where=lambda m: m.document is not None)
    assert openpyxl.load_workbook(io.BytesIO(xlsx.document.data)).active["B1"].value == "Иван <Петров> & сыновья"
    await stub.wait_callback_answer(stub.press(anna, scorecard, "📄 PDF"))
    pdf = await stub.wait_message(anna.id, where=lambda m: m.document is not None and m.message_id > xlsx.message_id)
    assert pdf.document.data.startswith(b"%PDF") and pdf.document.file_name.endswith(".pdf")
    assert db_rows(bot, "select rating from interview_answers where item_id = 'missed_metrics'") == [(2,)]
    assert not stub.unanswered_callbacks
    stub.assert_no_api_errors()


async def test_remote_interview_candidate_answers_owner_rates(stub: StubBotApi, bot_factory) -> None:  # type: ignore[no-untyped-def]
    await start_bot(bot_factory)
    anna = stub.user(3101, "Анна")
    boris = stub.user(3102, "Борис", last_name="Кандидатов")
    stub.send_text(anna, "/interview")
    home = await stub.wait_message(anna.id, "Собеседование руководителя отдела продаж")
    await tap(stub, anna, home, "🔗 Ссылка для кандидата", "Как зовут кандидата")
    stub.send_text(anna, "Борис К.")
    link = await stub.wait_message(anna.id, "Ссылка для кандидата: Борис К.")
    payload = LINK_RE.search(link.shown_text).group(1)

    stub.send_text(boris, f"/start {payload}")
    await stub.wait_message(boris.id, f"Вопрос 1 из {REMOTE_QUESTIONS}")
    voice = None
    for index in range(REMOTE_QUESTIONS):
        if index == 2:
            voice = stub.send_voice(boris, b"OggS" + bytes(2000), duration=14)
        else:
            stub.send_text(boris, f"Ответ {index + 1}: план <выполняли> руками отдела & по CRM")
        expected = f"Вопрос {index + 2} из" if index + 1 < REMOTE_QUESTIONS else "Спасибо!"
        await stub.wait_message(boris.id, expected)
    for message in stub.bot_messages(boris.id):
        assert not any(word in message.shown_text for word in ("Как оценить", "Красные флаги", "Рекомендация"))

    notice = await stub.wait_message(anna.id, "ответил на все вопросы")
    card = await tap(stub, anna, notice, "▶ Оценить ответы", "Ответ 1 из")
    assert "план <выполняли> руками отдела & по CRM" in card.shown_text
    for position in range(COMPETENCIES):
        if position == 2:
            assert "Голосовой ответ" in card.shown_text
            await stub.wait_callback_answer(stub.press(anna, card, "🎤 Прослушать ответ"))
            replay = await stub.wait_message(anna.id, where=lambda m: m.voice is not None)
            assert voice is not None and replay.voice.file_id == voice.voice.file_id
        card = await tap(stub, anna, card, "3" if position % 3 else "4", "Ваша оценка")
        following = f"Ответ {position + 2} из" if position + 1 < COMPETENCIES else "Ожидания по доходу"
        card = await tap(stub, anna, card, "Дальше ▶", following)
    scorecard = await tap(stub, anna, card, "Итоги ▶", "Оценка кандидата: Борис К.")
    assert "Рекомендация: Нанимать" in scorecard.shown_text

    # The candidate tries to see the scorecard (forged buttons) and to use the link again.
    interview_id = StepCallback.unpack(scorecard.inline_buttons()[0]["callback_data"]).i
    before = len(stub.bot_messages(boris.id))
    last = stub.bot_messages(boris.id)[-1]
    for data in (StepCallback(i=interview_id, a="o").pack(), StepCallback(i=interview_id, a="x", v=1).pack()):
        answered = await stub.wait_callback_answer(stub.press_forged(boris, last, data))
        assert "нет доступа" in (answered.answer_text or "").lower()
    stub.send_text(boris, f"/start {payload}")
    await stub.wait_message(boris.id, "уже ответили")
    assert len(stub.bot_messages(boris.id)) == before + 1
    assert all(m.document is None for m in stub.bot_messages(boris.id))
    mallory = stub.user(3103, "Mallory")
    stub.send_text(mallory, f"/start {payload}")
    await stub.wait_message(mallory.id, "Ссылка уже использована")
    assert not stub.unanswered_callbacks
    stub.assert_no_api_errors()


async def test_custdev_interview_with_tags_to_summary(stub: StubBotApi, bot_factory) -> None:  # type: ignore[no-untyped-def]
    await start_bot(bot_factory)
    vera = stub.user(3201, "Вера")
    stub.send_text(vera, "/custdev")
    home = await stub.wait_message(vera.id, "CustDev-интервью")
    await tap(stub, vera, home, "🎙 Новое интервью", "С кем интервью")
    stub.send_text(vera, "Кофейня «Зёрна»")
    card = await stub.wait_message(vera.id, "Вопрос 1 из")
    assert "Не продавайте" in card.shown_text  # the anti-pitch warning on every question
    stub.send_text(vera, "Поставщик <опять> сорвал поставку & мы потеряли выручку за день")
    card = await stub.wait_shown(vera.id, "Ответ: «Поставщик <опять> сорвал поставку")
    card = await tap(stub, vera, card, "▫️ боль", "Теги: боль")
    card = await tap(stub, vera, card, "▫️ цитата", "Теги: боль, цитата")
    card = await tap_shown(stub, vera, card, "Дальше ▶", "Вопрос 2 из")
    stub.send_voice(vera, b"OggS" + bytes(1000), duration=20)
    card = await stub.wait_shown(vera.id, "Голосовой ответ записан")
    card = await tap(stub, vera, card, "▫️ текущее решение", "Теги: текущее решение")
    summary = await tap_shown(stub, vera, card, "🏁 Завершить интервью", "Итоги интервью: Кофейня «Зёрна»")
    assert "боль — 1" in summary.shown_text and "текущее решение — 1" in summary.shown_text
    assert "«Поставщик <опять> сорвал поставку & мы потеряли выручку за день»" in summary.shown_text
    await stub.wait_callback_answer(stub.press(vera, summary, "📈 Итоги по всем интервью"))
    insights = await stub.wait_message(vera.id, "Итоги CustDev: 1 интервью")
    assert "Кандидаты в ККЦ" in insights.shown_text
    assert not stub.unanswered_callbacks
    stub.assert_no_api_errors()


async def test_audit_to_a_training_programme(stub: StubBotApi, bot_factory) -> None:  # type: ignore[no-untyped-def]
    await start_bot(bot_factory)
    gleb = stub.user(3301, "Глеб")
    stub.send_text(gleb, "/audit")
    home = await stub.wait_message(gleb.id, "Аудит системности бизнеса")
    await tap(stub, gleb, home, "▶ Начать аудит", "Какую компанию проверяем")
    stub.send_text(gleb, "ООО «Окна»")
    items = SCRIPTS.audit.items
    card = await stub.wait_message(gleb.id, f"Пункт 1 из {len(items)}")
    position = 0
    while position < len(items):
        item = items[position]
        score = "0 · нет" if item.id == "crm" else ("1 · частично" if position % 2 else "2 · системно")
        # No CRM: the three checks of CRM hygiene are not asked.
        following = position + 4 if item.id == "crm" else position + 1
        shows = f"Пункт {following + 1} из" if following < len(items) else "Аудит системности:"
        card = await tap(stub, gleb, card, score, shows)
        position = following
    result = card.shown_text
    assert "Маркетинг —" in result and "Отдел продаж —" in result and "Сервис —" in result
    assert "Рекомендуемая программа обучения" in result
    topics = [label for label in card.button_labels() if label.startswith("📖")]
    assert topics, card.button_labels()
    await stub.wait_callback_answer(stub.press(gleb, card, topics[0]))
    lesson = await stub.wait_message(gleb.id, "Типичная ошибка")
    assert topics[0].removeprefix("📖 ") in lesson.shown_text
    assert not stub.unanswered_callbacks
    stub.assert_no_api_errors()
