"""Teams through the real bot process and the stub Bot API (issue 5, «Done when»).

Time is moved by rewriting the file CLOCK_OFFSET_FILE points at (an ISO moment the bot's clock then shows);
the scheduler looks at due notifications every 0.3 s instead of every 30 s.
"""

from __future__ import annotations

import io
import random
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import openpyxl

from handlers.team.callbacks import (
    ReportAction,
    ReportCallback,
    TeamAction,
    TeamCallback,
    WizardAction,
    WizardCallback,
)
from services.clock import as_utc
from tests.e2e.actions import db_rows, tap
from tests.e2e.conftest import BotEnv
from tests.e2e.harness import BotProcess
from tests.e2e.quiz_player import answer, current_question
from tests.stubapi import ChatMessage, SimUser, StubBotApi

LINK_RE = re.compile(r"https://t\.me/sales_coach_test_bot\?start=join_([A-Za-z0-9_-]+)")
RESULT_RE = re.compile(r"Результат: (\d+) из (\d+) \((\d+) %\)")
TEAM_NAME = "Отдел <продаж> & Co"
# What a forged button could change: members, assignments, the live invite code, teams, scheduled messages.
TEAM_STATE = ("select (select count(*) from team_members where status = 'active'), (select count(*) from assignments),"
              " (select code from team_invites where revoked_at is null), (select count(*) from teams),"
              " (select count(*) from scheduled_notifications)")


FLOWS = {TeamAction: TeamCallback, ReportAction: ReportCallback, WizardAction: WizardCallback}


def forged(action: str, team_id: int, member_id: int, value: str) -> str:
    """A team button packed by hand, as a forger would, by the factory of the flow that owns `action`."""
    factory = next(factory for actions, factory in FLOWS.items() if action in set(actions))
    return factory(a=action, t=team_id, x=member_id, v=value).pack()


def settings_for(bot_env: BotEnv) -> dict[str, str]:
    return {"THROTTLE_RATE": "1000", "THROTTLE_BURST": "1000", "SCHEDULER_INTERVAL": "0.3",
            "CLOCK_OFFSET_FILE": str(clock_path(bot_env))}


def clock_path(bot_env: BotEnv) -> Path:
    return bot_env.workdir / "clock.txt"


def set_clock(bot_env: BotEnv, moment: datetime) -> None:
    clock_path(bot_env).write_text(moment.astimezone(UTC).isoformat())


def said(stub: StubBotApi, user: SimUser, text: str) -> list[ChatMessage]:
    return [m for m in stub.bot_messages(user.id) if text in m.shown_text]


async def create_team(stub: StubBotApi, owner: SimUser, name: str) -> tuple[ChatMessage, str]:
    stub.send_text(owner, "/team")
    overview = await stub.wait_message(owner.id, "Моя команда")
    stub.press(owner, overview, "➕ Создать команду")
    await stub.wait_message(owner.id, "Как назовём команду")
    stub.send_text(owner, name)
    qr = await stub.wait_message(owner.id, where=lambda m: m.photo is not None)
    card = await stub.wait_message(owner.id, f"Команда «{name}»")
    match = LINK_RE.search(card.shown_text)
    assert match and match.group(1) in qr.caption, card.shown_text
    return card, match.group(1)


async def join(stub: StubBotApi, member: SimUser, code: str, team: str, owner_name: str) -> ChatMessage:
    stub.send_text(member, f"/start join_{code}")
    offer = await stub.wait_message(member.id, f"Вас приглашают в команду «{team}»")
    assert f"Владелец: {owner_name}." in offer.shown_text
    return await tap(stub, member, offer, "✅ Вступить", "вы в команде")


