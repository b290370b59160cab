"""The daily drill through the real Dispatcher: settings by button labels, a scheduled drill answered by
buttons (and a typed number), old and foreign buttons, the owner's invitation, team view and leaderboard."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from aiogram import Bot, Dispatcher
from aiogram.exceptions import TelegramForbiddenError
from aiogram.methods import AnswerCallbackQuery, EditMessageText, SendMessage
from aiogram.types import InlineKeyboardMarkup
from aiogram.types import User as TgUser
from sqlalchemy import select

from bot.scheduler import NotificationScheduler
from bot.send_limiter import SendLimiter
from bot.settings import Settings
from db.models import DrillCard, DrillReview, DrillRun, DrillSettings, ScheduledNotification
from db.models import User as UserRow
from handlers.drill.callbacks import AnswerAction, DrillCallback
from services.attestation.engine.content import load_bank
from services.attestation.engine.instance import QuestionInstance, make_instance
from services.attestation.engine.render import button_labels
from services.clock import Clock, as_utc
from tests.dispatcher.conftest import Chatter, button_data
from tests.dispatcher.recording_session import RecordingSession

MONDAY_0930 = datetime(2026, 3, 2, 6, 30, tzinfo=UTC)  # 09:30 in Moscow, the bot's TIMEZONE
DONE = "Готово ✔"


@pytest.fixture
def clock_file(tmp_path: Path) -> Path:
    path = tmp_path / "clock"
    set_clock(path, MONDAY_0930 - timedelta(hours=1))
    return path


@pytest.fixture
def settings(database_url: str, clock_file: Path) -> Settings:
    return Settings(bot_token="123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0", database_url=database_url,  # type: ignore[arg-type]
                    throttle_rate=1000, throttle_burst=1000, clock_offset_file=clock_file)


@pytest.fixture
def scheduler(bot: Bot, dispatcher: Dispatcher, session_factory, settings: Settings,  # type: ignore[no-untyped-def]
              clock_file: Path) -> NotificationScheduler:
    return NotificationScheduler(bot, session_factory, settings, markup=dispatcher["outgoing_markup"],
                                 drill_markup=dispatcher["drill_markup"], clock=Clock(clock_file),
                                 limiter=SendLimiter(overall=1_000_000, per_chat=1e6))


def set_clock(clock_file: Path, moment: datetime) -> None:
    clock_file.write_text(as_utc(moment).isoformat())


def chatter(dispatcher: Dispatcher, bot: Bot, recording: RecordingSession, user_id: int, name: str) -> Chatter:
    return Chatter(dispatcher, bot, recording, TgUser(id=user_id, is_bot=False, first_name=name))


def to_chat(recording: RecordingSession, chat_id: int) -> list[SendMessage | EditMessageText]:
    return [r for r in recording.requests if isinstance(r, SendMessage | EditMessageText) and r.chat_id == chat_id]


def last_to(recording: RecordingSession, chat_id: int) -> SendMessage | EditMessageText:
    sent = to_chat(recording, chat_id)
    assert sent, f"nothing was sent to {chat_id}"
    return sent[-1]


def markup_to(recording: RecordingSession, chat_id: int) -> InlineKeyboardMarkup:
    for request in reversed(to_chat(recording, chat_id)):
        if isinstance(request.reply_markup, InlineKeyboardMarkup):
            return request.reply_markup
    raise AssertionError(f"no keyboard was shown to {chat_id}")


async def tap(user: Chatter, label: str, exact: bool = False) -> None:
    """Press the button `label` of the latest keyboard shown to `user`."""
    markup = markup_to(user.session, user.user.id)
    if exact:
        data = next((b.callback_data for row in markup.inline_keyboard for b in row if b.text == label), None)
        assert data is not None, (label, [b.text for row in markup.inline_keyboard for b in row])
    else:
        data = button_data(markup, label)
    await user.press(data)


def toast(recording: RecordingSession) -> str | None:
    return recording.sent(AnswerCallbackQuery)[-1].text


async def current_run(session_factory, user_id: int) -> DrillRun:  # type: ignore[no-untyped-def]
    async with session_factory() as session:
        return (await session.execute(select(DrillRun).where(DrillRun.user_id == user_id)
                                      .order_by(DrillRun.day.desc()).limit(1))).scalar_one()


async def answer_question(user: Chatter, session_factory, right: bool) -> None:  # type: ignore[no-untyped-def]
    """Answer the drill's current question by its button labels (or a typed number), right or wrong."""
    run = await current_run(session_factory, user.user.id)
    instance = make_instance(load_bank().question(run.questions[run.position]), run.seed)
    labels = button_labels(instance)
    if instance.type == "numeric":
        value = instance.answer if right else (instance.answer or 0) * 3 + 17
        await user.send(f"{value:.2f}".replace(".", ","))
        return
    sequence = _choices(instance, right)
    for k in sequence:
        await tap(user, labels[k], exact=True)
    if instance.type == "multiple":
        await tap(user, DONE, exact=True)


