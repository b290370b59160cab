"""/team and «Моя команда»: the list of teams, creating one, its card, the invite (link + QR), deleting it."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from handlers.callbacks import MenuCallback, Section
from handlers.filters import TYPED_TEXT
from handlers.screen import Screen
from handlers.team import keyboards as kb
from handlers.team.callbacks import TeamAction, TeamCallback
from handlers.team.states import TeamStates, bot_username, leave_team_input
from services.notice import Notice
from services.teams.flow.service import TeamService, check_team_name
from services.teams.views import InviteView, TeamCard
from services.texts import t

QR_FILE_NAME = "invite-qr.png"


def get_router() -> Router:
    router = Router(name="team")
    router.message.register(team_command, Command("team"))
    router.callback_query.register(team_menu, MenuCallback.filter(F.section == Section.TEAM))
    router.callback_query.register(team_home, TeamCallback.filter(F.a == TeamAction.HOME))
    router.callback_query.register(ask_name, TeamCallback.filter(F.a == TeamAction.NEW))
    router.message.register(team_name, StateFilter(TeamStates.name), TYPED_TEXT)
    router.callback_query.register(open_team, TeamCallback.filter(F.a == TeamAction.OPEN))
    router.callback_query.register(invite, TeamCallback.filter(F.a == TeamAction.INVITE))
    router.callback_query.register(ask_regenerate, TeamCallback.filter(F.a == TeamAction.REGENERATE))
    router.callback_query.register(regenerate, TeamCallback.filter(F.a == TeamAction.REGENERATE_YES))
    router.callback_query.register(ask_delete, TeamCallback.filter(F.a == TeamAction.DELETE))
    router.callback_query.register(delete, TeamCallback.filter(F.a == TeamAction.DELETE_YES))
    return router


async def _send_invite(screen: Screen, view: InviteView) -> None:
    await screen.send_photo(view.png, QR_FILE_NAME, caption=view.caption)


# ---- the list of teams ----------------------------------------------------------------------------------

async def team_command(message: Message, state: FSMContext, screen: Screen, team_service: TeamService) -> None:
    assert message.from_user is not None
    await leave_team_input(state)
    view = await team_service.overview(message.from_user.id)
    await screen.send(view.text, kb.overview(view))


async def team_menu(query: CallbackQuery, screen: Screen, team_service: TeamService) -> None:
    view = await team_service.overview(query.from_user.id)
    await screen.show(view.text, kb.overview(view))  # navigation: the menu message becomes the team screen


async def team_home(query: CallbackQuery, state: FSMContext, screen: Screen, team_service: TeamService) -> None:
    await leave_team_input(state)
    view = await team_service.overview(query.from_user.id)
    await screen.show(view.text, kb.overview(view))


# ---- creating a team ------------------------------------------------------------------------------------

async def ask_name(query: CallbackQuery, state: FSMContext, screen: Screen) -> None:
    await state.set_state(TeamStates.name)
    await screen.send(t("team-ask-name"))


async def team_name(message: Message, bot: Bot, state: FSMContext, screen: Screen,
                    team_service: TeamService) -> None:
    assert message.from_user is not None
    name, problem = check_team_name(message.text)
    if name is None:
        await screen.send(problem or t("team-name-empty"))
        return
    owner_id, username = message.from_user.id, await bot_username(bot)
    card = await team_service.create(owner_id, name, username)
    await state.set_state(None)
    if isinstance(card, Notice):  # too many teams: no team, and no name is awaited any more
        await screen.send(card.text)
        return
    await _send_invite(screen, await team_service.invite(owner_id, card.team_id, username))
    await screen.send(card.text, kb.card(card.team_id))


# ---- the team card and its invite -----------------------------------------------------------------------

async def open_team(query: CallbackQuery, callback_data: TeamCallback, bot: Bot, state: FSMContext, screen: Screen,
                    team_service: TeamService) -> None:
    card = await team_service.card(query.from_user.id, callback_data.t, await bot_username(bot))
    await leave_team_input(state)  # «« Отмена» in the wizard lands here: no typed date is expected any more
    await screen.show(card.text, kb.card(card.team_id))


async def invite(query: CallbackQuery, callback_data: TeamCallback, bot: Bot, screen: Screen,
                 team_service: TeamService) -> None:
    await _send_invite(screen, await team_service.invite(query.from_user.id, callback_data.t,
                                                         await bot_username(bot)))


async def ask_regenerate(query: CallbackQuery, callback_data: TeamCallback, screen: Screen,
                         team_service: TeamService) -> None:
    confirm = await team_service.confirm_regenerate(query.from_user.id, callback_data.t)
    await screen.show(confirm.text, kb.confirm_regenerate(confirm.team_id, confirm.invite_id))


async def regenerate(query: CallbackQuery, callback_data: TeamCallback, bot: Bot, screen: Screen,
                     team_service: TeamService) -> None:
    username = await bot_username(bot)
    view = await team_service.regenerate(query.from_user.id, callback_data.t, username, callback_data.x)
    if isinstance(view, Notice):  # replaced already (a double tap, an old confirmation): the card as it is
        card: TeamCard = await screen.answer(view)
        await screen.show(card.text, kb.card(card.team_id))
        return
    await _send_invite(screen, view)
    await screen.notice(t("team-regenerated-toast"))
    # The card shows the link: it must not keep showing the dead one.
    card = await team_service.card(query.from_user.id, view.team_id, username)
    await screen.show(card.text, kb.card(card.team_id))


# ---- deleting the team ----------------------------------------------------------------------------------

async def ask_delete(query: CallbackQuery, callback_data: TeamCallback, screen: Screen,
                     team_service: TeamService) -> None:
    confirm = await team_service.confirm_delete(query.from_user.id, callback_data.t)
    await screen.show(confirm.text, kb.confirm_delete(confirm.team_id))


async def delete(query: CallbackQuery, callback_data: TeamCallback, screen: Screen, team_service: TeamService) -> None:
    view = await team_service.delete(query.from_user.id, callback_data.t)
    await screen.show(view.text, kb.overview(view))
