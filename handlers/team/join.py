"""Joining a team: /start join_<code> → one confirmation → a member.

`get_start_router()` goes before the common router, which takes every other /start payload. The code waits in
the FSM data between the link and the confirmation, so the «Вступить» button carries no secret at all.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from handlers.keyboards import main_menu
from handlers.screen import Screen
from handlers.team import keyboards as kb
from handlers.team.callbacks import JoinAction, JoinCallback
from handlers.team.states import JoinData
from services.notice import Notice
from services.teams.engine.invites import START_PREFIX
from services.teams.flow.service import TeamService
from services.texts import t


def get_start_router() -> Router:
    router = Router(name="team_join_start")
    router.message.register(open_invite, CommandStart(deep_link=True, magic=F.args.startswith(START_PREFIX)))
    return router


def get_router() -> Router:
    router = Router(name="team_join")
    router.callback_query.register(confirm_join, JoinCallback.filter())
    return router


async def open_invite(message: Message, command: CommandObject, state: FSMContext, screen: Screen,
                      team_service: TeamService) -> None:
    assert message.from_user is not None
    code = (command.args or "")[len(START_PREFIX):]
    await state.clear()  # a link opens a fresh conversation, like any /start
    offer = await team_service.join_offer(message.from_user.id, code)
    if isinstance(offer, Notice):  # a dead link, his own team, already a member: said with the main menu
        await screen.send(offer.text, main_menu())
        return
    await state.update_data(JoinData(team_join=code))
    await screen.send(offer.text, kb.join())


async def confirm_join(query: CallbackQuery, callback_data: JoinCallback, state: FSMContext, screen: Screen,
                       team_service: TeamService) -> None:
    data: JoinData = await state.get_data()  # type: ignore[assignment]
    code = data.pop("team_join", None)
    if not isinstance(code, str):  # the link was not opened here, or this button was pressed already
        await screen.notice(t("team-join-stale"))
        return
    await state.set_data(data)
    if callback_data.a == JoinAction.NO:
        await screen.show(t("team-join-declined"), main_menu())
        return
    joined = await team_service.join(query.from_user.id, code)
    if isinstance(joined, Notice):
        await screen.show(joined.text, main_menu())
        return
    await screen.show(joined.text, kb.joined(joined.team_id))
