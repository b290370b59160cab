"""Teams through the real Dispatcher: create, invite, join, assign, scheduled messages, dashboard, access."""

from __future__ import annotations

import io
import random
import re
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from aiogram import Bot, Dispatcher
from aiogram.exceptions import TelegramForbiddenError, TelegramNetworkError
from aiogram.methods import AnswerCallbackQuery, EditMessageText, SendDocument, SendMessage, SendPhoto
from aiogram.types import InlineKeyboardMarkup
from aiogram.types import User as TgUser
from sqlalchemy import func, select

from bot.scheduler import NotificationScheduler
from bot.send_limiter import SendLimiter
from bot.settings import Settings
from db.models import Assignment, AssignmentTarget, Attempt, ScheduledNotification, Team, TeamInvite, TeamMember
from db.models import User as UserRow
from handlers.attestation.callbacks import AttestCallback
from handlers.team.callbacks import (
    JoinAction,
    JoinCallback,
    ReportAction,
    ReportCallback,
    TeamAction,
    TeamCallback,
    WizardAction,
    WizardCallback,
)
from services.clock import Clock, as_utc
from tests.dispatcher.conftest import Chatter, button_data
from tests.dispatcher.quiz_player import answer_current
from tests.dispatcher.recording_session import RecordingSession

LINK_RE = re.compile(r"https://t\.me/sales_coach_test_bot\?start=join_([A-Za-z0-9_-]+)")


def chatter(dispatcher: Dispatcher, bot: Bot, recording: RecordingSession, user_id: int, first_name: str,
            username: str | None = None) -> Chatter:
    return Chatter(dispatcher, bot, recording, TgUser(id=user_id, is_bot=False, first_name=first_name,
                                                      username=username))


def to_chat(recording: RecordingSession, chat_id: int) -> list[SendMessage | EditMessageText]:
    return [r for r in recording.requests if isinstance(r, SendMessage | EditMessageText) and r.chat_id == chat_id]


def last_to(recording: RecordingSession, chat_id: int) -> SendMessage | EditMessageText:
    sent = to_chat(recording, chat_id)
    assert sent, f"nothing was sent to {chat_id}"
    return sent[-1]


def set_clock(clock_file: Path, moment: datetime) -> None:
    """Freeze the bot's clock at `moment` (SQLite gives datetimes back without a zone: they are UTC)."""
    clock_file.write_text(as_utc(moment).isoformat())


def keyboard_with(recording: RecordingSession, chat_id: int, label: str) -> InlineKeyboardMarkup:
    """The keyboard of the latest message to `chat_id` that showed a button `label`."""
    for request in reversed(to_chat(recording, chat_id)):
        markup = request.reply_markup
        if isinstance(markup, InlineKeyboardMarkup) and any(label in b.text for row in markup.inline_keyboard
                                                            for b in row):
            return markup
    raise AssertionError(f"no button {label!r} was shown to {chat_id}")


async def tap(user: Chatter, recording: RecordingSession, label: str) -> None:
    """Press the button `label` of the latest message to `user` that has one."""
    await user.press(button_data(keyboard_with(recording, user.user.id, label), label))


FLOWS = {TeamAction: TeamCallback, ReportAction: ReportCallback, WizardAction: WizardCallback,
         JoinAction: JoinCallback}


def forged(action: str, team_id: int = 0, member_id: int = 0) -> str:
    """A team button packed by hand, as a forger would, by the factory of the flow that owns `action`."""
    factory = next(factory for actions, factory in FLOWS.items() if action in set(actions))
    return factory(a=action, t=team_id, x=member_id).pack()


def last_answer(recording: RecordingSession) -> str | None:
    return recording.sent(AnswerCallbackQuery)[-1].text


async def count(session_factory, model) -> int:  # type: ignore[no-untyped-def]
    async with session_factory() as session:
        return int((await session.execute(select(func.count()).select_from(model))).scalar_one())


@pytest.fixture
def clock_file(tmp_path: Path) -> Path:
    path = tmp_path / "clock"
    path.write_text("0")
    return path


