"""The team's side of the drill: the owner's view (participation, predicted recall by topic), inviting the
team, assigning the weakest topic through the team's assignment wizard, and the streak leaderboard."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery

from handlers.drill import keyboards as kb
from handlers.drill.callbacks import TeamDrillAction, TeamDrillCallback
from handlers.screen import Screen
from handlers.team.assign import show_step
from services.attestation.drill.flow.team import DrillTeam
from services.notice import Refusal
from services.teams.flow.assignments import AssignmentWizard
from services.texts import t


def get_router() -> Router:
    router = Router(name="drill_team")
    cb = router.callback_query
    cb.register(team_view, TeamDrillCallback.filter(F.a == TeamDrillAction.VIEW))
    cb.register(invite, TeamDrillCallback.filter(F.a == TeamDrillAction.INVITE))
    cb.register(assign_weakest, TeamDrillCallback.filter(F.a == TeamDrillAction.ASSIGN))
    cb.register(board, TeamDrillCallback.filter(F.a == TeamDrillAction.BOARD))
    return router


async def team_view(query: CallbackQuery, callback_data: TeamDrillCallback, screen: Screen,
                    drill_team: DrillTeam) -> None:
    view = await drill_team.view(query.from_user.id, callback_data.t)
    await screen.show(view.text, kb.team(view))


async def invite(query: CallbackQuery, callback_data: TeamDrillCallback, screen: Screen,
                 drill_team: DrillTeam) -> None:
    view = await drill_team.invite(query.from_user.id, callback_data.t)
    await screen.show(view.text, kb.team(view))


async def assign_weakest(query: CallbackQuery, callback_data: TeamDrillCallback, state: FSMContext, screen: Screen,
                         drill_team: DrillTeam, team_assignments: AssignmentWizard) -> None:
    topics = await drill_team.weakest(query.from_user.id, callback_data.t)
    if not topics:
        raise Refusal(t("drill-team-recall-empty"))
    await show_step(await team_assignments.start(query.from_user.id, callback_data.t, topics), state, screen)


async def board(query: CallbackQuery, callback_data: TeamDrillCallback, screen: Screen,
                drill_team: DrillTeam) -> None:
    view = await drill_team.board(query.from_user.id, callback_data.t)
    await screen.show(view.text, kb.board(view))
