"""Issue 13 for the interviews, played as a person does (buttons pressed by their label):
item 1 — a note is acknowledged in a line and the card edited in place, exactly one live copy of the card;
item 2 — /cancel and /menu pause an interview, its old buttons offer «Продолжить»; a candidate's /cancel keeps him
in the candidate's world; item 4 — typed input is checked for what it is (a typed score, a too short answer,
stickers, photos and voice)."""

from __future__ import annotations

import re

import pytest
from aiogram.methods import AnswerCallbackQuery, EditMessageReplyMarkup, EditMessageText, SendMessage
from aiogram.types import PhotoSize, Sticker, Voice
from aiogram.types import User as TgUser
from sqlalchemy import select

from db.models import Interview, InterviewAnswer
from services.interviews.engine.content import default_scripts
from tests.dispatcher.conftest import Chatter, new_dispatcher

SCRIPTS = default_scripts()
COMPETENCIES = len(SCRIPTS.hiring.competencies)
AUDIT_ITEMS = len(SCRIPTS.audit.items)
PAUSED_TOAST = "Это интервью на паузе — продолжить?"
LINK_RE = re.compile(r"https://t\.me/sales_coach_test_bot\?start=(cand_[A-Za-z0-9_-]+)")
LONG_ANSWER = "Каждое утро планёрка, раз в неделю разбор воронки по каждому менеджеру в CRM"
STICKER = Sticker(file_id="s1", file_unique_id="u1", type="regular", width=512, height=512,
                  is_animated=False, is_video=False)
PHOTO = [PhotoSize(file_id="p1", file_unique_id="pu1", width=90, height=90)]


@pytest.fixture
def bob(dispatcher, bot, recording) -> Chatter:  # type: ignore[no-untyped-def]
    return Chatter(dispatcher, bot, recording, TgUser(id=2002, is_bot=False, first_name="Боб"))


async def _latest(session_factory) -> Interview:  # type: ignore[no-untyped-def]
    async with session_factory() as session:
        return (await session.execute(select(Interview).order_by(Interview.id.desc()))).scalars().first()


async def _answers(session_factory, interview_id: int) -> dict[str, InterviewAnswer]:  # type: ignore[no-untyped-def]
    async with session_factory() as session:
        rows = (await session.execute(select(InterviewAnswer).where(
            InterviewAnswer.interview_id == interview_id))).scalars()
        return {row.item_id: row for row in rows}


def _toast(chatter: Chatter) -> str:
    return chatter.session.sent(AnswerCallbackQuery)[-1].text or ""


def _sent_to(chatter: Chatter, since: int = 0) -> list[SendMessage]:
    return [r for r in chatter.session.requests[since:] if isinstance(r, SendMessage) and r.chat_id == chatter.user.id]


def _live_cards(chatter: Chatter) -> list[int]:
    """Messages whose buttons, as they are now, act on an interview step («iv:» callbacks)."""
    now: dict[int, object] = {}
    for reply in chatter.session.replies:
        if hasattr(reply, "message_id") and getattr(reply, "chat", None) is not None \
                and reply.chat.id == chatter.user.id:
            now[reply.message_id] = reply.reply_markup
    return [mid for mid, markup in now.items() if markup is not None and any(
        (button.callback_data or "").startswith("iv:") for row in markup.inline_keyboard for button in row)]


def _last_edit(chatter: Chatter) -> EditMessageText:
    return chatter.session.sent(EditMessageText)[-1]


def _labels(request: SendMessage | EditMessageText) -> list[str]:
    markup = request.reply_markup
    return [b.text for row in markup.inline_keyboard for b in row] if markup is not None else []


async def _start(chatter: Chatter, command: str, button: str, name: str) -> None:
    await chatter.send(command)
    await chatter.press(chatter.button_data(button))
    await chatter.send(name)


# ---- item 1: a note is acknowledged in a line; the card is edited in place, never re-sent ------------------

