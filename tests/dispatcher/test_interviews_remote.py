"""Remote hiring interviews through the real Dispatcher: the candidate link, the candidate's text and voice answers,
the owner's notification and rating, and everything the candidate must not be able to do."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from aiogram.methods import AnswerCallbackQuery, EditMessageText, SendDocument, SendMessage, SendVoice
from aiogram.types import Message, Update, Voice
from aiogram.types import User as TgUser
from sqlalchemy import select, update

from db.models import CandidateLink, Interview, InterviewAnswer
from handlers.interviews.callbacks import StepCallback
from services.interviews.engine.content import default_scripts
from tests.dispatcher.conftest import Chatter

HIRING = default_scripts().hiring
QUESTIONS = len(HIRING.remote_questions())
LINK_RE = re.compile(r"https://t\.me/sales_coach_test_bot\?start=(cand_[A-Za-z0-9_-]+)")
OWNER_ONLY = ("Как оценить", "Что слушать", "Красные флаги", "Рекомендация", "Ваша оценка", "📝")


@pytest.fixture
def bob(dispatcher, bot, recording) -> Chatter:  # type: ignore[no-untyped-def]
    return Chatter(dispatcher, bot, recording, TgUser(id=2002, is_bot=False, first_name="Боб", last_name="Кандидатов"))


@pytest.fixture
def mallory(dispatcher, bot, recording) -> Chatter:  # type: ignore[no-untyped-def]
    return Chatter(dispatcher, bot, recording, TgUser(id=3003, is_bot=False, first_name="Mallory"))


def _texts_to(chatter: Chatter) -> list[str]:
    return [r.text for r in chatter.session.requests
            if isinstance(r, SendMessage | EditMessageText) and r.chat_id == chatter.user.id]


def _last_callback_answer(chatter: Chatter) -> str:
    return chatter.session.sent(AnswerCallbackQuery)[-1].text or ""


async def _create_link(owner: Chatter, name: str) -> str:
    await owner.send("/interview")
    await owner.press(owner.button_data("Ссылка для кандидата"))
    await owner.send(name)
    match = LINK_RE.search(owner.last_text())
    assert match, owner.last_text()
    return match.group(1)


async def _interview(session_factory) -> Interview:  # type: ignore[no-untyped-def]
    async with session_factory() as session:
        return (await session.execute(select(Interview).order_by(Interview.id.desc()))).scalars().first()


async def test_candidate_answers_by_text_and_voice_and_the_owner_rates(alice: Chatter, bob: Chatter,
                                                                         session_factory) -> None:
    payload = await _create_link(alice, "Боб <Кандидатов>")
    assert "Ссылка для кандидата: Боб &lt;Кандидатов&gt;" in alice.last_text()
    await bob.send(f"/start {payload}")
    assert "заочное собеседование" in bob.last_text() and f"Вопрос 1 из {QUESTIONS}" in bob.last_text()
    for index in range(QUESTIONS):
        if index == 1:
            await bob.send_message(voice=Voice(file_id="VOICE-DASHBOARD", file_unique_id="v1", duration=9))
        elif index == QUESTIONS - 1:
            await bob.send("Оклад 150 000 + бонус за план отдела")
        else:
            await bob.send(f"Ответ {index}: <script>x</script> & конверсия 30%")
        if index < QUESTIONS - 1:
            assert "✅ Ответ записан." in bob.last_text() and f"Вопрос {index + 2} из" in bob.last_text()
    assert "Спасибо! Вы ответили на все вопросы" in _texts_to(bob)[-1]
    notice = [r for r in alice.session.sent(SendMessage) if r.chat_id == alice.user.id][-1]
    assert "Боб &lt;Кандидатов&gt;" in notice.text and "ответил на все вопросы" in notice.text
    assert not any(word in text for text in _texts_to(bob) for word in OWNER_ONLY), "the candidate sees questions only"

    interview = await _interview(session_factory)
    assert interview.status == "awaiting_rating" and interview.respondent_id == bob.user.id
    assert interview.salary == "Оклад 150 000 + бонус за план отдела"

    await alice.press(alice.button_data("Оценить ответы"))
    review = alice.last_text()
    assert "Ответ 1 из" in review and "&lt;script&gt;x&lt;/script&gt; &amp; конверсия 30%" in review
    await alice.press(alice.button_data("3"))
    await alice.press(alice.button_data("Дальше"))
    assert "Голосовой ответ" in alice.last_text()
    await alice.press(alice.button_data("Прослушать"))
    voice = alice.session.sent(SendVoice)[-1]
    assert voice.voice == "VOICE-DASHBOARD" and voice.chat_id == alice.user.id
    for _ in range(len(HIRING.competencies) - 1):
        await alice.press(alice.button_data("4"))
        await alice.press(alice.button_data("Дальше"))
    assert "Оклад 150 000 + бонус за план отдела" in alice.last_text()
    await alice.press(alice.button_data("Итоги"))
    assert "Оценка кандидата: Боб &lt;Кандидатов&gt;" in alice.last_text()
    assert "Нанимать" in alice.last_text()

    # The candidate tries the owner's buttons with the interview id (forged callback data) and the link again.
    shown_to_bob = len(_texts_to(bob))
    documents = len(bob.session.sent(SendDocument))
    for data in (StepCallback(i=interview.id, a="o").pack(), StepCallback(i=interview.id, a="x", v=1).pack(),
                 StepCallback(i=interview.id, a="r", p=0, v=1).pack()):
        await bob.press(data)
        assert "нет доступа" in _last_callback_answer(bob).lower()
    assert len(_texts_to(bob)) == shown_to_bob and len(bob.session.sent(SendDocument)) == documents
    await bob.send(f"/start {payload}")
    assert "уже ответили" in bob.last_text()
    await bob.send("/candidates")
    assert "Пока нет оценённых кандидатов" in bob.last_text()
    async with session_factory() as session:
        rows = (await session.execute(select(InterviewAnswer).where(
            InterviewAnswer.interview_id == interview.id, InterviewAnswer.item_id == "control"))).scalar_one()
    assert rows.rating == 3


async def test_link_is_single_use_revocable_and_expires(alice: Chatter, bob: Chatter, mallory: Chatter,
                                                        session_factory) -> None:
    first = await _create_link(alice, "Первый")
    await alice.send(f"/start {first}")
    assert "Это ваша ссылка" in alice.last_text()
    await alice.send("/interviews")
    await alice.press(alice.button_data("1. 🔗 Ссылка: Первый"))
    assert "ссылка ждёт кандидата" in alice.last_text()
    await alice.press(alice.button_data("Отозвать ссылку"))
    assert "ссылка отозвана" in alice.last_text()
    renew = alice.button_data("Новая ссылка")
    await bob.send(f"/start {first}")
    assert "Ссылка отозвана" in bob.last_text()

    await alice.press(renew)
    second = LINK_RE.search(alice.last_text()).group(1)
    assert second != first
    await bob.send(f"/start {second}")
    assert "Вопрос 1 из" in bob.last_text()
    await mallory.send(f"/start {second}")
    assert "Ссылка уже использована" in mallory.last_text()

    third = await _create_link(alice, "Третий")
    async with session_factory() as session, session.begin():
        await session.execute(update(CandidateLink).where(CandidateLink.token_hash.is_not(None))
                              .values(created_at=datetime.now(UTC) - timedelta(days=8)))
    await mallory.send(f"/start {third}")
    assert "Срок действия ссылки истёк" in mallory.last_text()
    await mallory.send("/start cand_notarealtoken123")
    assert "Ссылка не распознана" in mallory.last_text()
    assert (await _interview(session_factory)).status == "invited"


async def test_a_redelivered_answer_counts_once(alice: Chatter, bob: Chatter, session_factory) -> None:
    payload = await _create_link(alice, "Дубль")
    await bob.send(f"/start {payload}")
    message = Message(message_id=500, date=datetime.now(UTC), chat=bob.chat, from_user=bob.user,
                      text="Контролировал по CRM каждый день")
    await bob.feed(Update(update_id=900, message=message))
    await bob.feed(Update(update_id=900, message=message))  # Telegram delivers it again after a crash
    interview = await _interview(session_factory)
    assert interview.current_index == 1
    async with session_factory() as session:
        answers = (await session.execute(select(InterviewAnswer).where(
            InterviewAnswer.interview_id == interview.id))).scalars().all()
    assert [(a.item_id, a.text) for a in answers] == [("control", "Контролировал по CRM каждый день")]


async def test_candidate_gets_a_hint_for_stickers_and_the_owner_cannot_rate_early(alice: Chatter, bob: Chatter,
                                                                                    session_factory) -> None:
    from aiogram.types import Sticker

    payload = await _create_link(alice, "Ранний")
    await bob.send(f"/start {payload}")
    sticker = Sticker(file_id="s1", file_unique_id="u1", type="regular", width=512, height=512,
                      is_animated=False, is_video=False)
    await bob.send_message(sticker=sticker)
    assert "текстом или голосовым" in bob.last_text()
    interview = await _interview(session_factory)
    await alice.press(StepCallback(i=interview.id, a="r", p=0, v=4).pack())  # no such button yet: forged
    assert "ещё не ответил" in _last_callback_answer(alice)
    await alice.send("/interviews")
    await alice.press(alice.button_data("1. 🔗 Ссылка: Ранний"))
    assert "кандидат отвечает" in alice.last_text()
