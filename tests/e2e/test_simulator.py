"""The dialogue simulator through the real bot process and the stub Bot API (issue 19, «Done when»): a team owner
assigns a scenario, the member plays it to the end by tapping replies, and the owner sees the result."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from services.attestation.simulator.engine import engine, render
from services.attestation.simulator.engine.loader import load_library
from tests.e2e.actions import db_rows, tap
from tests.e2e.conftest import BotEnv
from tests.e2e.harness import BotProcess
from tests.e2e.test_team import create_team, join, set_clock, settings_for
from tests.stubapi import ChatMessage, SimUser, StubBotApi

SCENARIO = load_library().scenario("kitchen_needs")
TEAM_NAME = "Кухни на заказ"


def best_label(bot: BotProcess, user: SimUser) -> str | None:
    """The label of the best reply of the member's current step (None when no dialogue is open)."""
    rows = db_rows(bot, "select state from sim_runs where user_id = :uid and status = 'open'", uid=user.id)
    if not rows:
        return None
    raw = rows[0][0]
    state = engine.State.from_dict(raw if isinstance(raw, dict) else json.loads(raw))
    shown = engine.shown_replies(SCENARIO, state)
    totals = [reply.total for reply in shown]
    return render.labels(shown)[totals.index(max(totals))]


async def tap_reply(stub: StubBotApi, user: SimUser, message: ChatMessage, label: str) -> ChatMessage:
    """Tap a reply and wait until the live message shows the next step (or the end screen)."""
    before = message.shown_text
    pressed = stub.press(user, message, label)
    await stub.wait_callback_answer(pressed)

    def changed() -> ChatMessage | None:
        now = next(m for m in stub.bot_messages(user.id) if m.message_id == message.message_id)
        return now if now.shown_text != before else None

    return await stub.wait_for(changed)


async def test_a_member_plays_an_assigned_scenario_and_the_owner_sees_it(stub: StubBotApi, bot_factory,  # type: ignore[no-untyped-def]
                                                                         bot_env: BotEnv) -> None:
    set_clock(bot_env, datetime.now(UTC))
    bot: BotProcess = bot_factory(extra_env=settings_for(bot_env))
    await bot.start()
    olga = stub.user(7101, "Ольга")
    anna = stub.user(7102, "Анна", username="anna")
    card, code = await create_team(stub, olga, TEAM_NAME)
    await join(stub, anna, code, TEAM_NAME, "Ольга")

    step = await tap(stub, olga, card, "📝 Назначить задание", "Что назначить?")
    step = await tap(stub, olga, step, "🎭 Сценарии тренажёра диалогов", "Отметьте сценарии")
    step = await tap(stub, olga, step, f"▫️ {SCENARIO.title}", "Выбрано")
    step = await tap(stub, olga, step, "Готово ▶", "Срок")
    step = await tap(stub, olga, step, "3 дня", "Кому назначить")
    who = next(label for label in step.button_labels() if label.startswith("Всем участникам"))
    await tap(stub, olga, step, who, "Задание назначено")

    task = await stub.wait_message(anna.id, "Новое задание")
    assert "Пройти в тренажёре диалогов" in task.shown_text and SCENARIO.title in task.shown_text
    live = await tap(stub, anna, task, f"🎭 {SCENARIO.title}", "шаг 1")
    assert 2 <= len(live.button_labels()) <= 4
    for _ in range(40):
        label = best_label(bot, anna)
        if label is None:
            break
        live = await tap_reply(stub, anna, live, label)
    end = live
    assert "🏁" in end.shown_text and "Навыки" in end.shown_text and "Каждый ваш ответ был лучшим" in end.shown_text
    assert "🔁 Пройти ещё раз" in end.button_labels()
    # The whole dialogue was one message edited in place: no new message was sent to Anna after the task.
    assert stub.bot_messages(anna.id)[-1].message_id == task.message_id
    ((status, earned, possible),) = db_rows(bot, "select status, earned, possible from sim_runs")
    assert status == "finished" and earned == possible

    stub.send_text(olga, "/team")
    overview = await stub.wait_message(olga.id, where=lambda m: f"👥 {TEAM_NAME} (1)" in m.button_labels())
    team_card = await tap(stub, olga, overview, f"👥 {TEAM_NAME} (1)", f"Команда «{TEAM_NAME}»")
    board = await tap(stub, olga, team_card, "📊 Дашборд", "Дашборд команды")
    text = board.shown_text
    assert "✅ выполнено, результат 100\u00a0%" in text
    assert "Тренажёр диалогов: пройден 1 сценарий, лучший результат 100\u00a0%" in text