async def assign(stub: StubBotApi, owner: SimUser, card: ChatMessage, what: str, deadline: str | None,
                 typed_date: str | None = None, who: str = "Всем участникам") -> ChatMessage:
    step = await tap(stub, owner, card, "📝 Назначить задание", "Что назначить?")
    if what == "exam":
        step = await tap(stub, owner, step, "🎓 Экзамен (20 вопросов)", "Срок")
    else:
        step = await tap(stub, owner, step, "📚 Тренировки по темам", "Отметьте темы")
        step = await tap(stub, owner, step, f"▫️ {what}", "Выбрано")
        step = await tap(stub, owner, step, "Готово ▶", "Срок")
    if typed_date is not None:
        stub.send_text(owner, typed_date)
        step = await stub.wait_message(owner.id, "Кому назначить")
    else:
        assert deadline is not None
        step = await tap(stub, owner, step, deadline, "Кому назначить")
    button = next(label for label in step.button_labels() if label.startswith(who))
    return await tap(stub, owner, step, button, "Задание назначено")


async def pass_exam(stub: StubBotApi, bot: BotProcess, member: SimUser, task: ChatMessage) -> ChatMessage:
    stub.press(member, task, "🎓 Начать экзамен")
    await stub.wait_message(member.id, "Вопрос 1/20")
    rng = random.Random(member.id)
    for _ in range(20):
        await answer(stub, member, current_question(bot.database_url, member.id), True, rng)
    return await stub.wait_for(lambda: next((m for m in reversed(stub.bot_messages(member.id))
                                             if RESULT_RE.search(m.shown_text)), None))


