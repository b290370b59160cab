"""Plays simulator dialogues the way a user does: reads the step's keyboard and taps a reply by its label."""

from __future__ import annotations

from aiogram.methods import AnswerCallbackQuery
from aiogram.types import InlineKeyboardMarkup
from sqlalchemy import select

from db.models.simulator import SimRun
from handlers.simulator.callbacks import SimAction, SimCallback
from services.attestation.simulator.engine import engine, render
from services.attestation.simulator.engine.loader import load_library
from tests.dispatcher.conftest import Chatter

LIBRARY = load_library()


def labels(markup: InlineKeyboardMarkup | None) -> list[str]:
    assert markup is not None, "the message has no keyboard"
    return [button.text for row in markup.inline_keyboard for button in row]


def reply_buttons(chatter: Chatter) -> list[tuple[str, str]]:
    """(label, data) of the reply buttons of the latest keyboard, in screen order."""
    markup = chatter.last_markup()
    assert markup is not None, "the message has no keyboard"
    return [(b.text, b.callback_data) for row in markup.inline_keyboard for b in row
            if b.callback_data and b.callback_data.startswith("sm:") and
            SimCallback.unpack(b.callback_data).a == SimAction.REPLY]


def exact(chatter: Chatter, label: str) -> str:
    markup = chatter.last_markup()
    for row in markup.inline_keyboard if markup else []:
        for button in row:
            if button.text == label and button.callback_data is not None:
                return button.callback_data
    raise AssertionError(f"no button {label!r} in {labels(markup)}")


def toast(chatter: Chatter) -> str | None:
    return chatter.session.sent(AnswerCallbackQuery)[-1].text


async def open_run(session_factory, user_id: int) -> SimRun | None:  # type: ignore[no-untyped-def]
    async with session_factory() as session:
        return (await session.execute(select(SimRun).where(SimRun.user_id == user_id, SimRun.status == "open")
                                      )).scalar_one_or_none()


async def runs_of(session_factory, user_id: int) -> list[SimRun]:  # type: ignore[no-untyped-def]
    async with session_factory() as session:
        return list((await session.execute(select(SimRun).where(SimRun.user_id == user_id)
                                           .order_by(SimRun.id))).scalars())


async def label_of(session_factory, chatter: Chatter, best: bool) -> str:  # type: ignore[no-untyped-def]
    """The label of the best (or the worst) reply of the current step, as the screen shows it."""
    run = await open_run(session_factory, chatter.user.id)
    assert run is not None, "no dialogue is being played"
    scenario = LIBRARY.scenario(run.scenario_id)
    state = engine.State.from_dict(run.state)
    shown = engine.shown_replies(scenario, state)
    totals = [reply.total for reply in shown]
    pick = totals.index(max(totals) if best else min(totals))
    return render.labels(shown)[pick]


async def play_to_the_end(chatter: Chatter, session_factory, best: bool, limit: int = 40) -> int:  # type: ignore[no-untyped-def]
    """Tap the best (or the worst) reply until the end screen; the number of replies given."""
    for taps in range(limit):
        if await open_run(session_factory, chatter.user.id) is None:
            return taps
        await chatter.press(exact(chatter, await label_of(session_factory, chatter, best)))
    raise AssertionError("the dialogue did not end")