@pytest.fixture
def settings(database_url: str, clock_file: Path) -> Settings:
    return Settings(bot_token="123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0", database_url=database_url,  # type: ignore[arg-type]
                    throttle_rate=1000, throttle_burst=1000, clock_offset_file=clock_file)


@pytest.fixture
def scheduler(bot: Bot, dispatcher: Dispatcher, session_factory, settings: Settings,  # type: ignore[no-untyped-def]
              clock_file: Path) -> NotificationScheduler:
    return NotificationScheduler(bot, session_factory, settings, markup=dispatcher["outgoing_markup"],
                                 clock=Clock(clock_file), limiter=SendLimiter(overall=1_000_000, per_chat=1e6))


@pytest.fixture
def owner(dispatcher, bot, recording) -> Chatter:  # type: ignore[no-untyped-def]
    return chatter(dispatcher, bot, recording, 2001, "Ольга", "olga")


@pytest.fixture
def anna(dispatcher, bot, recording) -> Chatter:  # type: ignore[no-untyped-def]
    return chatter(dispatcher, bot, recording, 2002, "Анна <b>", "anna")


@pytest.fixture
def boris(dispatcher, bot, recording) -> Chatter:  # type: ignore[no-untyped-def]
    return chatter(dispatcher, bot, recording, 2003, "Борис")


async def create_team(owner: Chatter, recording: RecordingSession, name: str) -> tuple[int, str]:
    await owner.send("/team")
    await owner.press(button_data(last_to(recording, owner.user.id).reply_markup, "Создать команду"))
    assert "Как назовём команду" in last_to(recording, owner.user.id).text
    await owner.send(name)
    card = last_to(recording, owner.user.id)
    match = LINK_RE.search(card.text)
    assert match, card.text
    team_id = TeamCallback.unpack(button_data(card.reply_markup, "Участники")).t
    return team_id, match.group(1)


async def join(member: Chatter, recording: RecordingSession, code: str) -> str:
    await member.send(f"/start join_{code}")
    offer = last_to(recording, member.user.id)
    await member.press(button_data(offer.reply_markup, "Вступить"))
    return last_to(recording, member.user.id).text


async def assign_exam_to_all(owner: Chatter, recording: RecordingSession) -> str:
    await tap(owner, recording, "Назначить задание")
    await owner.press(button_data(last_to(recording, owner.user.id).reply_markup, "Экзамен"))
    await owner.press(button_data(last_to(recording, owner.user.id).reply_markup, "3 дня"))
    await owner.press(button_data(last_to(recording, owner.user.id).reply_markup, "Всем участникам"))
    return last_to(recording, owner.user.id).text


async def test_create_invite_join_assign_and_scheduled_messages(owner: Chatter, anna: Chatter, boris: Chatter,
                                                                recording: RecordingSession, session_factory,  # type: ignore[no-untyped-def]
                                                                scheduler: NotificationScheduler) -> None:
    _, code = await create_team(owner, recording, "Отдел <продаж> & Co")
    card = last_to(recording, owner.user.id).text
    assert "Команда «Отдел &lt;продаж&gt; &amp; Co»" in card and "Участников: 0" in card
    photo = recording.sent(SendPhoto)[-1]
    assert photo.chat_id == owner.user.id and f"join_{code}" in photo.caption

    await anna.send(f"/start join_{code}")
    offer_text = last_to(recording, anna.user.id).text
    assert "Отдел &lt;продаж&gt; &amp; Co" in offer_text and "Владелец: Ольга" in offer_text
    await anna.press(button_data(last_to(recording, anna.user.id).reply_markup, "Вступить"))
    assert "вы в команде" in last_to(recording, anna.user.id).text
    assert "вы в команде" in await join(boris, recording, code)
    await anna.send(f"/start join_{code}")
    assert "Вы уже в команде" in last_to(recording, anna.user.id).text
    await owner.send(f"/start join_{code}")
    assert "вы её владелец" in last_to(recording, owner.user.id).text
    assert await count(session_factory, TeamMember) == 2

    await tap(owner, recording, "Участники")
    members_text = last_to(recording, owner.user.id).text
    assert "Анна &lt;b&gt; (@anna)" in members_text and "Борис" in members_text

    done = await assign_exam_to_all(owner, recording)
    assert "Задание назначено: Экзамен" in done and "Получатели (2)" in done
    await tap(owner, recording, "Всем участникам")  # a second tap: the draft is spent
    assert "устарел" in last_answer(recording)
    assert await count(session_factory, Assignment) == 1

    before = len(recording.requests)
    assert await scheduler.run_once() == 2
    tasks = [r for r in recording.requests[before:] if isinstance(r, SendMessage)]
    assert sorted(r.chat_id for r in tasks) == [anna.user.id, boris.user.id]
    assert all("Новое задание" in r.text and "Сдать экзамен" in r.text for r in tasks)
    assert button_data(tasks[0].reply_markup, "Начать экзамен") == AttestCallback(action="exam").pack()
    assert await scheduler.run_once() == 0  # nothing is sent twice


