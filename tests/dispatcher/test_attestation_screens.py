"""Issue 13 for the attestation, played as a person does (buttons pressed by their label):
item 2 — /cancel and /menu pause an attempt, its old buttons offer «Продолжить», the pause survives a restart;
item 3 — exactly one live copy of a question; item 6 — the review after an exam, /results without mixed signals;
item 8 — the profile's name, the certificate's bot, deep link and team."""

from __future__ import annotations

import html
import random
import re
from datetime import UTC, datetime, timedelta

from aiogram.methods import AnswerCallbackQuery, EditMessageReplyMarkup, EditMessageText, SendPhoto
from sqlalchemy import func, select

from db.models import Attempt, AttemptQuestion, Certificate, User
from db.repositories.teams import TeamRepository
from db.repositories.users import TelegramProfile, UserRepository
from tests.dispatcher.conftest import Chatter, new_dispatcher
from tests.dispatcher.quiz_player import answer_current, exact_button, instance_at, option_label

RESULT_RE = re.compile(r"Результат: (\d+) из (\d+) \((\d+) %\)")
PAUSED_TOAST = "Эта попытка на паузе — продолжить?"


async def _attempt(session_factory) -> Attempt:  # type: ignore[no-untyped-def]
    async with session_factory() as session:
        return (await session.execute(select(Attempt).order_by(Attempt.id.desc()))).scalars().first()


async def _answered(session_factory, attempt_id: int) -> int:  # type: ignore[no-untyped-def]
    async with session_factory() as session:
        return (await session.execute(select(func.count()).select_from(AttemptQuestion).where(
            AttemptQuestion.attempt_id == attempt_id, AttemptQuestion.answered_at.is_not(None)))).scalar_one()


async def _to_single_choice(chatter: Chatter, session_factory, attempt_id: int,  # type: ignore[no-untyped-def]
                            rng: random.Random) -> tuple[int, str]:
    """Answer the exam until a one-answer question is on screen: (its position, the data of its first option)."""
    position = 0
    while (inst := await instance_at(session_factory, attempt_id, position)).type != "single":
        await answer_current(chatter, session_factory, attempt_id, position, True, rng)
        position += 1
    return position, exact_button(chatter, option_label(inst, 0))


def _toast(chatter: Chatter) -> str:
    return chatter.session.sent(AnswerCallbackQuery)[-1].text or ""


def _edits_of(chatter: Chatter, message_id: int) -> list[EditMessageText]:
    return [r for r in chatter.session.sent(EditMessageText) if r.message_id == message_id]


def _dropped(chatter: Chatter, message_id: int) -> bool:
    return any(r.message_id == message_id and r.reply_markup is None
               for r in chatter.session.sent(EditMessageReplyMarkup))


# ---- item 2: /cancel and /menu pause the attempt; its buttons wait for «Продолжить» -----------------------

async def test_cancel_pauses_the_exam_and_its_buttons_offer_to_continue(  # type: ignore[no-untyped-def]
        alice: Chatter, session_factory, settings, engine, fsm_factory, bot, recording) -> None:
    rng = random.Random(21)
    await alice.send("/exam")
    attempt = await _attempt(session_factory)
    position, tap = await _to_single_choice(alice, session_factory, attempt.id, rng)
    question = alice.session.message_with_button(tap)
    assert question is not None

    await alice.send("/cancel")
    assert "сценарий прерван" in alice.last_text()
    assert f"Экзамен, вопрос {position + 1} из 20 — на паузе. Попытка сохранена, продолжить: /exam" in alice.last_text()
    await alice.press(tap, question)  # the question's own button, after /cancel
    assert _toast(alice) == PAUSED_TOAST
    shown = _edits_of(alice, question)[-1]
    assert "на паузе" in shown.text and [b.text for r in shown.reply_markup.inline_keyboard for b in r] == [
        "▶ Продолжить"]
    assert await _answered(session_factory, attempt.id) == position  # nothing answered, nothing moved

    # The bot restarts: the pause is in the database, the old button still only offers to continue.
    restarted = Chatter(new_dispatcher(settings, engine, session_factory, fsm_factory), bot, recording, alice.user)
    await restarted.press(tap, question)
    assert _toast(restarted) == PAUSED_TOAST
    assert await _answered(session_factory, attempt.id) == position
    await restarted.press(restarted.button_data("Продолжить"))
    assert f"Вопрос {position + 1}/20" in restarted.last_text()
    assert (await _attempt(session_factory)).paused_at is None
    await restarted.press(tap)  # the question is live again: the same button answers now
    assert await _answered(session_factory, attempt.id) == position + 1

    # /menu pauses too; /exam offers the attempt back and «Продолжить» there goes on.
    await restarted.send("/menu")
    assert "на паузе. Попытка сохранена, продолжить: /exam" in restarted.last_text()
    assert (await _attempt(session_factory)).paused_at is not None
    await restarted.send("/exam")
    assert "незавершённая попытка" in restarted.last_text()
    await restarted.press(restarted.button_data("Продолжить"))
    assert f"Вопрос {position + 2}/20" in restarted.last_text()
    assert (await _attempt(session_factory)).paused_at is None