def _choices(instance: QuestionInstance, right: bool) -> list[int]:
    correct = list(instance.correct)
    wrong = [k for k in range(len(instance.choices)) if k not in correct]
    if instance.type == "single":
        return [correct[0] if right else wrong[0]]
    if instance.type == "multiple":
        return correct if right else wrong[:1]
    if not right:
        correct[0], correct[1] = correct[1], correct[0]
    return correct


async def turn_on_in(user: Chatter, zone_label: str) -> str:
    await user.send("/drill")
    assert "Статус: ⏸ выключена" in last_to(user.session, user.user.id).text
    await tap(user, "Включить тренировку")
    assert "Сначала часовой пояс" in last_to(user.session, user.user.id).text
    await tap(user, zone_label)
    return last_to(user.session, user.user.id).text


async def test_settings_by_buttons_and_typed_time(dispatcher, bot, recording, session_factory) -> None:  # type: ignore[no-untyped-def]
    alice = chatter(dispatcher, bot, recording, 1001, "Алиса")
    await alice.send("/start")
    await tap(alice, "Ежедневная тренировка")
    assert "Ежедневная тренировка" in last_to(recording, 1001).text
    text = await turn_on_in(alice, "Екатеринбург, UTC+5")
    assert "Тренировка включена" in text and "Время: 09:30 (Екатеринбург, UTC+5)" in text
    assert "Дни: по будням" in text and "Вопросов в день: 3 вопроса" in text
    assert "Следующая тренировка: вт, 03.03 в 09:30" in text  # 10:30 in Yekaterinburg already

    await tap(alice, "Время")
    assert "Во сколько присылать" in last_to(recording, 1001).text
    await tap(alice, "19:00")
    assert "Время тренировки: 19:00" in last_to(recording, 1001).text
    await tap(alice, "Время")
    await alice.send("23:00")
    assert "С 21:00 до 08:00 бот не присылает" in last_to(recording, 1001).text
    await alice.send("10:15")
    assert "Время тренировки: 10:15" in last_to(recording, 1001).text
    await alice.send("11:00")  # the time screen is answered: a later message is not a time any more
    assert "Время тренировки: 11:00" not in last_to(recording, 1001).text

    await alice.send("/drill")
    await tap(alice, "Дни")
    await tap(alice, "✅ пт")
    await tap(alice, "▫️ вс")
    assert [b.text for b in markup_to(recording, 1001).inline_keyboard[1]][:3] == ["▫️ пт", "▫️ сб", "✅ вс"]
    await tap(alice, "Каждый день")
    await tap(alice, "« Назад")
    assert "Дни: каждый день" in last_to(recording, 1001).text
    await tap(alice, "Вопросов в день")
    await tap(alice, "5", exact=True)
    assert "Вопросов в день: 5 вопросов" in last_to(recording, 1001).text
    await tap(alice, "Часовой пояс")
    await tap(alice, "Москва, UTC+3")
    assert "Время: 10:15 (Москва, UTC+3)" in last_to(recording, 1001).text
    async with session_factory() as session:
        row = await session.get(DrillSettings, 1001)
    assert (row.enabled, row.minute, row.days, row.per_day, row.zone) == (True, 615, 127, 5, "Europe/Moscow")
    assert as_utc(row.next_at) == datetime(2026, 3, 2, 7, 15, tzinfo=UTC)

    await tap(alice, "Выключить тренировку")
    assert "Статус: ⏸ выключена" in last_to(recording, 1001).text
    async with session_factory() as session:
        row = await session.get(DrillSettings, 1001)
    assert not row.enabled and row.next_at is None


