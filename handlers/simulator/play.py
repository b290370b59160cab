"""/sim and the menu's «🎭 Тренажёр диалогов»: the scenario list, a dialogue step by step, the end screen."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from handlers.callbacks import MenuCallback, Section
from handlers.screen import Screen
from handlers.simulator import keyboards as kb
from handlers.simulator.callbacks import SimAction, SimCallback
from services.attestation.simulator.flow import SimulatorFlow
from services.attestation.simulator.views import Outcome, PausedView, ResultView, StepView
from services.notice import Notice


def get_router() -> Router:
    router = Router(name="simulator")
    cb = router.callback_query
    router.message.register(sim_command, Command("sim"))
    cb.register(section, MenuCallback.filter(F.section == Section.SIMULATOR))
    cb.register(section, SimCallback.filter(F.a == SimAction.LIST))
    cb.register(start, SimCallback.filter(F.a == SimAction.START))
    cb.register(reply, SimCallback.filter(F.a == SimAction.REPLY))
    cb.register(replay, SimCallback.filter(F.a == SimAction.REPLAY))
    cb.register(resume, SimCallback.filter(F.a == SimAction.RESUME))
    return router


async def sim_command(message: Message, screen: Screen, simulator: SimulatorFlow) -> None:
    assert message.from_user is not None
    view = await simulator.scenarios(message.from_user.id)
    await screen.send(view.text, kb.scenario_list(view))


async def section(query: CallbackQuery, screen: Screen, simulator: SimulatorFlow) -> None:
    view = await simulator.scenarios(query.from_user.id)
    await screen.show(view.text, kb.scenario_list(view))  # navigation: the menu message becomes the list


async def start(query: CallbackQuery, callback_data: SimCallback, screen: Screen, simulator: SimulatorFlow) -> None:
    await show(await simulator.start(query.from_user.id, callback_data.sc, screen.chat_id), screen, simulator)


async def reply(query: CallbackQuery, callback_data: SimCallback, screen: Screen, simulator: SimulatorFlow) -> None:
    outcome = await simulator.choose(query.from_user.id, callback_data.r, callback_data.p, callback_data.v)
    await show(outcome, screen, simulator)


async def replay(query: CallbackQuery, callback_data: SimCallback, screen: Screen,
                 simulator: SimulatorFlow) -> None:
    await show(await simulator.replay(query.from_user.id, callback_data.r, screen.chat_id), screen, simulator)


async def resume(query: CallbackQuery, callback_data: SimCallback, screen: Screen,
                 simulator: SimulatorFlow) -> None:
    await show(await simulator.resume(query.from_user.id, callback_data.r or None), screen, simulator)


async def show(outcome: Outcome | PausedView, screen: Screen, simulator: SimulatorFlow) -> None:
    """A step (the run's one live message: an older copy loses its buttons), the end screen, or a notice."""
    view = await screen.answer(outcome) if isinstance(outcome, Notice) else outcome
    if isinstance(view, StepView):
        shown = await screen.show(view.text, kb.step(view))
        if view.previous_message is not None and view.previous_message != shown.message_id:
            await screen.drop_keyboard(view.previous_message)
        await simulator.set_message(view.run_id, screen.chat_id, shown.message_id)
    elif isinstance(view, ResultView):
        await screen.show(view.text, kb.result(view))
    elif isinstance(view, PausedView):
        await screen.show(view.text, kb.paused(view))