async def test_member_exam_result_reaches_the_owner(owner: Chatter, anna: Chatter, recording: RecordingSession,
                                                   session_factory, scheduler: NotificationScheduler) -> None:  # type: ignore[no-untyped-def]
    _, code = await create_team(owner, recording, "Продажи")
    await join(anna, recording, code)
    await assign_exam_to_all(owner, recording)
    await scheduler.run_once()
    await anna.press(AttestCallback(action="exam").pack())
    async with session_factory() as session:
        attempt = (await session.execute(select(Attempt))).scalar_one()
    rng = random.Random(3)
    for position in range(attempt.total):
        await answer_current(anna, session_factory, attempt.id, position, position >= 2, rng)
    assert "Результат: 18 из 20 (90 %)" in last_to(recording, anna.user.id).text
    before = len(recording.requests)
    assert await scheduler.run_once() == 1
    result = next(r for r in recording.requests[before:] if isinstance(r, SendMessage))
    assert result.chat_id == owner.user.id
    assert "Анна &lt;b&gt;: экзамен сдан — 90 %" in result.text and "«Продажи»" in result.text

    await owner.press(button_data(result.reply_markup, "Дашборд"))
    board = last_to(recording, owner.user.id).text
    assert "лучший результат 90 % — сдан ✅" in board and "✅ выполнено (90 %)" in board
    weakest = [line for line in board.split("\n") if "Три самые слабые темы" in line]
    assert weakest, board
    await owner.press(button_data(last_to(recording, owner.user.id).reply_markup, "Назначить три слабые темы"))
    step = last_to(recording, owner.user.id).text
    assert "Срок</b> для задания «Тренировки:" in step
    assert all(title.split(" — ")[0] in step for title in weakest[0].split("</b> ")[1].split(", "))
    await tap(owner, recording, "Выгрузить в Excel")
    document = recording.sent(SendDocument)[-1]
    book = openpyxl.load_workbook(io.BytesIO(document.document.data))
    assert book.sheetnames == ["Участники", "Задания", "Темы"]
    rows = list(book["Задания"].iter_rows(min_row=2, values_only=True))
    assert [(r[2], r[3], r[4]) for r in rows] == [("Анна <b>", "✅ выполнено", 90)]


async def test_reminder_overdue_and_summary_follow_the_clock(owner: Chatter, anna: Chatter, boris: Chatter,
                                                            recording: RecordingSession, session_factory,  # type: ignore[no-untyped-def]
                                                            scheduler: NotificationScheduler, clock_file: Path) -> None:
    _, code = await create_team(owner, recording, "Продажи")
    await join(anna, recording, code)
    await join(boris, recording, code)
    await assign_exam_to_all(owner, recording)
    await scheduler.run_once()
    async with session_factory() as session:
        deadline = (await session.execute(select(Assignment.deadline))).scalar_one()
    set_clock(clock_file, deadline - timedelta(hours=23))
    before = len(recording.requests)
    assert await scheduler.run_once() == 2
    reminders = [r for r in recording.requests[before:] if isinstance(r, SendMessage)]
    assert all("Напоминание: завтра" in r.text for r in reminders)
    set_clock(clock_file, deadline + timedelta(minutes=5))
    before = len(recording.requests)
    assert await scheduler.run_once() == 3
    sent = {r.chat_id: r.text for r in recording.requests[before:] if isinstance(r, SendMessage)}
    assert "истёк" in sent[anna.user.id] and "истёк" in sent[boris.user.id]
    assert "Выполнили в срок: 0 из 2" in sent[owner.user.id] and "⛔ просрочено" in sent[owner.user.id]
    assert await scheduler.run_once() == 0
    async with session_factory() as session:
        statuses = (await session.execute(select(ScheduledNotification.status))).scalars().all()
    assert set(statuses) == {"sent"}


