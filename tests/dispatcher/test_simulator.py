"""The dialogue simulator through the real Dispatcher: the list, a dialogue played by button labels, the end
screen, once-only replies, old buttons, pause and resume, replay, /results."""

from __future__ import annotations

from aiogram.methods import EditMessageText, SendMessage

from services.attestation.simulator.engine.loader import load_library
from tests.dispatcher.conftest import Chatter
from tests.dispatcher.sim_player import (
    exact,
    label_of,
    labels,
    open_run,
    play_to_the_end,
    reply_buttons,
    runs_of,
    toast,
)

LIBRARY = load_library()
SCENARIO = LIBRARY.scenario("windows_price_objection")
MENU_ENTRY = "🎭 Тренажёр диалогов"


def shown(alice: Chatter) -> list[SendMessage | EditMessageText]:
    return [r for r in alice.session.requests if isinstance(r, SendMessage | EditMessageText)]


async def start_scenario(alice: Chatter, title: str = SCENARIO.title) -> None:
    await alice.send("/sim")
    await alice.press(exact(alice, title))


async def test_menu_list_play_to_the_end_and_the_end_screen(alice: Chatter, session_factory) -> None:  # type: ignore[no-untyped-def]
    await alice.send("/menu")
    await alice.press(alice.button_data(MENU_ENTRY))
    listing = shown(alice)[-1]
    assert isinstance(listing, EditMessageText), "the menu message becomes the list"
    assert "Установление контакта" in listing.text and "Возражения" in listing.text  # grouped by stage
    assert "Пройдено 0 из 11 сценариев" in listing.text
    assert SCENARIO.title in labels(alice.last_markup())

    await alice.press(exact(alice, SCENARIO.title))
    first = alice.last_text()
    assert f"<b>{SCENARIO.title}</b>" in first and "шаг 1" in first
    assert 2 <= len(reply_buttons(alice)) <= 4
    step_message = shown(alice)[-1]
    assert isinstance(step_message, EditMessageText)

    taps = await play_to_the_end(alice, session_factory, best=False)
    assert taps >= 6
    # One message edited in place: every step and the end screen are edits of the list's message.
    assert all(isinstance(r, EditMessageText) for r in shown(alice)[-taps:])
    assert {r.message_id for r in shown(alice)[-taps:]} == {step_message.message_id}
    end = alice.last_text()
    assert "🏁" in end and "<b>Навыки</b>" in end and "Итог:" in end
    assert "Где можно было сильнее" in end and "<b>Лучше:</b>" in end and "Почему:" in end
    buttons = labels(alice.last_markup())
    assert "🔁 Пройти ещё раз" in buttons and "🎭 К списку сценариев" in buttons
    card = next(label for label in buttons if label.startswith("📖 Карточка: "))
    # The card button opens the learning card of the worst moment's topic.
    await alice.press(exact(alice, card))
    assert card.removeprefix("📖 Карточка: ") in alice.last_text()

    # The result is stored, and the list marks the scenario done with its score.
    (run,) = await runs_of(session_factory, alice.user.id)
    assert run.status == "finished" and run.finished_at is not None and run.ending_id in SCENARIO.endings
    assert run.possible and sum(e for e, _ in run.skills.values()) == run.earned
    await alice.send("/sim")
    assert "Пройдено 1 из 11" in alice.last_text()
    assert f"✅ {SCENARIO.title}" in labels(alice.last_markup())


async def test_a_double_tap_counts_once(alice: Chatter, session_factory) -> None:  # type: ignore[no-untyped-def]
    await start_scenario(alice)
    data = exact(alice, await label_of(session_factory, alice, best=True))
    message_id = alice.session.message_with_button(data)
    await alice.press(data, message_id)
    await alice.press(data, message_id)  # the second tap of a double tap, on the same message
    run = await open_run(session_factory, alice.user.id)
    assert run is not None and run.decisions == 1 and len(run.state["path"]) == 1
    assert "уже учтён" in (toast(alice) or "")
    assert "шаг 2" in alice.last_text()