async def test_notes_are_acknowledged_and_the_card_is_edited_in_place(alice: Chatter, session_factory) -> None:
    await _start(alice, "/interview", "Провести собеседование", "Нина Смирнова")
    card = alice.session.message_with_button(alice.button_data("Пропустить"))
    card_text = alice.last_text()
    assert card is not None and len(card_text) > 1000, "the competency card is long: it must not be re-sent"
    since = len(alice.session.requests)
    notes = ["Планёрки каждый день", "Дашборд собирает сам в Excel", "Про найм — общие слова"]
    for note in notes:
        await alice.send(note)
    replies = _sent_to(alice, since)
    assert len(replies) == len(notes), [r.text for r in replies]  # one short line per note, no card
    assert all(len(r.text) < 100 and "Заметка" in r.text for r in replies)
    edited = [r for r in alice.session.sent(EditMessageText) if r.message_id == card][-1]
    assert "📝 " + " ".join(notes) in edited.text, "the card above shows every note"
    assert _live_cards(alice) == [card], "exactly one live copy of the card"
    interview = await _latest(session_factory)
    assert (await _answers(session_factory, interview.id))["control"].note == "\n".join(notes)

    # The card's own buttons go on working in place.
    await alice.press(alice.button_data("3"))
    assert "Ваша оценка: <b>3</b>" in alice.last_text() and _last_edit(alice).message_id == card
    # Typed notes buried the card: the next competency comes at the bottom, the old copy loses its buttons.
    await alice.press(alice.button_data("Дальше"))
    assert f"Компетенция 2 из {COMPETENCIES}" in _sent_to(alice)[-1].text
    assert _live_cards(alice) != [card] and len(_live_cards(alice)) == 1
    assert any(isinstance(r, EditMessageReplyMarkup) and r.message_id == card and r.reply_markup is None
               for r in alice.session.requests)
    # Without notes in between, a button edits the card where it is.
    second = _live_cards(alice)[0]
    await alice.press(alice.button_data("4"))
    await alice.press(alice.button_data("Дальше"))
    assert f"Компетенция 3 из {COMPETENCIES}" in alice.last_text() and _live_cards(alice) == [second]


async def test_custdev_answers_edit_the_question_card_in_place(alice: Chatter) -> None:
    await _start(alice, "/custdev", "Новое интервью", "Кофейня")
    card = alice.session.message_with_button(alice.button_data("Пропустить"))
    since = len(alice.session.requests)
    await alice.send("Поставщик опять сорвал поставку")
    await alice.send("и мы потеряли выручку за день")
    replies = _sent_to(alice, since)
    assert len(replies) == 2 and all("Ответ записан" in r.text for r in replies)
    assert "Поставщик опять сорвал поставку и мы потеряли выручку за день" in alice.last_text()
    await alice.send_message(voice=Voice(file_id="V1", file_unique_id="v1", duration=7))
    assert "Голосовое записано" in _sent_to(alice)[-1].text
    assert _live_cards(alice) == [card]
    await alice.press(alice.button_data("▫️ боль"))
    assert _last_edit(alice).message_id == card and "Теги: боль" in alice.last_text()


# ---- item 2: /cancel and /menu pause; old buttons offer «Продолжить»; the candidate stays a candidate ------

