"""Live hiring interviews (a head-of-sales candidate) through the real Dispatcher: cards, ratings, flags, notes,
salary, scorecard, exports, double taps, forged buttons, a restart in the middle and /candidates."""

from __future__ import annotations

import io

import openpyxl
from aiogram import Dispatcher
from aiogram.methods import AnswerCallbackQuery, SendDocument
from aiogram.types import User as TgUser
from sqlalchemy import select

from db.models import Interview, InterviewAnswer
from handlers.interviews.callbacks import LinkCallback, StepCallback
from services.interviews.engine.content import default_scripts
from tests.dispatcher.conftest import Chatter, new_dispatcher

HIRING = default_scripts().hiring
COMPETENCIES = len(HIRING.competencies)


async def _interviews(session_factory) -> list[Interview]:  # type: ignore[no-untyped-def]
    async with session_factory() as session:
        return list((await session.execute(select(Interview).order_by(Interview.id))).scalars())


async def _answers(session_factory, interview_id: int) -> dict[str, InterviewAnswer]:  # type: ignore[no-untyped-def]
    async with session_factory() as session:
        rows = (await session.execute(select(InterviewAnswer).where(
            InterviewAnswer.interview_id == interview_id))).scalars()
        return {row.item_id: row for row in rows}


async def _start_live(chatter: Chatter, name: str) -> None:
    await chatter.send("/interview")
    await chatter.press(chatter.button_data("Провести собеседование"))
    assert "Как зовут кандидата" in chatter.last_text()
    await chatter.send(name)


def _callback_answers(chatter: Chatter) -> list[str | None]:
    return [answer.text for answer in chatter.session.sent(AnswerCallbackQuery)]


async def test_live_interview_to_scorecard_with_exports(alice: Chatter, session_factory) -> None:
    await _start_live(alice, "Иван <Грозный> & Co")
    texts = alice.session.texts()
    assert any("Частая ошибка — сделать руководителем лучшего менеджера" in t for t in texts), "the briefing"
    assert f"Компетенция 1 из {COMPETENCIES}" in alice.last_text()
    assert "Как контролировали менеджеров по продажам?" in alice.last_text()  # the seed's question
    ratings = [4, 3, None, 4, 3, 4, 4, 3, 4, 4, 3, 4, 3, 4]  # None: skipped
    for position, rating in enumerate(ratings):
        assert f"Компетенция {position + 1} из {COMPETENCIES}" in alice.last_text()
        if rating is None:
            await alice.press(alice.button_data("Пропустить"))
            continue
        await alice.press(alice.button_data(str(rating)))
        assert f"Ваша оценка: <b>{rating}</b>" in alice.last_text()
        if position == 0:
            await alice.press(alice.button_data("⚪ Говорит только о своих"))
            assert "Отмечено:</b> Говорит только о своих личных продажах" in alice.last_text()
            assert alice.button_data("🔴 Говорит только о своих")  # the button now switches it off
            await alice.send("Про планёрки <b>не</b> рассказал")
            assert "📝 Про планёрки &lt;b&gt;не&lt;/b&gt; рассказал" in alice.last_text()
        await alice.press(alice.button_data("Дальше"))
    assert "Ожидания по доходу" in alice.last_text()
    await alice.send("250 000 ₽ + бонус от плана отдела")
    assert "Ответ: 250 000 ₽ + бонус от плана отдела" in alice.last_text()
    await alice.press(alice.button_data("Итоги"))
    scorecard = alice.last_text()
    assert "Оценка кандидата: Иван &lt;Грозный&gt; &amp; Co" in scorecard
    assert "Ожидания по доходу: 250 000 ₽ + бонус от плана отдела" in scorecard
    assert "Говорит только о своих личных продажах" in scorecard and "(критический)" in scorecard
    assert "Рекомендация: <b>Обсудить</b>" in scorecard  # a critical flag blocks «Нанимать»

    interview = (await _interviews(session_factory))[0]
    assert interview.status == "done" and interview.subject == "Иван <Грозный> & Co"
    answers = await _answers(session_factory, interview.id)
    given = {HIRING.competencies[k].id: r for k, r in enumerate(ratings)}
    assert {cid: answers[cid].rating for cid in given} == given
    skipped_id = HIRING.competencies[2].id
    assert answers[skipped_id].skipped and answers[skipped_id].rating is None
    first = answers[HIRING.competencies[0].id]
    assert first.red_flags == ["own_sales_only"] and first.note == "Про планёрки <b>не</b> рассказал"

    await alice.press(alice.button_data("Excel"))
    await alice.press(alice.button_data("PDF"))
    xlsx, pdf = (request.document for request in alice.session.sent(SendDocument)[-2:])
    assert xlsx.filename.endswith(".xlsx") and pdf.filename.endswith(".pdf")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.data)).active
    assert sheet["B1"].value == "Иван <Грозный> & Co" and sheet["B2"].value == "Обсудить"
    assert pdf.data.startswith(b"%PDF")


async def test_double_taps_and_stale_buttons_change_nothing_twice(alice: Chatter, session_factory) -> None:
    await _start_live(alice, "Анна")
    interview = (await _interviews(session_factory))[0]
    stale_rate = alice.button_data("1")  # the card's «1», pressed again after the step has moved on
    rate = alice.button_data("3")
    await alice.press(rate)
    await alice.press(rate)
    flag_on = alice.button_data("⚪ " + HIRING.competencies[0].red_flags[1].text[:20])
    await alice.press(flag_on)
    await alice.press(flag_on)  # the same button again: set, not flip
    answers = await _answers(session_factory, interview.id)
    assert answers["control"].rating == 3
    assert answers["control"].red_flags == [HIRING.competencies[0].red_flags[1].id]
    next_step = alice.button_data("Дальше")
    await alice.press(next_step)
    await alice.press(next_step)
    assert (await _interviews(session_factory))[0].current_index == 1
    assert _callback_answers(alice)[-1] == "Этот шаг уже позади — показываю текущий."
    assert "Компетенция 2 из" in alice.last_text()
    await alice.press(stale_rate)  # a stale rating button
    assert (await _answers(session_factory, interview.id))["control"].rating == 3


