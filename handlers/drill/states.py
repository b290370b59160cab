"""FSM state and data of the drill settings: a typed time of day is awaited."""

from __future__ import annotations

from typing import TypedDict

from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup


class DrillStates(StatesGroup):
    time = State()  # the time screen is open: a typed «10:15» sets the drill time


class DrillTimeData(TypedDict, total=False):
    drill_time_message: int  # the time screen's message: its buttons go once a time is typed


async def leave_drill_input(state: FSMContext) -> None:
    """Stop waiting for a typed time; other features' states are theirs to manage."""
    if await state.get_state() == DrillStates.time.state:
        await state.set_state(None)
