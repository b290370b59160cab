"""/team and «Моя команда»: the list of teams, creating one, its card, the invite (link + QR), deleting it."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from sqlalchemy.ext.asyncio import AsyncSession

from bot.settings import Settings
from db.models import User
from handlers.callbacks import MenuCallback
from handlers.team import keyboards as kb
from handlers.team.callbacks import TeamCallback
from handlers.team.common import (
    TeamStates,
    bot_username,
    edit_or_send,
    leave_team_input,
    query_message,
    refuse,
    send_invite,
    team_context,
)
from services.teams import texts
from services.teams.flow.service import TeamService, check_team_name
from services.teams.views import Notice

router = Router(name="team")


async def _overview(user_id: int, *, bot: Bot, session: AsyncSession, settings: Settings,
                    at: Message | None = None) -> None:
    view = await TeamService(team_context(session, settings)).overview(user_id)
    await edit_or_send(bot, user_id, view.text, kb.overview(view), at)


@router.message(Command("team"))
async def team_command(message: Message, bot: Bot, session: AsyncSession, settings: Settings, user: User,
                       state: FSMContext) -> None:
    await leave_team_input(state)
    await _overview(user.id, bot=bot, session=session, settings=settings)


@router.callback_query(MenuCallback.filter(F.section == "team"))
async def team_menu(query: CallbackQuery, bot: Bot, session: AsyncSession, settings: Settings) -> None:
    await _overview(query.from_user.id, bot=bot, session=session, settings=settings)


@router.callback_query(TeamCallback.filter(F.a == "home"))
async def team_home(query: CallbackQuery, bot: Bot, session: AsyncSession, settings: Settings,
                    state: FSMContext) -> None:
    await leave_team_input(state)
    await _overview(query.from_user.id, bot=bot, session=session, settings=settings, at=query_message(query))


# ---- creating a team ------------------------------------------------------------------------------------

@router.callback_query(TeamCallback.filter(F.a == "new"))
async def ask_name(query: CallbackQuery, bot: Bot, state: FSMContext) -> None:
    await state.set_state(TeamStates.name)
    await bot.send_message(query.from_user.id, texts.ASK_NAME)


@router.message(TeamStates.name, F.text & ~F.text.startswith("/"))
async def team_name(message: Message, bot: Bot, session: AsyncSession, settings: Settings, user: User,
                    state: FSMContext) -> None:
    name, problem = check_team_name(message.text)
    if name is None:
        await message.answer(problem or texts.NAME_EMPTY)
        return
    service = TeamService(team_context(session, settings))
    card = await service.create(user.id, name, await bot_username(bot))
    await state.set_state(None)
    if isinstance(card, Notice):
        await message.answer(card.text)
        return
    invite = await service.invite(user.id, card.team_id, await bot_username(bot))
    if not isinstance(invite, Notice):
        await send_invite(invite, bot=bot, chat_id=message.chat.id)
    await message.answer(card.text, reply_markup=kb.card(card.team_id))


# ---- the team card and its invite -----------------------------------------------------------------------

@router.callback_query(TeamCallback.filter(F.a == "open"))
async def open_team(query: CallbackQuery, callback_data: TeamCallback, bot: Bot, session: AsyncSession,
                    settings: Settings, state: FSMContext, callback_answer: CallbackAnswer) -> None:
    card = await TeamService(team_context(session, settings)).card(query.from_user.id, callback_data.t,
                                                                    await bot_username(bot))
    if isinstance(card, Notice):
        await refuse(card, bot=bot, chat_id=query.from_user.id, callback_answer=callback_answer)
        return
    await leave_team_input(state)  # «« Отмена» in the wizard lands here: no typed date is expected any more
    await edit_or_send(bot, query.from_user.id, card.text, kb.card(card.team_id), query_message(query))


@router.callback_query(TeamCallback.filter(F.a.in_({"inv", "regen"})))
async def invite(query: CallbackQuery, callback_data: TeamCallback, bot: Bot, session: AsyncSession,
                 settings: Settings, callback_answer: CallbackAnswer) -> None:
    service = TeamService(team_context(session, settings))
    username = await bot_username(bot)
    if callback_data.a == "regen":
        view = await service.regenerate(query.from_user.id, callback_data.t, username)
    else:
        view = await service.invite(query.from_user.id, callback_data.t, username)
    if isinstance(view, Notice):
        await refuse(view, bot=bot, chat_id=query.from_user.id, callback_answer=callback_answer)
        return
    await send_invite(view, bot=bot, chat_id=query.from_user.id)
    if callback_data.a == "regen":
        callback_answer.text = "Готово: старая ссылка больше не работает."
        card = await service.card(query.from_user.id, view.team_id, username)
        if not isinstance(card, Notice):  # the card shows the link: it must not keep showing the dead one
            await edit_or_send(bot, query.from_user.id, card.text, kb.card(card.team_id), query_message(query))


# ---- deleting the team ----------------------------------------------------------------------------------

@router.callback_query(TeamCallback.filter(F.a.in_({"del", "dely"})))
async def delete_team(query: CallbackQuery, callback_data: TeamCallback, bot: Bot, session: AsyncSession,
                      settings: Settings, callback_answer: CallbackAnswer) -> None:
    service = TeamService(team_context(session, settings))
    if callback_data.a == "del":
        confirm = await service.confirm_delete(query.from_user.id, callback_data.t)
        if isinstance(confirm, Notice):
            await refuse(confirm, bot=bot, chat_id=query.from_user.id, callback_answer=callback_answer)
            return
        await edit_or_send(bot, query.from_user.id, confirm.text, kb.confirm_delete(confirm.team_id),
                           query_message(query))
        return
    done = await service.delete(query.from_user.id, callback_data.t)
    if isinstance(done, Notice):
        await refuse(done, bot=bot, chat_id=query.from_user.id, callback_answer=callback_answer)
        return
    view = await service.overview(query.from_user.id)
    await edit_or_send(bot, query.from_user.id, f"{done.text}\n\n{view.text}", kb.overview(view),
                       query_message(query))