async def test_cancel_pauses_the_audit_and_its_old_buttons_offer_to_continue(  # type: ignore[no-untyped-def]
        alice: Chatter, session_factory, settings, engine, fsm_factory, bot, recording) -> None:
    await _start(alice, "/audit", "Начать аудит", "ООО «Окна»")
    await alice.press(alice.button_data("1 · частично"))
    assert f"Пункт 2 из {AUDIT_ITEMS}" in alice.last_text()
    tap = alice.button_data("2 · системно")
    card = alice.session.message_with_button(tap)

    await alice.send("/cancel")
    assert "Аудит бизнеса «ООО «Окна»» — на паузе" in alice.last_text()
    assert "продолжить: /interviews" in alice.last_text() and "сценарий прерван" in alice.last_text()
    await alice.press(tap, card)  # the audit card's own button, after /cancel
    assert _toast(alice) == PAUSED_TOAST
    shown = [r for r in recording.sent(EditMessageText) if r.message_id == card][-1]
    assert "на паузе" in shown.text and _labels(shown) == ["▶ Продолжить"]
    interview = await _latest(session_factory)
    assert interview.current_index == 1 and interview.paused_at is not None
    assert set(await _answers(session_factory, interview.id)) == {SCRIPTS.audit.items[0].id}

    # A restart keeps the pause; «Продолжить» goes on from the same item, in place.
    again = Chatter(new_dispatcher(settings, engine, session_factory, fsm_factory), bot, recording, alice.user)
    again._ids = iter(range(10_000, 20_000))
    await again.send("/interviews")
    assert "⏸ на паузе: шаг 2 из" in again.last_text()
    await again.press(tap, card)
    assert _toast(again) == PAUSED_TOAST
    await again.press(again.button_data("Продолжить"))
    assert f"Пункт 2 из {AUDIT_ITEMS}" in again.last_text()
    assert (await _latest(session_factory)).paused_at is None
    await again.press(again.button_data("2 · системно"))
    assert f"Пункт 3 из {AUDIT_ITEMS}" in again.last_text()
    assert (await _answers(session_factory, interview.id))[SCRIPTS.audit.items[1].id].rating == 2


async def test_menu_pauses_a_live_interview_and_the_list_goes_on(alice: Chatter, session_factory) -> None:
    await _start(alice, "/interview", "Провести собеседование", "Олег")
    rate = alice.button_data("4")
    await alice.send("/menu")
    assert "Собеседование РОПа «Олег» — на паузе. Всё сохранено, продолжить: /interviews" in alice.last_text()
    await alice.press(rate)
    assert _toast(alice) == PAUSED_TOAST
    assert "control" not in await _answers(session_factory, (await _latest(session_factory)).id)
    await alice.send("/menu")  # nothing new is paused: no second note
    assert "на паузе" not in alice.last_text()
    await alice.send("/interviews")
    await alice.press(alice.button_data("1. ▶ Продолжить: Олег"))
    assert f"Компетенция 1 из {COMPETENCIES}" in alice.last_text()
    await alice.press(alice.button_data("4"))
    assert "Ваша оценка: <b>4</b>" in alice.last_text()


async def test_a_candidate_who_sends_cancel_stays_in_the_candidates_world(alice: Chatter, bob: Chatter,
                                                                          session_factory) -> None:
    await _start(alice, "/interview", "Ссылка для кандидата", "Боб")
    payload = LINK_RE.search(alice.last_text()).group(1)
    await bob.send(f"/start {payload}")
    await bob.send(LONG_ANSWER)
    assert "Вопрос 2 из" in bob.last_text()
    await bob.send("/cancel")
    paused = _sent_to(bob)[-1]
    assert "на паузе" in paused.text and "Ответы сохранены: 1 из" in paused.text
    assert _labels(paused) == ["▶ Продолжить"], "the candidate's world: no owner's main menu"
    assert "Главное меню" not in paused.text
    await bob.send("Я вернулся")  # not an answer while paused: the same offer to go on
    assert (await _latest(session_factory)).current_index == 1 and "на паузе" in bob.last_text()
    await bob.press(bob.button_data("Продолжить"))
    assert "Вопрос 2 из" in bob.last_text()
    await bob.send(LONG_ANSWER)
    assert "Вопрос 3 из" in bob.last_text() and (await _latest(session_factory)).current_index == 2


# ---- item 4: typed input is checked for what it is ---------------------------------------------------------

