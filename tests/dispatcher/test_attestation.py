"""Practice, exam, resume and double taps through the real Dispatcher against the real content bank."""

from __future__ import annotations

import random
import re

from aiogram.methods import AnswerCallbackQuery, SendPhoto
from sqlalchemy import func, select

from db.models import Attempt, AttemptQuestion, Certificate
from handlers.attestation.callbacks import AttemptAction, AttemptCallback
from services.attestation.engine.content import load_bank
from tests.dispatcher.conftest import Chatter
from tests.dispatcher.quiz_player import answer_current, exact_button, instance_at, option_label

RESULT_RE = re.compile(r"Результат: (\d+) из (\d+) \((\d+) %\)")


async def _active_attempt(session_factory) -> Attempt:  # type: ignore[no-untyped-def]
    async with session_factory() as session:
        return (await session.execute(select(Attempt).order_by(Attempt.id.desc()))).scalars().first()


async def test_learn_lists_topics_and_opens_a_card(alice: Chatter) -> None:
    await alice.send("/learn")
    bank = load_bank()
    titles = [b.text for row in alice.last_markup().inline_keyboard for b in row]
    assert titles[: len(bank.topics)] == [t.title for t in bank.topics]
    topic = bank.topics[0]
    await alice.press(alice.button_data(topic.title))
    text = alice.last_text()
    assert topic.title in text and "Типичная ошибка" in text and "понедельник" in text


async def test_practice_round_counts_match_feedback(alice: Chatter, session_factory) -> None:
    bank = load_bank()
    topic = bank.topics[0]
    rng = random.Random(5)
    await alice.send("/quiz")
    await alice.press(alice.button_data(topic.title))
    attempt = await _active_attempt(session_factory)
    verdicts = []
    for position in range(attempt.total):
        assert f"Вопрос {position + 1}/{attempt.total}" in alice.last_text()
        await answer_current(alice, session_factory, attempt.id, position, rng.random() < 0.6, rng)
        feedback = alice.last_text()
        assert feedback.split("\n\n", 1)[1].startswith(("✅", "❌")), feedback
        verdicts.append(feedback.split("\n\n", 1)[1][0])
        await alice.press(alice.button_data("Итоги ▶" if position + 1 == attempt.total else "Дальше ▶"))
    match = RESULT_RE.search(alice.last_text())
    assert match, alice.last_text()
    assert int(match.group(1)) == verdicts.count("✅")
    assert int(match.group(2)) == attempt.total == len(bank.questions_of(topic.id))


async def test_double_tap_counts_once(alice: Chatter, session_factory) -> None:
    rng = random.Random(9)
    await alice.send("/exam")
    attempt = await _active_attempt(session_factory)
    position = 0
    while (inst := await instance_at(session_factory, attempt.id, position)).type != "single":
        await answer_current(alice, session_factory, attempt.id, position, True, rng)
        position += 1
    tap = exact_button(alice, option_label(inst, 0))
    await alice.press(tap)
    await alice.press(tap)  # the same button again: a double tap or a re-delivered update
    assert f"Вопрос {position + 2}/20" in alice.last_text()
    async with session_factory() as session:
        answered = (await session.execute(select(func.count()).select_from(AttemptQuestion).where(
            AttemptQuestion.attempt_id == attempt.id, AttemptQuestion.answered_at.is_not(None)))).scalar_one()
        current = (await session.get(Attempt, attempt.id)).current_index
    assert answered == position + 1 and current == position + 1
    # The second tap changes nothing and says so: the answer is saved, or (when the next question came as a new
    # message, e.g. after a typed answer) the live question is the one below.
    toast = alice.session.sent(AnswerCallbackQuery)[-1].text
    assert toast.startswith(("Этот вопрос уже позади", "Этот вопрос ниже ↓")), toast