async def test_team_assignment_deadline_reminders_dashboard_and_xlsx(stub: StubBotApi, bot_factory,  # type: ignore[no-untyped-def]
                                                                     bot_env: BotEnv) -> None:
    set_clock(bot_env, datetime.now(UTC))
    bot: BotProcess = bot_factory(extra_env=settings_for(bot_env))
    await bot.start()
    olga = stub.user(7001, "Ольга", last_name="Смирнова")
    anna = stub.user(7002, "Анна", username="anna")
    boris = stub.user(7003, "Борис")
    mallory = stub.user(7004, "Мэллори")

    card, code = await create_team(stub, olga, TEAM_NAME)
    await join(stub, anna, code, TEAM_NAME, "Ольга Смирнова")
    await join(stub, boris, code, TEAM_NAME, "Ольга Смирнова")
    stub.send_text(anna, f"/start join_{code}")
    await stub.wait_message(anna.id, "Вы уже в команде")
    (team_id,) = db_rows(bot, "select id from teams")[0]
    assert db_rows(bot, "select count(*) from team_members where status = 'active'") == [(2,)]

    done = await assign(stub, olga, card, "exam", "3 дня")
    assert "Получатели (2): Анна, Борис" in done.shown_text
    anna_task = await stub.wait_message(anna.id, "Новое задание")
    boris_task = await stub.wait_message(boris.id, "Новое задание")
    assert f"от команды «{TEAM_NAME}» (руководитель: Ольга Смирнова)" in anna_task.shown_text
    assert boris_task.button_labels() == ["🎓 Начать экзамен"]

    result = await pass_exam(stub, bot, anna, anna_task)
    assert RESULT_RE.search(result.shown_text).groups() == ("20", "20", "100")
    await stub.wait_message(olga.id, "Анна: экзамен сдан — 100 %")

    # A stranger forges the owner's buttons on a message in his own chat: each gets «нет доступа».
    stub.send_text(mallory, "/start")
    greeting = await stub.wait_message(mallory.id, "Здравствуйте")
    before = db_rows(bot, TEAM_STATE)
    for action in ("open", "regen", "regy", "mem", "rmy", "dely", "db", "xl", "as", "asw", "amd", "aw"):
        data = forged(action, team_id, anna.id, "all")
        query = await stub.wait_callback_answer(stub.press_forged(mallory, greeting, data))
        assert query.answer_text is not None and query.answer_text.startswith("Нет доступа"), (action, query)
    after = db_rows(bot, TEAM_STATE)
    assert after == before and after[0][2] == code
    assert [m.message_id for m in stub.bot_messages(mallory.id)] == [greeting.message_id]

    # The day before the deadline: a reminder to Boris only (Anna is done); then a restart.
    ((stored,),) = db_rows(bot, "select deadline from assignments")
    # SQLite hands the datetime back as text, PostgreSQL as a datetime.
    deadline = as_utc(stored if isinstance(stored, datetime) else datetime.fromisoformat(stored))
    set_clock(bot_env, deadline - timedelta(hours=23))
    reminder = await stub.wait_message(boris.id, "Напоминание: завтра")
    assert reminder.button_labels() == ["🎓 Начать экзамен"]
    await bot.terminate()
    await bot.start()

    # The deadline passes: Boris is told, Olga gets the summary; then another restart.
    set_clock(bot_env, deadline + timedelta(minutes=1))
    overdue = await stub.wait_message(boris.id, "истёк")
    summary = await stub.wait_message(olga.id, "Срок задания истёк")
    assert "Выполнили в срок: 1 из 2" in summary.shown_text
    assert "Анна — ✅ выполнено (100 %)" in summary.shown_text and "Борис — ⛔ просрочено" in summary.shown_text
    await bot.terminate()
    await bot.start()

    stub.press(olga, summary, "📊 Дашборд команды")
    board = await stub.wait_message(olga.id, "Дашборд команды")
    text = board.shown_text
    anna_block, boris_block = text.split("👤 Анна (@anna)")[1].split("👤 Борис")
    assert "Экзамен: лучший результат 100 % — сдан ✅" in anna_block and "✅ выполнено (100 %)" in anna_block
    assert "Экзамен: попыток пока нет" in boris_block and "⛔ просрочено" in boris_block
    assert "Команда по темам" in text

    stub.press(olga, board, "📥 Выгрузить в Excel")
    document = await stub.wait_message(olga.id, where=lambda m: m.document is not None)
    book = openpyxl.load_workbook(io.BytesIO(document.document.data))
    assert book.sheetnames == ["Участники", "Задания", "Темы"]
    members = {row[0]: row for row in book["Участники"].iter_rows(min_row=2, values_only=True)}
    assert members["Анна"][2:5] == (100, "да", 1) and members["Борис"][2:5] == (None, "нет", 0)
    tasks = {row[2]: row for row in book["Задания"].iter_rows(min_row=2, values_only=True)}
    assert tasks["Анна"][3:5] == ("✅ выполнено", 100) and tasks["Борис"][3:5] == ("⛔ просрочено", None)

    # Every reminder arrived exactly once, across both restarts; nothing is left to send.
    assert len(said(stub, boris, "Напоминание")) == 1 and len(said(stub, boris, "истёк")) == 1
    assert not said(stub, anna, "Напоминание") and not said(stub, anna, "истёк")
    assert len(said(stub, olga, "Срок задания истёк")) == 1 and len(said(stub, olga, "экзамен сдан")) == 1
    assert len(said(stub, anna, "Новое задание")) == 1 and len(said(stub, boris, "Новое задание")) == 1
    assert {status for (status,) in db_rows(bot, "select status from scheduled_notifications")} == \
        {"sent", "skipped"}

    late_start = stub.press(boris, overdue, "🎓 Начать экзамен")  # the late member can still start from the notice
    await stub.wait_message(boris.id, "Вопрос 1/20")
    await stub.wait_callback_answer(late_start)
    assert not stub.unanswered_callbacks
    stub.assert_no_api_errors()