async def test_scheduled_drill_answered_by_buttons_old_and_foreign_buttons(dispatcher, bot, recording,  # type: ignore[no-untyped-def]
                                                                          session_factory, scheduler,
                                                                          clock_file: Path) -> None:
    alice = chatter(dispatcher, bot, recording, 1001, "Алиса")
    mallory = chatter(dispatcher, bot, recording, 1009, "Мэллори")
    await turn_on_in(alice, "Москва, UTC+3")
    assert await scheduler.run_once() == 0  # 08:30
    set_clock(clock_file, MONDAY_0930 + timedelta(seconds=5))
    assert await scheduler.run_once() == 1
    drill = last_to(recording, 1001)
    assert isinstance(drill, SendMessage) and "Тренировка на 02.03" in drill.text and "Вопрос 1/3" in drill.text
    assert await scheduler.run_once() == 0

    run = await current_run(session_factory, 1001)
    await mallory.send("/start")
    await mallory.press(DrillCallback(r=run.id, p=0, a=AnswerAction.OPTION, v=0).pack())
    assert toast(recording) == "Это не ваша тренировка."

    for n, right in enumerate((True, False, True)):
        await answer_question(alice, session_factory, right)
        shown = last_to(recording, 1001).text
        assert ("✅ <b>Верно</b>" if right else "❌ <b>Неверно</b>") in shown
        if n < 2:
            await tap(alice, "Дальше")
            assert f"Вопрос {n + 2}/3" in last_to(recording, 1001).text
    assert "Тренировка пройдена: 2 из 3</b>, серия 1 день" in last_to(recording, 1001).text
    async with session_factory() as session:
        reviews = list((await session.execute(select(DrillReview).order_by(DrillReview.position))).scalars())
        cards = {c.question_id: c for c in (await session.execute(select(DrillCard))).scalars()}
    assert [r.correct for r in reviews] == [True, False, True]
    assert [cards[r.question_id].interval_days for r in reviews] == [2, 1, 2]

    await alice.press(DrillCallback(r=run.id, p=2, a=AnswerAction.OPTION, v=0).pack())
    assert toast(recording) == "Эта тренировка уже пройдена. Следующая придёт по расписанию."
    set_clock(clock_file, MONDAY_0930 + timedelta(days=1, seconds=5))
    assert await scheduler.run_once() == 1
    tuesday = await current_run(session_factory, 1001)
    assert tuesday.questions[0] == reviews[1].question_id  # answered wrong on Monday: due on Tuesday
    assert not set(tuesday.questions[1:]) & set(cards)  # the others are not due: new questions fill the day
    set_clock(clock_file, MONDAY_0930 + timedelta(days=2, seconds=5))
    assert await scheduler.run_once() == 1
    await alice.press(DrillCallback(r=tuesday.id, p=0, a=AnswerAction.OPTION, v=0).pack())
    assert toast(recording) == "Эта тренировка закончилась — уже пришла следующая."
    async with session_factory() as session:
        statuses = [r.status for r in (await session.execute(select(DrillRun).order_by(DrillRun.day))).scalars()]
    assert statuses == ["done", "missed", "open"]


