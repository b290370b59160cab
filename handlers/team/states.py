"""FSM states and data of the team flows, and the bot's username for invite links."""

from __future__ import annotations

from typing import TypedDict

from aiogram import Bot
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup

from services.teams.flow.assignments import DraftData


class TeamStates(StatesGroup):
    name = State()  # typing the name of a new team
    deadline = State()  # the wizard waits for a typed date (the quick choices work too)


class WizardData(TypedDict, total=False):
    team_draft: DraftData  # the assignment wizard's draft (services.teams.flow.assignments.Draft)


class JoinData(TypedDict, total=False):
    team_join: str  # the invite code a user opened, until he confirms


async def leave_team_input(state: FSMContext) -> None:
    """Stop waiting for a typed team name or date; other features' states are theirs to manage."""
    if await state.get_state() in (TeamStates.name.state, TeamStates.deadline.state):
        await state.set_state(None)


async def bot_username(bot: Bot) -> str:
    """For invite links: Telegram data, so asked here and handed to the service as a value (aiogram caches it)."""
    return (await bot.me()).username or ""
