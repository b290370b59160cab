"""The owner's dashboard and its XLSX; a member's own page in a team."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.enums import ChatAction
from aiogram.types import BufferedInputFile, CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer
from sqlalchemy.ext.asyncio import AsyncSession

from bot.settings import Settings
from handlers.team import keyboards as kb
from handlers.team.callbacks import TeamCallback
from handlers.team.common import edit_or_send, query_message, refuse, team_context
from services.teams.flow.reports import TeamReports
from services.teams.views import Notice

router = Router(name="team_reports")


@router.callback_query(TeamCallback.filter(F.a == "db"))
async def dashboard(query: CallbackQuery, callback_data: TeamCallback, bot: Bot, session: AsyncSession,
                    settings: Settings, callback_answer: CallbackAnswer) -> None:
    view = await TeamReports(team_context(session, settings)).dashboard(query.from_user.id, callback_data.t)
    if isinstance(view, Notice):
        await refuse(view, bot=bot, chat_id=query.from_user.id, callback_answer=callback_answer)
        return
    at = None if callback_data.v == "new" else query_message(query)
    await edit_or_send(bot, query.from_user.id, view.text, kb.dashboard(view), at)


@router.callback_query(TeamCallback.filter(F.a == "xl"))
async def export(query: CallbackQuery, callback_data: TeamCallback, bot: Bot, session: AsyncSession,
                 settings: Settings, callback_answer: CallbackAnswer) -> None:
    reports = TeamReports(team_context(session, settings))
    owned = await reports.ctx.owned(query.from_user.id, callback_data.t)
    if isinstance(owned, Notice):
        await refuse(owned, bot=bot, chat_id=query.from_user.id, callback_answer=callback_answer)
        return
    await bot.send_chat_action(query.from_user.id, ChatAction.UPLOAD_DOCUMENT)
    file = await reports.export(query.from_user.id, callback_data.t)
    if isinstance(file, Notice):
        await refuse(file, bot=bot, chat_id=query.from_user.id, callback_answer=callback_answer)
        return
    await bot.send_document(query.from_user.id, BufferedInputFile(file.data, filename=file.file_name),
                            caption=file.caption)


@router.callback_query(TeamCallback.filter(F.a == "me"))
async def my_team(query: CallbackQuery, callback_data: TeamCallback, bot: Bot, session: AsyncSession,
                  settings: Settings, callback_answer: CallbackAnswer) -> None:
    view = await TeamReports(team_context(session, settings)).my_team(query.from_user.id, callback_data.t)
    if isinstance(view, Notice):
        await refuse(view, bot=bot, chat_id=query.from_user.id, callback_answer=callback_answer)
        return
    await edit_or_send(bot, query.from_user.id, view.text, kb.my_team(view), query_message(query))