async def test_owner_invites_the_team_sees_recall_and_assigns_the_weakest_topic(dispatcher, bot, recording,  # type: ignore[no-untyped-def]
                                                                              session_factory, scheduler,
                                                                              clock_file: Path) -> None:
    olga = chatter(dispatcher, bot, recording, 2001, "Ольга")
    anna = chatter(dispatcher, bot, recording, 2002, "Анна <b>")
    await olga.send("/team")
    await tap(olga, "Создать команду")
    await olga.send("Продажи")
    code = last_to(recording, 2001).text.split("join_")[1].split()[0]
    await anna.send(f"/start join_{code}")
    await tap(anna, "Вступить")

    await olga.send("/team")
    await tap(olga, "Продажи")
    await tap(olga, "🧠 Тренировка")  # the team card leads to the team's drill
    view = last_to(recording, 2001).text
    assert "Участвуют: 0 из 1" in view and "Анна &lt;b&gt; — ⏸ не участвует" in view
    await tap(olga, "Пригласить команду в тренировку")
    assert "Отправлено 1 приглашение" in last_to(recording, 2001).text
    await tap(olga, "Пригласить команду в тренировку")  # the same day: scheduled once
    async with session_factory() as session:
        invites = list((await session.execute(select(ScheduledNotification))).scalars())
    assert [(n.kind, n.user_id) for n in invites] == [("drill_invite", 2002)]
    assert await scheduler.run_once() == 1
    invite = last_to(recording, 2002)
    assert "Ольга приглашает команду «Продажи» в ежедневную тренировку" in invite.text
    assert "3 вопроса по будням в 09:30 (Москва, UTC+3)" in invite.text
    await tap(anna, "✅ Участвовать")
    assert "Тренировка включена" in last_to(recording, 2002).text

    set_clock(clock_file, MONDAY_0930 + timedelta(seconds=5))
    assert await scheduler.run_once() == 1
    for n, right in enumerate((False, True, True)):
        await answer_question(anna, session_factory, right)
        if n < 2:
            await tap(anna, "Дальше")
    await tap(anna, "Настройки тренировки")
    await tap(anna, "Показывать мою серию команде")
    assert "ваша серия видна в рейтинге команды" in last_to(recording, 2002).text
    await tap(anna, "Серии: Продажи")
    assert "1. Анна &lt;b&gt; — 1 день" in last_to(recording, 2002).text

    set_clock(clock_file, MONDAY_0930 + timedelta(days=2, hours=-2))  # Wednesday 07:30: a day of forgetting
    await olga.send("/drill")
    await tap(olga, "Тренировка команды: Продажи")
    view = last_to(recording, 2001).text
    assert "Участвуют: 1 из 1. За 7 дней пройдено тренировок: 1 из 1." in view
    assert "Анна &lt;b&gt; — ✅ серия 1 день" in view and "Команда помнит" in view
    run = await current_run(session_factory, 2002)
    wrong_topic = load_bank().question(run.questions[0]).topic_id
    title = load_bank().topic(wrong_topic).title
    assert f"Слабее всего — {title}" in view
    await tap(olga, "Рейтинг серий")
    assert "1. Анна &lt;b&gt; — 1 день" in last_to(recording, 2001).text
    await tap(olga, "« Назад")
    await tap(olga, f"Назначить тему: {title}")
    step = last_to(recording, 2001).text
    assert "Срок" in step and title in step


class BlockedBy(RecordingSession):
    """Telegram as seen by a bot that `blocked` has blocked: sending to him answers 403."""

    def __init__(self, blocked: int) -> None:
        super().__init__()
        self.blocked = blocked

    async def make_request(self, bot, method, timeout=None):  # type: ignore[no-untyped-def]
        if isinstance(method, SendMessage) and int(method.chat_id) == self.blocked:
            self.requests.append(method)
            raise TelegramForbiddenError(method=method, message="Forbidden: bot was blocked by the user")
        return await super().make_request(bot, method, timeout)


async def test_a_user_who_blocked_the_bot_is_marked_and_skipped(dispatcher, bot, recording, session_factory,  # type: ignore[no-untyped-def]
                                                                 settings: Settings, clock_file: Path) -> None:
    alice = chatter(dispatcher, bot, recording, 1001, "Алиса")
    boris = chatter(dispatcher, bot, recording, 1002, "Борис")
    for user in (alice, boris):
        await turn_on_in(user, "Москва, UTC+3")
    telegram = BlockedBy(blocked=1002)
    scheduler = NotificationScheduler(Bot(bot.token, session=telegram), session_factory, settings,
                                      markup=dispatcher["outgoing_markup"], drill_markup=dispatcher["drill_markup"],
                                      clock=Clock(clock_file), limiter=SendLimiter(overall=1_000_000, per_chat=1e6))
    set_clock(clock_file, MONDAY_0930 + timedelta(seconds=5))
    assert await scheduler.run_once() == 1
    async with session_factory() as session:
        runs = {r.user_id: r.status for r in (await session.execute(select(DrillRun))).scalars()}
        blocked_at = (await session.get(UserRow, 1002)).blocked_at
    assert runs == {1001: "open", 1002: "blocked"} and blocked_at is not None
    set_clock(clock_file, MONDAY_0930 + timedelta(days=1, seconds=5))
    assert await scheduler.run_once() == 1
    assert [int(r.chat_id) for r in telegram.sent(SendMessage)] == [1001, 1002, 1001]  # no second try at Boris