async def test_menu_pauses_a_practice_and_a_typed_reply_answers_nothing(alice: Chatter, session_factory) -> None:
    await alice.send("/quiz")
    topic = alice.last_markup().inline_keyboard[0][0].text
    await alice.press(alice.button_data(topic))
    attempt = await _attempt(session_factory)
    await alice.send("/menu")
    assert f"Тренировка «{topic}», вопрос 1 из {attempt.total} — на паузе" in alice.last_text()
    assert "продолжить: /quiz" in alice.last_text()
    await alice.send("42")  # not an answer any more
    assert await _answered(session_factory, attempt.id) == 0
    await alice.send("/quiz")  # /quiz and the same topic: the paused practice is offered back
    await alice.press(alice.button_data(topic))
    assert "незавершённая попытка" in alice.last_text()
    await alice.press(alice.button_data("Продолжить"))
    assert f"Вопрос 1/{attempt.total}" in alice.last_text()
    assert (await _attempt(session_factory)).paused_at is None


# ---- item 3: exactly one live copy of a question -----------------------------------------------------------

async def test_a_question_shown_again_retires_the_copy_above(alice: Chatter, session_factory) -> None:
    rng = random.Random(22)
    await alice.send("/exam")
    attempt = await _attempt(session_factory)
    position, tap = await _to_single_choice(alice, session_factory, attempt.id, rng)
    first = alice.session.message_with_button(tap)

    await alice.send("привет")  # a stray text: the question comes again below it
    assert "Ответьте кнопками под вопросом" in alice.session.texts()[-2]
    again = alice.session.message_with_button(tap)
    assert again != first and f"Вопрос {position + 1}/20" in alice.last_text()
    assert _dropped(alice, first), "the copy above must lose its buttons"

    await alice.press(tap, first)  # tapped up the chat before its buttons went: answers nothing
    assert _toast(alice).startswith("Этот вопрос ниже")
    assert await _answered(session_factory, attempt.id) == position

    await alice.send("/exam")  # «Продолжить» shows the question in the offer; the copy before loses its buttons
    await alice.press(alice.button_data("Продолжить"))
    offer = alice.session.message_with_button(tap)
    assert offer not in (first, again) and f"Вопрос {position + 1}/20" in _edits_of(alice, offer)[-1].text
    assert _dropped(alice, again)
    await alice.press(tap)
    assert await _answered(session_factory, attempt.id) == position + 1


# ---- item 6: the review after the exam; /results says what is in progress -------------------------------------

async def test_after_the_exam_each_mistake_is_explained_page_by_page(alice: Chatter, session_factory) -> None:
    rng = random.Random(23)
    await alice.send("/exam")
    attempt = await _attempt(session_factory)
    wrong_at = (2, 7)
    for position in range(attempt.total):
        await answer_current(alice, session_factory, attempt.id, position, position not in wrong_at, rng)
    assert RESULT_RE.search(alice.last_text()).groups() == ("18", "20", "90")
    review = alice.button_data("Разбор ошибок (2)")
    result = alice.session.message_with_button(review)

    await alice.press(review)
    for number, position in enumerate(wrong_at, start=1):
        page = _edits_of(alice, result)[-1].text  # edited in place, one mistake a page
        inst = await instance_at(session_factory, attempt.id, position)
        assert f"Разбор ошибок · {number} из 2" in page and f"Вопрос {position + 1} из 20" in page
        assert html.escape(inst.text, quote=False) in page
        assert "Ваш ответ" in page and "Правильный ответ" in page
        assert html.escape(inst.explanation.strip(), quote=False) in page
        if number < 2:
            await alice.press(alice.button_data("▶"))
    await alice.press(alice.button_data("◀"))
    assert "Разбор ошибок · 1 из 2" in _edits_of(alice, result)[-1].text
    await alice.press(alice.button_data("К итогам"))
    assert RESULT_RE.search(_edits_of(alice, result)[-1].text)
    await alice.press(alice.button_data("Разбор ошибок"))
    await alice.press(alice.button_data("Повторить ошибки"))
    retry = await _attempt(session_factory)
    assert retry.kind == "mistakes" and retry.total == 2 and "Вопрос 1/2" in alice.last_text()