async def test_exam_pass_gives_certificate_and_verify(alice: Chatter, session_factory) -> None:
    rng = random.Random(1)
    await alice.send("/exam")
    attempt = await _active_attempt(session_factory)
    assert attempt.kind == "exam" and attempt.total == 20
    for position in range(attempt.total):
        assert f"Вопрос {position + 1}/20" in alice.last_text()
        await answer_current(alice, session_factory, attempt.id, position, position != 3, rng)
        assert "✅" not in alice.last_text() and "❌" not in alice.last_text()  # no feedback during the exam
    match = RESULT_RE.search(alice.last_text())
    assert match and match.groups() == ("19", "20", "95")
    assert "Аттестация пройдена" in alice.last_text()
    photos = alice.session.sent(SendPhoto)
    assert photos, "a passed exam sends the certificate"
    async with session_factory() as session:
        certificate = (await session.execute(select(Certificate))).scalar_one()
    await alice.send(f"/verify {certificate.code.lower()}")
    assert "действителен" in alice.last_text() and "Алиса Петрова" in alice.last_text()
    await alice.send("/verify AAAA-BBBB-CC")
    assert "не найден" in alice.last_text()


async def test_exam_fail_below_80(alice: Chatter, session_factory) -> None:
    rng = random.Random(2)
    await alice.send("/exam")
    attempt = await _active_attempt(session_factory)
    for position in range(attempt.total):
        await answer_current(alice, session_factory, attempt.id, position, position >= 5, rng)
    match = RESULT_RE.search(alice.last_text())
    assert match and match.groups() == ("15", "20", "75")
    assert "не пройдена" in alice.last_text()
    assert not alice.session.sent(SendPhoto)


async def test_unfinished_attempt_is_offered_back(alice: Chatter, session_factory) -> None:
    rng = random.Random(3)
    await alice.send("/exam")
    attempt = await _active_attempt(session_factory)
    for position in range(3):
        await answer_current(alice, session_factory, attempt.id, position, True, rng)
    await alice.send("/exam")
    assert "незавершённая попытка" in alice.last_text() and "вопрос 4 из 20" in alice.last_text()
    await alice.press(alice.button_data("Продолжить"))
    assert "Вопрос 4/20" in alice.last_text()


async def test_foreign_attempt_button_is_refused(alice: Chatter, dispatcher, bot, recording, session_factory) -> None:
    from aiogram.types import User as TgUser

    await alice.send("/exam")
    attempt = await _active_attempt(session_factory)
    mallory = Chatter(dispatcher, bot, recording, TgUser(id=666, is_bot=False, first_name="Mallory"))
    # Forged: Mallory was never shown Alice's question, so hand-packing is the point here.
    await mallory.press(AttemptCallback(a=attempt.id, p=0, act=AttemptAction.OPTION, v=0).pack())
    assert recording.sent(AnswerCallbackQuery)[-1].text == "Это не ваша попытка."
    async with session_factory() as session:
        answered = (await session.execute(select(func.count()).select_from(AttemptQuestion).where(
            AttemptQuestion.answered_at.is_not(None)))).scalar_one()
    assert answered == 0


async def test_mistakes_replays_wrong_answers(alice: Chatter, session_factory) -> None:
    await alice.send("/mistakes")
    assert "Ошибок пока нет" in alice.last_text()
    rng = random.Random(4)
    await alice.send("/exam")
    attempt = await _active_attempt(session_factory)
    wrong_positions = {0, 1}
    for position in range(attempt.total):
        await answer_current(alice, session_factory, attempt.id, position, position not in wrong_positions, rng)
    await alice.send("/mistakes")
    retry = await _active_attempt(session_factory)
    assert retry.kind == "mistakes" and retry.total == 2


async def test_results_show_attempts_and_mastery(alice: Chatter, session_factory) -> None:
    rng = random.Random(6)
    await alice.send("/exam")
    attempt = await _active_attempt(session_factory)
    for position in range(attempt.total):
        await answer_current(alice, session_factory, attempt.id, position, True, rng)
    await alice.send("/results")
    text = alice.last_text()
    assert "Экзамен: 20 из 20 (100 %) — сдан" in text and "Освоение тем" in text
