"""A team owner assigns a dialogue simulator scenario: the member gets it with a button that starts the dialogue,
plays it through, and the owner's dashboard and XLSX show it done with the score."""

from __future__ import annotations

import io

import openpyxl
from aiogram import Bot, Dispatcher
from aiogram.methods import SendDocument, SendMessage

from bot.scheduler import NotificationScheduler
from services.attestation.simulator.engine.loader import load_library
from tests.dispatcher.conftest import Chatter, button_data
from tests.dispatcher.recording_session import RecordingSession
from tests.dispatcher.sim_player import play_to_the_end, runs_of
from tests.dispatcher.test_team import chatter, create_team, join, last_to, tap

# The team tests' clock, settings and scheduler fixtures, the same for an assigned scenario.
from tests.dispatcher.test_team import clock_file, scheduler, settings  # noqa: F401  isort: skip

SCENARIO = load_library().scenario("coffee_supplier_objection")


async def test_owner_assigns_a_scenario_and_sees_it_done(dispatcher: Dispatcher, bot: Bot, recording: RecordingSession,
                                                         session_factory,  # type: ignore[no-untyped-def]
                                                         scheduler: NotificationScheduler) -> None:  # noqa: F811
    owner: Chatter = chatter(dispatcher, bot, recording, 2001, "Ольга", "olga")
    anna: Chatter = chatter(dispatcher, bot, recording, 2002, "Анна", "anna")
    _, code = await create_team(owner, recording, "Продажи")
    await join(anna, recording, code)

    await tap(owner, recording, "Назначить задание")
    await tap(owner, recording, "Сценарии тренажёра диалогов")
    assert "Отметьте сценарии" in last_to(recording, owner.user.id).text
    await tap(owner, recording, SCENARIO.title)
    await tap(owner, recording, "Готово")
    assert f"«Тренажёр диалогов: {SCENARIO.title}»" in last_to(recording, owner.user.id).text
    await tap(owner, recording, "3 дня")
    await tap(owner, recording, "Всем участникам")
    assert f"Задание назначено: Тренажёр диалогов: {SCENARIO.title}" in last_to(recording, owner.user.id).text

    await tap(owner, recording, "Дашборд")
    assert "⏳ не начато" in last_to(recording, owner.user.id).text

    before = len(recording.requests)
    assert await scheduler.run_once() == 1
    task = next(r for r in recording.requests[before:] if isinstance(r, SendMessage))
    assert task.chat_id == anna.user.id and "Пройти в тренажёре диалогов" in task.text
    await anna.press(button_data(task.reply_markup, f"🎭 {SCENARIO.title}"))
    assert f"<b>{SCENARIO.title}</b>" in anna.last_text()
    await play_to_the_end(anna, session_factory, best=True)
    (run,) = await runs_of(session_factory, anna.user.id)
    assert run.status == "finished" and run.earned == run.possible

    await owner.send("/team")
    await tap(owner, recording, "Дашборд")
    board = last_to(recording, owner.user.id).text
    assert "✅ выполнено, результат 100\u00a0%" in board
    assert "Тренажёр диалогов: пройден 1 сценарий, лучший результат 100\u00a0%" in board
    await tap(owner, recording, "Выгрузить в Excel")
    book = openpyxl.load_workbook(io.BytesIO(recording.sent(SendDocument)[-1].document.data))
    header, anna_row = list(book["Участники"].iter_rows(values_only=True))
    assert anna_row[header.index("Сценариев пройдено")] == 1
    assert anna_row[header.index("Тренажёр: лучший %")] == 100
    tasks = list(book["Задания"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[3], r[4]) for r in tasks] == [(f"Тренажёр диалогов: {SCENARIO.title}", "✅ выполнено", 100)]