async def test_forged_buttons_of_a_stranger_change_nothing(owner: Chatter, anna: Chatter, dispatcher, bot,  # type: ignore[no-untyped-def]
                                                           recording: RecordingSession, session_factory) -> None:
    team_id, code = await create_team(owner, recording, "Продажи")
    await join(anna, recording, code)
    mallory = chatter(dispatcher, bot, recording, 6666, "Mallory")
    buttons = [forged(a, team_id, anna.user.id)
               for a in ("open", "inv", "regen", "regy", "mem", "rm", "rmy", "del", "dely", "db", "xl", "as", "asw",
                         "amd", "me")]
    before = len(to_chat(recording, mallory.user.id))
    for data in buttons:
        await mallory.press(data)
        assert last_answer(recording).startswith("Нет доступа"), data
    await mallory.press(forged("jy"))  # confirming a join he never opened
    assert "устарело" in last_answer(recording)
    assert len(to_chat(recording, mallory.user.id)) == before
    assert not [r for r in recording.sent(SendPhoto) + recording.sent(SendDocument) if r.chat_id == mallory.user.id]
    async with session_factory() as session:
        assert (await session.execute(select(TeamInvite.code).where(TeamInvite.revoked_at.is_(None)))).scalar_one() \
            == code
        assert await session.get(Team, team_id) is not None
    assert await count(session_factory, TeamMember) == 1
    assert await count(session_factory, Assignment) == 0


async def test_regenerate_remove_and_delete(owner: Chatter, anna: Chatter, boris: Chatter,
                                            recording: RecordingSession, session_factory) -> None:  # type: ignore[no-untyped-def]
    _, code = await create_team(owner, recording, "Продажи")
    await join(anna, recording, code)
    await tap(owner, recording, "Новая ссылка")
    await tap(owner, recording, "Да, заменить")  # «Новая ссылка» asks first (issue 13, item 5)
    new_code = LINK_RE.search(recording.sent(SendPhoto)[-1].caption).group(1)
    assert new_code != code
    await boris.send(f"/start join_{code}")
    assert "приглашение недействительно" in last_to(recording, boris.user.id).text
    assert "вы в команде" in await join(boris, recording, new_code)

    await tap(anna, recording, "Мои задания")
    assert "Заданий пока нет" in last_to(recording, anna.user.id).text
    await tap(owner, recording, "Участники")
    await tap(owner, recording, "✖ Анна")
    assert "Удалить участника «Анна &lt;b&gt;»" in last_to(recording, owner.user.id).text
    await tap(owner, recording, "Да, удалить")
    assert "больше не в команде" in last_to(recording, owner.user.id).text
    await tap(anna, recording, "Мои задания")  # her old button
    assert last_answer(recording) == "Нет доступа: вы не состоите в этой команде."
    assert "вы в команде" in await join(anna, recording, new_code)  # a fresh invite brings her back

    await tap(owner, recording, "Удалить команду")
    await tap(owner, recording, "Да, удалить команду")
    assert "Команда «Продажи» удалена" in last_to(recording, owner.user.id).text
    await boris.send(f"/start join_{new_code}")
    assert "Нет доступа: приглашение недействительно" in last_to(recording, boris.user.id).text
    assert await count(session_factory, TeamMember) == 0


async def live_code(session_factory) -> str:  # type: ignore[no-untyped-def]
    async with session_factory() as session:
        return (await session.execute(select(TeamInvite.code).where(TeamInvite.revoked_at.is_(None)))).scalar_one()