async def test_interview_survives_a_restart(alice: Chatter, session_factory, settings, engine,  # type: ignore[no-untyped-def]
                                            fsm_factory) -> None:
    await _start_live(alice, "Олег")
    await alice.press(alice.button_data("2"))
    await alice.press(alice.button_data("Дальше"))
    # A new process: fresh Dispatcher and storage over the same database.
    restarted: Dispatcher = new_dispatcher(settings, engine, session_factory, fsm_factory)
    again = Chatter(restarted, alice.bot, alice.session, alice.user)
    again._ids = iter(range(10_000, 20_000))  # message ids keep growing, as in Telegram
    await again.send("Дашборд собирал вручную в Excel")
    interview = (await _interviews(session_factory))[0]
    assert (await _answers(session_factory, interview.id))["dashboard"].note == "Дашборд собирал вручную в Excel"
    assert "Компетенция 2 из" in again.last_text() and "📝 Дашборд собирал вручную" in again.last_text()
    await again.send("/interviews")
    assert "Олег" in again.last_text() and "в процессе: шаг 2 из" in again.last_text()
    await again.press(again.button_data("1. ▶ Продолжить: Олег"))
    assert "Компетенция 2 из" in again.last_text()


async def test_another_user_cannot_touch_the_interview(alice: Chatter, dispatcher, bot, recording,  # type: ignore[no-untyped-def]
                                                       session_factory) -> None:
    await _start_live(alice, "Виктор")
    interview = (await _interviews(session_factory))[0]
    await alice.press(alice.button_data("4"))
    mallory = Chatter(dispatcher, bot, recording, TgUser(id=666, is_bot=False, first_name="Mallory"))
    documents = len(recording.sent(SendDocument))
    for data in (StepCallback(i=interview.id, a="r", p=0, v=1).pack(),
                 StepCallback(i=interview.id, a="n", p=0).pack(),
                 StepCallback(i=interview.id, a="o").pack(),
                 StepCallback(i=interview.id, a="x", v=0).pack(),
                 LinkCallback(i=interview.id, a="revoke").pack()):
        await mallory.press(data)
        assert "нет доступа" in (_callback_answers(mallory)[-1] or "").lower()
    assert len(recording.sent(SendDocument)) == documents
    assert (await _answers(session_factory, interview.id))["control"].rating == 4
    assert (await _interviews(session_factory))[0].current_index == 0
    await mallory.send("/interviews")
    assert "Интервью пока нет" in mallory.last_text()


async def _quick_interview(chatter: Chatter, name: str, rating: int) -> None:
    await _start_live(chatter, name)
    for _ in range(COMPETENCIES):
        await chatter.press(chatter.button_data(str(rating)))
        await chatter.press(chatter.button_data("Дальше"))
    await chatter.press(chatter.button_data("Итоги"))


async def test_candidates_are_compared_side_by_side(alice: Chatter) -> None:
    await alice.send("/candidates")
    assert "Пока нет оценённых кандидатов" in alice.last_text()
    await _quick_interview(alice, "Слабый <Сергей>", 2)
    await _quick_interview(alice, "Сильная Мария", 4)
    await alice.send("/candidates")
    text = alice.last_text()
    assert "Сравнение кандидатов" in text
    assert text.index("Сильная Мария") < text.index("Слабый &lt;Сергей&gt;")  # the best first
    assert "Нанимать" in text and "Не нанимать" in text
    await alice.press(alice.button_data("Excel"))
    workbook = openpyxl.load_workbook(io.BytesIO(alice.session.sent(SendDocument)[-1].document.data))
    header = [cell.value for cell in next(workbook.active.iter_rows(max_row=1))]
    assert header[3:] == ["Сильная Мария", "Слабый <Сергей>"]


async def test_a_name_prompt_from_before_the_rename_still_starts_the_interview(alice: Chatter, dispatcher,  # type: ignore[no-untyped-def]
                                                                               session_factory) -> None:
    await alice.send("/interview")
    await alice.press(alice.button_data("Провести собеседование"))
    state = dispatcher.fsm.get_context(alice.bot, chat_id=alice.user.id, user_id=alice.user.id)
    await state.update_data(script="rop")  # what the bot stored before the kit was called «hiring»
    await alice.send("Пётр")
    assert f"Компетенция 1 из {COMPETENCIES}" in alice.last_text()
    assert [interview.script for interview in await _interviews(session_factory)] == ["hiring"]


async def test_cancel_leaves_the_name_prompt_and_buttons_sent_before_keep_working(alice: Chatter,
                                                                                   session_factory) -> None:
    await alice.send("/interview")
    await alice.press(alice.button_data("Провести собеседование"))
    await alice.press(alice.button_data("Отмена"))
    assert "Собеседование руководителя отдела продаж" in alice.last_text()
    await alice.send("Пётр")  # no longer a candidate's name
    assert await _interviews(session_factory) == []
    # Callback data as the bot sent it before the typed factories: the menu's section, start, list, compare.
    for data, shows in (("m:rop", "Собеседование руководителя отдела продаж"),
                        ("im:live:rop", "Как зовут кандидата"),
                        ("im:list:", "Интервью пока нет"),
                        ("im:cmp:", "Пока нет оценённых кандидатов")):
        await alice.press(data)
        assert shows in alice.last_text()