async def test_results_say_an_exam_in_progress_without_a_verdict_colour(alice: Chatter, session_factory) -> None:
    await alice.send("/exam")
    attempt = await _attempt(session_factory)
    await answer_current(alice, session_factory, attempt.id, 0, True, random.Random(24))
    await alice.send("/results")
    text = alice.last_text()
    assert "Экзамен, вопрос 2 из 20 — в процессе" in text
    in_progress = [line for line in text.splitlines() if "в процессе" in line]
    assert in_progress and not [line for line in in_progress if any(c in line for c in "🟢🟡🔴")], text


# ---- item 8: the name on the certificate, the bot and the team on it, the deep link ---------------------------

async def _fill_profile(chatter: Chatter, name: str) -> None:
    await chatter.send("/profile")
    await chatter.send(name)
    await chatter.press(chatter.button_data("Менеджер"))
    await chatter.press(chatter.button_data("Пропустить"))


async def test_profile_asks_for_first_and_last_name_and_shows_how_it_prints(alice: Chatter, session_factory) -> None:
    await alice.send("/profile")
    await alice.send("ирина")
    assert "Нужны имя и фамилия" in alice.last_text()
    await alice.send("ирина петрова")
    assert "В сертификате имя будет напечатано так: <b>Ирина Петрова</b>" in alice.last_text()
    await alice.send("анна ван дер берг")  # sent again at the role step: corrects it
    assert "напечатано так: <b>Анна ван дер Берг</b>" in alice.last_text()
    await alice.send("ирина д'артаньян-ёлкина")
    assert "напечатано так: <b>Ирина Д&#x27;Артаньян-Ёлкина</b>" in alice.last_text()
    await alice.press(alice.button_data("Менеджер"))
    await alice.press(alice.button_data("Пропустить"))
    assert "Профиль сохранён" in alice.last_text()
    async with session_factory() as session:
        assert (await session.get(User, alice.user.id)).full_name == "Ирина Д'Артаньян-Ёлкина"


async def test_a_team_exam_certificate_names_the_team_and_checks_by_deep_link(  # type: ignore[no-untyped-def]
        alice: Chatter, dispatcher, bot, recording, session_factory) -> None:
    owner_id, now = 5005, datetime.now(UTC)
    async with session_factory() as session:  # what the team screens leave behind: a team and its exam for Alice
        users = UserRepository(session)
        for uid, first in ((owner_id, "Олег"), (alice.user.id, "Алиса")):
            await users.upsert(TelegramProfile(uid, first))
        await users.update_profile(owner_id, company="ООО «Окна Юг»")
        teams = TeamRepository(session)
        team = await teams.create_team(owner_id, "Продажи")
        await teams.add_member(team.id, alice.user.id, now)
        await teams.create_assignment(team.id, "exam", [], now + timedelta(days=3), now - timedelta(minutes=1),
                                      [alice.user.id])
        await session.commit()
    await _fill_profile(alice, "ирина петрова")
    await alice.send("/exam")
    attempt = await _attempt(session_factory)
    rng = random.Random(25)
    for position in range(attempt.total):
        await answer_current(alice, session_factory, attempt.id, position, True, rng)
    async with session_factory() as session:
        certificate = (await session.execute(select(Certificate))).scalar_one()
    assert certificate.full_name == "Ирина Петрова"
    caption = alice.session.sent(SendPhoto)[-1].caption
    assert f"https://t.me/sales_coach_test_bot?start=verify_{certificate.code}" in caption

    stranger = Chatter(dispatcher, bot, recording, alice.user.model_copy(update={"id": 6006, "username": None}))
    await stranger.send(f"/start verify_{certificate.code}")  # the deep link (and QR code) on the certificate
    text = stranger.last_text()
    assert "действителен" in text and "Ирина Петрова" in text
    assert "Аттестация по заданию: ООО «Окна Юг», команда «Продажи»" in text
    await stranger.send("/verify ABC-123")
    assert "XXXX-XXXX-XX" in stranger.last_text() and "K7QX" not in stranger.last_text()


async def test_an_own_exam_certificate_names_no_team(alice: Chatter, session_factory) -> None:
    await alice.send("/exam")
    attempt = await _attempt(session_factory)
    rng = random.Random(26)
    for position in range(attempt.total):
        await answer_current(alice, session_factory, attempt.id, position, True, rng)
    async with session_factory() as session:
        code = (await session.execute(select(Certificate.code))).scalar_one()
    await alice.send(f"/verify {code}")
    assert "действителен" in alice.last_text() and "по заданию" not in alice.last_text()