async def test_an_old_steps_button_changes_nothing(alice: Chatter, session_factory) -> None:  # type: ignore[no-untyped-def]
    await start_scenario(alice)
    old = [data for _, data in reply_buttons(alice)]
    await alice.press(exact(alice, await label_of(session_factory, alice, best=True)))
    await alice.press(exact(alice, await label_of(session_factory, alice, best=False)))
    before = await open_run(session_factory, alice.user.id)
    sent = len(shown(alice))
    for data in old:
        await alice.press(data)
    after = await open_run(session_factory, alice.user.id)
    assert after is not None and before is not None
    assert (after.decisions, after.state) == (before.decisions, before.state) == (2, before.state)
    assert "уже учтён" in (toast(alice) or "")
    assert len(shown(alice)) == sent


async def test_menu_pauses_and_sim_offers_to_resume(alice: Chatter, session_factory) -> None:  # type: ignore[no-untyped-def]
    await start_scenario(alice)
    await alice.press(exact(alice, await label_of(session_factory, alice, best=True)))
    live = [data for _, data in reply_buttons(alice)]
    await alice.send("/menu")
    assert f"Разговор «{SCENARIO.title}» на паузе — продолжить: /sim" in alice.last_text()
    run = await open_run(session_factory, alice.user.id)
    assert run is not None and run.paused and run.decisions == 1

    await alice.press(live[0])  # the paused step's button: nothing is answered
    assert "на паузе" in (toast(alice) or "")
    assert "на паузе. Продолжить" in alice.last_text()
    assert (await open_run(session_factory, alice.user.id)).decisions == 1  # type: ignore[union-attr]

    await alice.send("/sim")
    assert f"Не закончен разговор «{SCENARIO.title}»" in alice.last_text()
    await alice.press(exact(alice, f"▶️ Продолжить: {SCENARIO.title}"))
    assert "шаг 2" in alice.last_text()
    run = await open_run(session_factory, alice.user.id)
    assert run is not None and not run.paused
    await alice.press(exact(alice, await label_of(session_factory, alice, best=True)))
    assert "шаг 3" in alice.last_text()


async def test_cancel_pauses_too_and_a_new_bot_process_continues(alice: Chatter, session_factory, settings,  # type: ignore[no-untyped-def]
                                                                  engine, fsm_factory, bot) -> None:
    from tests.dispatcher.conftest import new_dispatcher

    await start_scenario(alice)
    await alice.press(exact(alice, await label_of(session_factory, alice, best=True)))
    await alice.send("/cancel")
    assert "на паузе — продолжить: /sim" in alice.last_text()
    # A restart: a new Dispatcher over the same database continues the dialogue where it was.
    alice.dp = new_dispatcher(settings, engine, session_factory, fsm_factory)
    await alice.send("/sim")
    await alice.press(exact(alice, f"▶️ Продолжить: {SCENARIO.title}"))
    assert "шаг 2" in alice.last_text()


async def test_replay_reshuffles_and_results_show_the_best(alice: Chatter, session_factory) -> None:  # type: ignore[no-untyped-def]
    await start_scenario(alice)
    first_screen = (alice.last_text(), labels(alice.last_markup()))
    await play_to_the_end(alice, session_factory, best=True)
    assert "Каждый ваш ответ был лучшим" in alice.last_text()
    await alice.press(exact(alice, "🔁 Пройти ещё раз"))
    again = (alice.last_text(), labels(alice.last_markup()))
    assert "шаг 1" in again[0]
    assert again != first_screen  # the same step, its replies in another order
    runs = await runs_of(session_factory, alice.user.id)
    assert [r.status for r in runs] == ["finished", "open"] and runs[1].seed != runs[0].seed
    await play_to_the_end(alice, session_factory, best=False)

    await alice.send("/results")
    text = alice.last_text()
    assert "🎭 <b>Тренажёр диалогов</b>" in text
    assert f"• {SCENARIO.title}: лучший результат" in text and "(100\u00a0%), пройден 2 раза" in text


async def test_a_new_scenario_closes_the_old_one(alice: Chatter, session_factory) -> None:  # type: ignore[no-untyped-def]
    await start_scenario(alice)
    old = [data for _, data in reply_buttons(alice)]
    other = LIBRARY.scenario("school_first_call")
    await start_scenario(alice, other.title)
    assert f"<b>{other.title}</b>" in alice.last_text()
    await alice.press(old[0])
    assert "закрыт" in (toast(alice) or "")
    statuses = [r.status for r in await runs_of(session_factory, alice.user.id)]
    assert statuses == ["abandoned", "open"]