async def test_audit_takes_a_typed_score(alice: Chatter, session_factory) -> None:
    await _start(alice, "/audit", "Начать аудит", "ООО «Север»")
    since = len(alice.session.requests)
    await alice.send("2")
    assert f"Пункт 2 из {AUDIT_ITEMS}" in alice.last_text()
    interview = await _latest(session_factory)
    assert (await _answers(session_factory, interview.id))[SCRIPTS.audit.items[0].id].rating == 2
    assert len(_live_cards(alice)) == 1
    await alice.send("в целом неплохо")  # not a score: one line, the card is not sent again
    replies = _sent_to(alice, since)
    assert "Оцените пункт: 0, 1, 2" in replies[-1].text and f"Пункт 2 из {AUDIT_ITEMS}" not in replies[-1].text
    assert sum(f"Пункт 2 из {AUDIT_ITEMS}" in r.text for r in replies) == 1
    assert (await _latest(session_factory)).current_index == 1


async def test_a_bare_ok_from_the_candidate_is_asked_for_more_once(alice: Chatter, bob: Chatter,
                                                                   session_factory) -> None:
    await _start(alice, "/interview", "Ссылка для кандидата", "Краткий")
    await bob.send(f"/start {LINK_RE.search(alice.last_text()).group(1)}")
    await bob.send("ок")
    assert "Это весь ответ?" in bob.last_text() and "Вопрос 2 из" not in bob.last_text()
    interview = await _latest(session_factory)
    assert interview.current_index == 0
    await bob.send("да")  # asked once: what comes next is added and accepted
    assert "Вопрос 2 из" in bob.last_text()
    assert (await _answers(session_factory, interview.id))["control"].text == "ок\nда"
    await bob.send(LONG_ANSWER)  # a real answer goes straight on
    assert "Вопрос 3 из" in bob.last_text()


async def test_stickers_photos_and_voice_get_the_same_kind_of_reply_in_every_flow(
        alice: Chatter, bob: Chatter, session_factory) -> None:
    async def replies_to(chatter: Chatter, **fields: object) -> list[str]:
        since = len(chatter.session.requests)
        await chatter.send_message(**fields)
        return [r.text for r in _sent_to(chatter, since)]

    # The name prompt takes text only.
    await alice.send("/interview")
    await alice.press(alice.button_data("Провести собеседование"))
    assert await replies_to(alice, sticker=STICKER) == ["Напишите имя текстом — хотя бы одну букву или цифру."]
    await alice.send("Пётр")
    # Hiring: notes are text, ratings buttons or a digit; voice is no note.
    hiring = "Заметку пишите текстом, оценку ставьте кнопками 1–4 под карточкой или цифрой."
    for fields in ({"sticker": STICKER}, {"photo": PHOTO},
                   {"voice": Voice(file_id="V", file_unique_id="v", duration=3)}):
        assert await replies_to(alice, **fields) == [hiring]
    # The audit: a score.
    await _start(alice, "/audit", "Начать аудит", "ООО «Юг»")
    audit = "Оцените пункт: 0, 1, 2 — кнопкой под карточкой или цифрой."
    for fields in ({"sticker": STICKER}, {"photo": PHOTO},
                   {"voice": Voice(file_id="V", file_unique_id="v", duration=3)}):
        assert await replies_to(alice, **fields) == [audit]
    # CustDev: the respondent's answer, text or voice (voice stays an answer).
    await _start(alice, "/custdev", "Новое интервью", "Респондент")
    custdev = "Запишите ответ респондента текстом или голосовым сообщением."
    for fields in ({"sticker": STICKER}, {"photo": PHOTO}):
        assert await replies_to(alice, **fields) == [custdev]
    voice = await replies_to(alice, voice=Voice(file_id="V", file_unique_id="v", duration=3))
    assert len(voice) == 1 and "Голосовое записано" in voice[0]
    # The candidate: an answer, text or voice.
    await _start(alice, "/interview", "Ссылка для кандидата", "Боб")
    await bob.send(f"/start {LINK_RE.search(alice.last_text()).group(1)}")
    for fields in ({"sticker": STICKER}, {"photo": PHOTO}):
        assert await replies_to(bob, **fields) == ["Ответьте на вопрос текстом или голосовым сообщением."]
    answered = await replies_to(bob, voice=Voice(file_id="V", file_unique_id="v", duration=30))
    assert "Вопрос 2 из" in answered[-1]
