"""/drill and the menu's «Ежедневная тренировка»: on and off, time, days, zone, questions a day, the streak
leaderboard opt-in, and the one-tap accept under a team owner's invitation."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from handlers.callbacks import MenuCallback, Section
from handlers.drill import keyboards as kb
from handlers.drill.callbacks import DrillSetCallback, SetAction
from handlers.drill.states import DrillStates, DrillTimeData, leave_drill_input
from handlers.filters import TYPED_TEXT
from handlers.screen import Screen
from services.attestation.drill.flow.settings import DrillSettingsService
from services.attestation.drill.views import Pick, PickView, SettingsView


def get_router() -> Router:
    router = Router(name="drill_settings")
    cb = router.callback_query
    router.message.register(drill_command, Command("drill"))
    cb.register(drill_menu, MenuCallback.filter(F.section == Section.DRILL))
    cb.register(home, DrillSetCallback.filter(F.a == SetAction.HOME))
    cb.register(turn_on, DrillSetCallback.filter(F.a == SetAction.ON))
    cb.register(turn_off, DrillSetCallback.filter(F.a == SetAction.OFF))
    cb.register(pick, DrillSetCallback.filter(F.a == SetAction.PICK))
    cb.register(set_time, DrillSetCallback.filter(F.a == SetAction.TIME))
    cb.register(toggle_day, DrillSetCallback.filter(F.a == SetAction.DAY))
    cb.register(preset_days, DrillSetCallback.filter(F.a == SetAction.DAYS))
    cb.register(set_count, DrillSetCallback.filter(F.a == SetAction.COUNT))
    cb.register(set_zone, DrillSetCallback.filter(F.a.in_({SetAction.ZONE, SetAction.ZONE_ON})))
    cb.register(toggle_board, DrillSetCallback.filter(F.a == SetAction.BOARD))
    cb.register(accept, DrillSetCallback.filter(F.a == SetAction.ACCEPT))
    router.message.register(typed_time, StateFilter(DrillStates.time), TYPED_TEXT)
    return router


def _number(value: str) -> int:
    """A number from a button; -1 (refused by the service) for anything a forged button may carry."""
    return int(value) if value.isdigit() and len(value) <= 5 else -1


async def _show(view: SettingsView | PickView, screen: Screen, state: FSMContext) -> None:
    if isinstance(view, PickView):
        shown = await screen.show(view.text, kb.pick(view))
        if view.pick == Pick.TIME:  # the time screen also reads a typed time
            await state.set_state(DrillStates.time)
            await state.update_data(DrillTimeData(drill_time_message=shown.message_id))
        else:
            await leave_drill_input(state)
        return
    await leave_drill_input(state)
    await screen.show(view.text, kb.settings(view))


# ---- the /drill screen ------------------------------------------------------------------------------------

async def drill_command(message: Message, state: FSMContext, screen: Screen, drill: DrillSettingsService) -> None:
    assert message.from_user is not None
    await leave_drill_input(state)
    view = await drill.home(message.from_user.id)
    await screen.send(view.text, kb.settings(view))


async def drill_menu(query: CallbackQuery, screen: Screen, drill: DrillSettingsService) -> None:
    view = await drill.home(query.from_user.id)
    await screen.show(view.text, kb.settings(view))  # navigation: the menu message becomes this section


async def home(query: CallbackQuery, state: FSMContext, screen: Screen, drill: DrillSettingsService) -> None:
    await _show(await drill.home(query.from_user.id), screen, state)


async def turn_on(query: CallbackQuery, state: FSMContext, screen: Screen, drill: DrillSettingsService) -> None:
    await _show(await drill.turn_on(query.from_user.id), screen, state)


async def turn_off(query: CallbackQuery, state: FSMContext, screen: Screen, drill: DrillSettingsService) -> None:
    await _show(await drill.turn_off(query.from_user.id), screen, state)


async def accept(query: CallbackQuery, state: FSMContext, screen: Screen, drill: DrillSettingsService) -> None:
    await _show(await drill.accept_invite(query.from_user.id), screen, state)


async def toggle_board(query: CallbackQuery, state: FSMContext, screen: Screen,
                       drill: DrillSettingsService) -> None:
    await _show(await drill.toggle_board(query.from_user.id), screen, state)


# ---- the choices ------------------------------------------------------------------------------------------

async def pick(query: CallbackQuery, callback_data: DrillSetCallback, state: FSMContext, screen: Screen,
               drill: DrillSettingsService) -> None:
    what = Pick(callback_data.v) if callback_data.v in set(Pick) else Pick.TIME
    await _show(await drill.pick(query.from_user.id, what), screen, state)


async def set_time(query: CallbackQuery, callback_data: DrillSetCallback, state: FSMContext, screen: Screen,
                   drill: DrillSettingsService) -> None:
    await _show(await drill.set_time(query.from_user.id, _number(callback_data.v)), screen, state)


async def typed_time(message: Message, state: FSMContext, screen: Screen, drill: DrillSettingsService) -> None:
    assert message.from_user is not None
    view = await drill.typed_time(message.from_user.id, message.text)
    data: DrillTimeData = await state.get_data()  # type: ignore[assignment]
    await leave_drill_input(state)
    old = data.get("drill_time_message")
    if old is not None:
        await screen.drop_keyboard(old)  # the time screen above is answered
    await screen.send(view.text, kb.settings(view))


async def toggle_day(query: CallbackQuery, callback_data: DrillSetCallback, state: FSMContext, screen: Screen,
                     drill: DrillSettingsService) -> None:
    await _show(await drill.toggle_day(query.from_user.id, _number(callback_data.v)), screen, state)


async def preset_days(query: CallbackQuery, callback_data: DrillSetCallback, state: FSMContext, screen: Screen,
                      drill: DrillSettingsService) -> None:
    await _show(await drill.preset_days(query.from_user.id, callback_data.v), screen, state)


async def set_count(query: CallbackQuery, callback_data: DrillSetCallback, state: FSMContext, screen: Screen,
                    drill: DrillSettingsService) -> None:
    await _show(await drill.set_count(query.from_user.id, _number(callback_data.v)), screen, state)


async def set_zone(query: CallbackQuery, callback_data: DrillSetCallback, state: FSMContext, screen: Screen,
                   drill: DrillSettingsService) -> None:
    then_enable = callback_data.a == SetAction.ZONE_ON
    await _show(await drill.set_zone(query.from_user.id, callback_data.v, then_enable), screen, state)