async def test_a_new_link_is_confirmed_first_and_only_once(owner: Chatter, anna: Chatter, boris: Chatter,
                                                           recording: RecordingSession, session_factory) -> None:  # type: ignore[no-untyped-def]
    """Issue 13, item 5: «♻️ Новая ссылка» asks before it kills the link and every printed QR code."""
    team_id, code = await create_team(owner, recording, "Продажи")
    await join(anna, recording, code)
    photos = len(recording.sent(SendPhoto))

    await tap(owner, recording, "♻️ Новая ссылка")
    ask = last_to(recording, owner.user.id)
    assert isinstance(ask, EditMessageText), "the confirmation replaces the card in place"
    assert "Заменить ссылку-приглашение команды «Продажи»?" in ask.text
    assert "Старая ссылка и все QR-коды с ней — распечатанные и уже отправленные — перестанут работать" in ask.text
    assert [b.text for row in ask.reply_markup.inline_keyboard for b in row] == ["Да, заменить", "Отмена"]
    assert await live_code(session_factory) == code and len(recording.sent(SendPhoto)) == photos

    await tap(owner, recording, "Отмена")  # changed his mind: the card, the same link
    assert code in last_to(recording, owner.user.id).text and await live_code(session_factory) == code
    await boris.send(f"/start join_{code}")
    assert "Вас приглашают в команду" in last_to(recording, boris.user.id).text

    await tap(owner, recording, "♻️ Новая ссылка")
    confirm = last_to(recording, owner.user.id).reply_markup
    # A member forging the owner's «Да, заменить» (the invite id is no secret) is refused on the server.
    await anna.press(button_data(confirm, "Да, заменить"))
    assert last_answer(recording).startswith("Нет доступа") and await live_code(session_factory) == code

    await owner.press(button_data(confirm, "Да, заменить"))
    new_code = await live_code(session_factory)
    assert new_code != code and last_answer(recording) == "Готово: старая ссылка больше не работает."
    assert len(recording.sent(SendPhoto)) == photos + 1 and new_code in recording.sent(SendPhoto)[-1].caption
    assert new_code in last_to(recording, owner.user.id).text  # the card shows the link that works

    await owner.press(button_data(confirm, "Да, заменить"))  # a double tap, or the old confirmation later
    assert last_answer(recording) == "Ссылку уже заменили — действует та, что в карточке команды."
    assert await live_code(session_factory) == new_code and len(recording.sent(SendPhoto)) == photos + 1
    card = last_to(recording, owner.user.id)
    assert new_code in card.text and button_data(card.reply_markup, "Новая ссылка")
    assert await count(session_factory, TeamInvite) == 2
    await boris.send(f"/start join_{code}")
    assert "приглашение недействительно" in last_to(recording, boris.user.id).text
    assert "вы в команде" in await join(boris, recording, new_code)
    assert team_id


