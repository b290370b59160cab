"""/custdev — a CustDev interview with a client — and the insights across all of the user's interviews."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from handlers.callbacks import MenuCallback, Section
from handlers.interviews import keyboards as kb
from handlers.interviews.callbacks import CustdevAction, CustdevMenuCallback
from handlers.interviews.screens import send_file, show_overview
from handlers.screen import Screen
from services.interviews.engine.kinds import Script
from services.interviews.flow.overview import InterviewOverview
from services.interviews.flow.sections import home_text
from services.wiring import AppDeps


def router() -> Router:
    router = Router(name="interview_custdev")
    router.message.register(custdev_command, Command("custdev"))
    router.callback_query.register(custdev_section, MenuCallback.filter(F.section == Section.CUSTDEV))
    router.callback_query.register(insights_button, CustdevMenuCallback.filter(F.a == CustdevAction.INSIGHTS))
    router.callback_query.register(insights_xlsx, CustdevMenuCallback.filter(F.a == CustdevAction.INSIGHTS_XLSX))
    return router


async def custdev_command(message: Message, screen: Screen, deps: AppDeps) -> None:
    await screen.show(home_text(Script.CUSTDEV, deps.scripts), kb.section(Script.CUSTDEV))


async def custdev_section(query: CallbackQuery, screen: Screen, deps: AppDeps) -> None:
    await screen.show(home_text(Script.CUSTDEV, deps.scripts), kb.section(Script.CUSTDEV))


async def insights_button(query: CallbackQuery, screen: Screen, interview_overview: InterviewOverview) -> None:
    await show_overview(await interview_overview.insights(query.from_user.id), screen)


async def insights_xlsx(query: CallbackQuery, screen: Screen, interview_overview: InterviewOverview) -> None:
    await send_file(await interview_overview.insights_xlsx(query.from_user.id), screen)
