"""The owner's list of members and removing one (with a confirmation)."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer
from sqlalchemy.ext.asyncio import AsyncSession

from bot.settings import Settings
from handlers.team import keyboards as kb
from handlers.team.callbacks import TeamCallback
from handlers.team.common import edit_or_send, query_message, refuse, team_context
from services.teams.flow.service import TeamService
from services.teams.views import Notice

router = Router(name="team_members")


@router.callback_query(TeamCallback.filter(F.a.in_({"mem", "rmy"})))
async def members(query: CallbackQuery, callback_data: TeamCallback, bot: Bot, session: AsyncSession,
                  settings: Settings, callback_answer: CallbackAnswer) -> None:
    service = TeamService(team_context(session, settings))
    if callback_data.a == "rmy":
        view = await service.remove(query.from_user.id, callback_data.t, callback_data.x)
    else:
        view = await service.members(query.from_user.id, callback_data.t)
    if isinstance(view, Notice):
        await refuse(view, bot=bot, chat_id=query.from_user.id, callback_answer=callback_answer)
        return
    await edit_or_send(bot, query.from_user.id, view.text, kb.members(view), query_message(query))


@router.callback_query(TeamCallback.filter(F.a == "rm"))
async def ask_remove(query: CallbackQuery, callback_data: TeamCallback, bot: Bot, session: AsyncSession,
                     settings: Settings, callback_answer: CallbackAnswer) -> None:
    confirm = await TeamService(team_context(session, settings)).confirm_remove(
        query.from_user.id, callback_data.t, callback_data.x)
    if isinstance(confirm, Notice):
        await refuse(confirm, bot=bot, chat_id=query.from_user.id, callback_answer=callback_answer)
        return
    await edit_or_send(bot, query.from_user.id, confirm.text, kb.confirm_remove(confirm.team_id, confirm.member_id),
                       query_message(query))
