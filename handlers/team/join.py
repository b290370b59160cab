"""Joining a team: /start join_<code> → one confirmation → a member.

`start_router` goes before the common router, which takes every other /start payload. The code waits in
the FSM data between the link and the confirmation, so the «Вступить» button carries no secret at all.
"""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from sqlalchemy.ext.asyncio import AsyncSession

from bot.settings import Settings
from handlers.keyboards import main_menu
from handlers.team import keyboards as kb
from handlers.team.callbacks import TeamCallback
from handlers.team.common import JOIN_KEY, edit_or_send, query_message, refuse, team_context
from services.teams import texts
from services.teams.engine.invites import START_PREFIX
from services.teams.flow.service import TeamService
from services.teams.views import Notice

start_router = Router(name="team_join_start")
router = Router(name="team_join")


@start_router.message(CommandStart(deep_link=True, magic=F.args.startswith(START_PREFIX)))
async def open_invite(message: Message, command: CommandObject, session: AsyncSession, settings: Settings,
                      state: FSMContext) -> None:
    assert message.from_user is not None
    code = (command.args or "")[len(START_PREFIX):]
    await state.clear()  # a link opens a fresh conversation, like any /start
    offer = await TeamService(team_context(session, settings)).join_offer(message.from_user.id, code)
    if isinstance(offer, Notice):
        await message.answer(offer.text, reply_markup=main_menu())
        return
    await state.update_data({JOIN_KEY: code})
    await message.answer(offer.text, reply_markup=kb.join())


@router.callback_query(TeamCallback.filter(F.a.in_({"jy", "jn"})))
async def confirm_join(query: CallbackQuery, callback_data: TeamCallback, bot: Bot, session: AsyncSession,
                       settings: Settings, state: FSMContext, callback_answer: CallbackAnswer) -> None:
    data = await state.get_data()
    code = data.pop(JOIN_KEY, None)
    at = query_message(query)
    if not isinstance(code, str):
        await refuse(Notice(texts.JOIN_STALE), bot=bot, chat_id=query.from_user.id, callback_answer=callback_answer)
        return
    await state.set_data(data)
    if callback_data.a == "jn":
        await edit_or_send(bot, query.from_user.id, texts.JOIN_DECLINED, main_menu(), at)
        return
    joined = await TeamService(team_context(session, settings)).join(query.from_user.id, code)
    if isinstance(joined, Notice):
        await edit_or_send(bot, query.from_user.id, joined.text, main_menu(), at)
        return
    await edit_or_send(bot, query.from_user.id, joined.text, kb.joined(joined.team_id), at)