async def test_dashboard_and_xlsx_show_an_exam_in_progress(owner: Chatter, anna: Chatter,
                                                           recording: RecordingSession, session_factory,  # type: ignore[no-untyped-def]
                                                           scheduler: NotificationScheduler) -> None:
    """Issue 13, item 7: a member at question 6 is «в процессе: 6 из 20», with no weak topics from unfinished work."""
    _, code = await create_team(owner, recording, "Продажи")
    await join(anna, recording, code)
    await assign_exam_to_all(owner, recording)
    await scheduler.run_once()
    await tap(anna, recording, "Начать экзамен")
    async with session_factory() as session:
        attempt = (await session.execute(select(Attempt))).scalar_one()
    rng = random.Random(5)
    for position in range(5):  # two wrong answers among them: unfinished work must not name weak topics
        await answer_current(anna, session_factory, attempt.id, position, position >= 2, rng)
    assert "Вопрос 6/20" in last_to(recording, anna.user.id).text

    await tap(owner, recording, "« Команда")
    await tap(owner, recording, "📊 Дашборд")
    board = last_to(recording, owner.user.id).text
    anna_block = board.split("👤 <b>Анна &lt;b&gt; (@anna)</b>")[1].split("\n\n")[0]
    assert "Экзамен: в процессе: 6 из 20" in anna_block
    assert "• Экзамен (до " in anna_block and "): 🔄 в процессе: 6 из 20" in anna_block
    assert "попыток пока нет" not in anna_block and "не начато" not in anna_block
    assert "Слабые темы" not in board and "Три самые слабые темы" not in board
    await tap(owner, recording, "Выгрузить в Excel")
    book = openpyxl.load_workbook(io.BytesIO(recording.sent(SendDocument)[-1].document.data))
    header, row = list(book["Участники"].iter_rows(values_only=True))
    assert header[6] == "Экзамен сейчас" and row[2:7] == (None, "нет", 0, "", "в процессе: 6 из 20")
    tasks = list(book["Задания"].iter_rows(min_row=2, values_only=True))
    assert [(r[2], r[3], r[4]) for r in tasks] == [("Анна <b>", "🔄 в процессе: 6 из 20", None)]
    await tap(anna, recording, "Мои задания")  # the member's own page says the same
    mine = last_to(recording, anna.user.id).text
    assert "🔄 в процессе: 6 из 20" in mine and "Экзамен: в процессе: 6 из 20" in mine

    await tap(anna, recording, "Начать экзамен")  # back to the exam, and to its end
    offer = last_to(recording, anna.user.id).reply_markup
    if offer is not None and any("Продолжить" in b.text for row in offer.inline_keyboard for b in row):
        await tap(anna, recording, "Продолжить")  # an open attempt is offered to continue, not restarted
    for position in range(5, attempt.total):
        await answer_current(anna, session_factory, attempt.id, position, True, rng)
    assert "Результат: 18 из 20 (90 %)" in last_to(recording, anna.user.id).text
    await tap(owner, recording, "📊 Дашборд")
    board = last_to(recording, owner.user.id).text
    assert "в процессе" not in board and "лучший результат 90 % — сдан ✅" in board
    assert "Слабые темы" in board  # finished work names them now


async def test_topics_with_a_typed_date_to_chosen_members(owner: Chatter, anna: Chatter, boris: Chatter,
                                                          recording: RecordingSession, session_factory,  # type: ignore[no-untyped-def]
                                                          scheduler: NotificationScheduler) -> None:
    _, code = await create_team(owner, recording, "Продажи")
    await join(anna, recording, code)
    await join(boris, recording, code)
    await tap(owner, recording, "Назначить задание")
    await owner.press(button_data(last_to(recording, owner.user.id).reply_markup, "Тренировки по темам"))
    await owner.press(button_data(last_to(recording, owner.user.id).reply_markup, "Готово"))
    assert last_answer(recording) == "Отметьте хотя бы одну тему."
    await owner.press(button_data(last_to(recording, owner.user.id).reply_markup, "RFM"))
    await owner.press(button_data(last_to(recording, owner.user.id).reply_markup, "КЭВ"))
    assert "Выбрано: RFM-анализ, КЭВ" in last_to(recording, owner.user.id).text
    await owner.press(button_data(last_to(recording, owner.user.id).reply_markup, "Готово"))
    await owner.send("31.02.2030")
    assert "Не понял дату" in last_to(recording, owner.user.id).text
    await owner.send("01.01.2001")
    assert "уже прошла" in last_to(recording, owner.user.id).text
    await owner.send("15.06.2099")
    assert "дальше чем через год" in last_to(recording, owner.user.id).text
    target = datetime.now(ZoneInfo("Europe/Moscow")).date() + timedelta(days=10)  # the bot's TIMEZONE
    await owner.send(target.strftime("%d.%m.%Y"))
    assert f"со сроком до {target.strftime('%d.%m.%Y')}" in last_to(recording, owner.user.id).text
    await owner.press(button_data(last_to(recording, owner.user.id).reply_markup, "Выбрать участников"))
    await owner.press(button_data(last_to(recording, owner.user.id).reply_markup, "Назначить"))
    assert last_answer(recording) == "Отметьте хотя бы одного участника."
    await owner.press(button_data(last_to(recording, owner.user.id).reply_markup, "Борис"))
    await owner.press(button_data(last_to(recording, owner.user.id).reply_markup, "Назначить"))
    assert "Получатели (1): Борис" in last_to(recording, owner.user.id).text
    async with session_factory() as session:
        targets = (await session.execute(select(AssignmentTarget.user_id))).scalars().all()
    assert targets == [boris.user.id]
    await scheduler.run_once()
    task = last_to(recording, boris.user.id)
    assert "• RFM-анализ" in task.text and "• КЭВ — ключевой этап воронки" in task.text
    assert [b.text for row in task.reply_markup.inline_keyboard for b in row] == \
        ["🏋️ RFM-анализ", "🏋️ КЭВ — ключевой этап воронки"]
    assert not [r for r in to_chat(recording, anna.user.id) if "Новое задание" in r.text]


