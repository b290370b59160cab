"""/audit — the business systemic audit: marketing, sales, service, item by item."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from handlers.callbacks import MenuCallback, Section
from handlers.interviews import keyboards as kb
from handlers.screen import Screen
from services.interviews.engine.kinds import Script
from services.interviews.flow.sections import home_text
from services.wiring import AppDeps


def router() -> Router:
    router = Router(name="interview_audit")
    router.message.register(audit_command, Command("audit"))
    router.callback_query.register(audit_section, MenuCallback.filter(F.section == Section.AUDIT))
    return router


async def audit_command(message: Message, screen: Screen, deps: AppDeps) -> None:
    await screen.show(home_text(Script.AUDIT, deps.scripts), kb.section(Script.AUDIT))


async def audit_section(query: CallbackQuery, screen: Screen, deps: AppDeps) -> None:
    await screen.show(home_text(Script.AUDIT, deps.scripts), kb.section(Script.AUDIT))
