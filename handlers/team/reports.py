"""The owner's dashboard and its XLSX; a member's own page in a team."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.enums import ChatAction
from aiogram.types import CallbackQuery

from handlers.screen import Screen
from handlers.team import keyboards as kb
from handlers.team.callbacks import DASHBOARD_AS_NEW, ReportAction, ReportCallback
from services.teams.flow.reports import TeamReports


def get_router() -> Router:
    router = Router(name="team_reports")
    router.callback_query.register(dashboard, ReportCallback.filter(F.a == ReportAction.DASHBOARD))
    router.callback_query.register(export, ReportCallback.filter(F.a == ReportAction.EXPORT))
    router.callback_query.register(my_team, ReportCallback.filter(F.a == ReportAction.MY_TEAM))
    return router


async def dashboard(query: CallbackQuery, callback_data: ReportCallback, screen: Screen,
                    team_reports: TeamReports) -> None:
    view = await team_reports.dashboard(query.from_user.id, callback_data.t)
    if callback_data.v == DASHBOARD_AS_NEW:  # under a scheduled notice: the notice stays in the chat
        await screen.send(view.text, kb.dashboard(view))
    else:
        await screen.show(view.text, kb.dashboard(view))


async def export(query: CallbackQuery, callback_data: ReportCallback, screen: Screen,
                 team_reports: TeamReports) -> None:
    await team_reports.check_owner(query.from_user.id, callback_data.t)
    await screen.typing(ChatAction.UPLOAD_DOCUMENT)
    file = await team_reports.export(query.from_user.id, callback_data.t)
    await screen.send_document(file.data, file.file_name, caption=file.caption)


async def my_team(query: CallbackQuery, callback_data: ReportCallback, screen: Screen,
                  team_reports: TeamReports) -> None:
    view = await team_reports.my_team(query.from_user.id, callback_data.t)
    await screen.show(view.text, kb.my_team(view))
