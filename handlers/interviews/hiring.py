"""/interview — hiring a head of sales (live or by a candidate link) — and /candidates side by side."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from handlers.callbacks import MenuCallback, Section
from handlers.interviews import keyboards as kb
from handlers.interviews.callbacks import HiringAction, HiringMenuCallback
from handlers.interviews.screens import send_file, show_overview
from handlers.screen import Screen
from services.interviews.engine.kinds import Script
from services.interviews.flow.overview import InterviewOverview
from services.interviews.flow.sections import home_text
from services.wiring import AppDeps


def router() -> Router:
    router = Router(name="interview_hiring")
    router.message.register(interview_command, Command("interview"))
    router.callback_query.register(hiring_section, MenuCallback.filter(F.section == Section.HIRING))
    router.message.register(candidates_command, Command("candidates"))
    router.callback_query.register(candidates_button, HiringMenuCallback.filter(F.a == HiringAction.COMPARE))
    router.callback_query.register(candidates_xlsx, HiringMenuCallback.filter(F.a == HiringAction.COMPARE_XLSX))
    return router


async def interview_command(message: Message, screen: Screen, deps: AppDeps) -> None:
    await screen.show(home_text(Script.HIRING, deps.scripts), kb.section(Script.HIRING))


async def hiring_section(query: CallbackQuery, screen: Screen, deps: AppDeps) -> None:
    await screen.show(home_text(Script.HIRING, deps.scripts), kb.section(Script.HIRING))


async def candidates_command(message: Message, screen: Screen, interview_overview: InterviewOverview) -> None:
    assert message.from_user is not None
    await show_overview(await interview_overview.comparison(message.from_user.id), screen)


async def candidates_button(query: CallbackQuery, screen: Screen, interview_overview: InterviewOverview) -> None:
    await show_overview(await interview_overview.comparison(query.from_user.id), screen)


async def candidates_xlsx(query: CallbackQuery, screen: Screen, interview_overview: InterviewOverview) -> None:
    await send_file(await interview_overview.comparison_xlsx(query.from_user.id), screen)