class FlakyTelegram(RecordingSession):
    """Answers like Telegram would for a blocked user (403) and, once, like a network outage."""

    def __init__(self, blocked: int, flaky: int) -> None:
        super().__init__()
        self.blocked, self.flaky, self.failed_once = blocked, flaky, False

    async def make_request(self, bot, method, timeout=None):  # type: ignore[no-untyped-def]
        chat_id = getattr(method, "chat_id", None)
        if isinstance(method, SendMessage) and chat_id == self.blocked:
            self.requests.append(method)
            raise TelegramForbiddenError(method=method, message="Forbidden: bot was blocked by the user")
        if isinstance(method, SendMessage) and chat_id == self.flaky and not self.failed_once:
            self.failed_once = True
            self.requests.append(method)
            raise TelegramNetworkError(method=method, message="Connection reset by peer")
        return await super().make_request(bot, method, timeout)


async def test_scheduler_marks_blocked_users_and_retries_network_failures(
        owner: Chatter, anna: Chatter, boris: Chatter, dispatcher, recording: RecordingSession,  # type: ignore[no-untyped-def]
        session_factory, settings: Settings, clock_file: Path) -> None:
    vera = chatter(dispatcher, owner.bot, recording, 2004, "Вера")
    _, code = await create_team(owner, recording, "Продажи")
    for member in (anna, boris, vera):
        await join(member, recording, code)
    await assign_exam_to_all(owner, recording)

    flaky = FlakyTelegram(blocked=boris.user.id, flaky=vera.user.id)
    scheduler = NotificationScheduler(Bot(owner.bot.token, session=flaky), session_factory, settings,
                                      markup=dispatcher["outgoing_markup"], clock=Clock(clock_file),
                                      limiter=SendLimiter(overall=1_000_000, per_chat=1e6))
    assert await scheduler.run_once() == 1  # Anna's; Boris blocked the bot, Vera's connection dropped
    async with session_factory() as session:
        rows = {r.user_id: r for r in (await session.execute(
            select(ScheduledNotification).where(ScheduledNotification.kind == "assigned"))).scalars()}
        boris_row = await session.get(UserRow, boris.user.id)
    assert rows[anna.user.id].status == "sent" and rows[boris.user.id].status == "blocked"
    assert boris_row.blocked_at is not None
    assert rows[vera.user.id].status == "pending" and rows[vera.user.id].tries == 1
    assert as_utc(rows[vera.user.id].due_at) - Clock(clock_file).now() > timedelta(seconds=50)

    set_clock(clock_file, Clock(clock_file).now() + timedelta(minutes=2))
    assert await scheduler.run_once() == 1  # Vera's, on the retry
    assert [r.chat_id for r in flaky.sent(SendMessage)] == [anna.user.id, boris.user.id, vera.user.id, vera.user.id]


@pytest.mark.parametrize("leave", ["/menu", "/cancel"])
async def test_leaving_the_team_name_prompt_means_the_next_text_is_not_a_team_name(
        owner: Chatter, recording: RecordingSession, session_factory, leave: str) -> None:  # type: ignore[no-untyped-def]
    await owner.send("/team")
    await owner.press(button_data(last_to(recording, owner.user.id).reply_markup, "Создать команду"))
    assert "Как назовём команду" in last_to(recording, owner.user.id).text
    await owner.send(leave)
    await owner.send("Команда Юг")
    assert await count(session_factory, Team) == 0
    assert "Команда «Команда Юг»" not in last_to(recording, owner.user.id).text
