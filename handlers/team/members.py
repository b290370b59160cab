"""The owner's list of members and removing one (with a confirmation)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery

from handlers.screen import Screen
from handlers.team import keyboards as kb
from handlers.team.callbacks import TeamAction, TeamCallback
from services.teams.flow.service import TeamService


def get_router() -> Router:
    router = Router(name="team_members")
    router.callback_query.register(members, TeamCallback.filter(F.a == TeamAction.MEMBERS))
    router.callback_query.register(ask_remove, TeamCallback.filter(F.a == TeamAction.REMOVE))
    router.callback_query.register(remove, TeamCallback.filter(F.a == TeamAction.REMOVE_YES))
    return router


async def members(query: CallbackQuery, callback_data: TeamCallback, screen: Screen,
                  team_service: TeamService) -> None:
    view = await team_service.members(query.from_user.id, callback_data.t)
    await screen.show(view.text, kb.members(view))


async def ask_remove(query: CallbackQuery, callback_data: TeamCallback, screen: Screen,
                     team_service: TeamService) -> None:
    confirm = await team_service.confirm_remove(query.from_user.id, callback_data.t, callback_data.x)
    await screen.show(confirm.text, kb.confirm_remove(confirm.team_id, confirm.member_id))


async def remove(query: CallbackQuery, callback_data: TeamCallback, screen: Screen, team_service: TeamService) -> None:
    view = await team_service.remove(query.from_user.id, callback_data.t, callback_data.x)
    await screen.show(view.text, kb.members(view))