async def test_blocked_member_regenerated_link_removed_member_deleted_team(stub: StubBotApi, bot_factory,  # type: ignore[no-untyped-def]
                                                                           bot_env: BotEnv) -> None:
    bot: BotProcess = bot_factory(extra_env=settings_for(bot_env))
    await bot.start()
    olga = stub.user(7101, "Ольга")
    anna = stub.user(7102, "Анна")
    boris = stub.user(7103, "Борис")
    vera = stub.user(7104, "Вера")

    card, code = await create_team(stub, olga, "Продажи")
    joined = await join(stub, anna, code, "Продажи", "Ольга")
    await join(stub, boris, code, "Продажи", "Ольга")
    stub.block_user(boris)

    day = (datetime.now(UTC) + timedelta(days=20)).astimezone().strftime("%d.%m.%Y")
    done = await assign(stub, olga, card, "RFM-анализ", None, typed_date=day)
    card = await tap(stub, olga, done, "« Команда", "Команда «Продажи»")
    task = await stub.wait_message(anna.id, "Новое задание")
    assert "• RFM-анализ" in task.shown_text and task.button_labels() == ["🏋️ RFM-анализ"]
    await stub.wait_for(lambda: db_rows(bot, "select blocked_at from users where id = :id", id=boris.id)[0][0],
                        description="Boris marked as blocked")
    assert db_rows(bot, "select status from scheduled_notifications where key like 'assigned:%' order by user_id") \
        == [("sent",), ("blocked",)]
    assert {(r.method, r.status) for r in stub.api_errors()} == {("sendMessage", 403)}
    await stub.wait_callback_answer(stub.press(anna, task, "🏋️ RFM-анализ"))
    await stub.wait_message(anna.id, "Вопрос 1/")

    # A new link (asked first: printed QR codes die with the old one): the old one stops working, the new one
    # lets Vera in.
    confirm = await tap(stub, olga, card, "♻️ Новая ссылка", "Заменить ссылку-приглашение команды «Продажи»?")
    assert confirm.button_labels() == ["Да, заменить", "Отмена"]
    assert db_rows(bot, "select code from team_invites where revoked_at is null") == [(code,)]
    new_card = await tap(stub, olga, confirm, "Да, заменить", "Команда «Продажи»")
    new_code = LINK_RE.search(new_card.shown_text).group(1)
    qr = await stub.wait_message(olga.id, "Новая ссылка готова", where=lambda m: m.photo is not None)
    assert new_code != code and new_code in qr.caption
    stub.send_text(vera, f"/start join_{code}")
    await stub.wait_message(vera.id, "Нет доступа: приглашение недействительно")
    vera_joined = await join(stub, vera, new_code, "Продажи", "Ольга")

    # Anna is removed: her old button refuses politely.
    members = await tap(stub, olga, new_card, "👥 Участники", "Участники команды «Продажи» — 3")
    confirm = await tap(stub, olga, members, "✖ Анна", "Удалить участника «Анна» из команды")
    members = await tap(stub, olga, confirm, "Да, удалить", "Анна больше не в команде")
    assert members.button_labels() == ["✖ Борис", "✖ Вера", "« Команда"]
    query = await stub.wait_callback_answer(stub.press(anna, joined, "📋 Мои задания"))
    assert query.answer_text == "Нет доступа: вы не состоите в этой команде."

    # Boris writes again (which unblocks the bot) and finds his assignment in /team.
    stub.send_text(boris, "/team")
    overview = await stub.wait_message(boris.id, "Вы участник команд")
    mine = await tap(stub, boris, overview, "📋 Продажи: мои задания", "Ваши задания")
    assert "Тренировки: RFM-анализ" in mine.shown_text and "⏳ не начато" in mine.shown_text
    assert db_rows(bot, "select blocked_at from users where id = :id", id=boris.id) == [(None,)]

    # The team is deleted: the link and the members' buttons lead nowhere.
    card = await tap(stub, olga, members, "« Команда", "Участников: 2")
    deleted = await tap(stub, olga, card, "🗑 Удалить команду", "Удалить команду «Продажи»?")
    await tap(stub, olga, deleted, "Да, удалить команду", "Команда «Продажи» удалена")
    query = await stub.wait_callback_answer(stub.press(vera, vera_joined, "📋 Мои задания"))
    assert query.answer_text == "Нет доступа: вы не состоите в этой команде."
    stub.send_text(anna, f"/start join_{new_code}")
    await stub.wait_message(anna.id, "Нет доступа: приглашение недействительно")
    assert db_rows(bot, "select count(*) from teams") == [(0,)]
    assert db_rows(bot, "select count(*) from scheduled_notifications") == [(0,)]
    assert not stub.unanswered_callbacks
