"""Last router: anything nobody else took gets a hint, never silence."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import StateFilter
from aiogram.types import CallbackQuery, Message

from handlers.keyboards import menu_only
from handlers.screen import Screen
from services.texts import t


def get_router() -> Router:
    router = Router(name="fallback")
    router.message.register(outside_flow, StateFilter(None))
    router.message.register(inside_flow)
    router.callback_query.register(stale_button)
    return router


async def outside_flow(message: Message, screen: Screen) -> None:
    # One line and one button, not the whole menu again: a stray message must not fill the chat.
    await screen.send(t("fallback-hint"), menu_only())


async def inside_flow(message: Message, screen: Screen) -> None:
    await screen.send(t("in-flow-hint"))


async def stale_button(query: CallbackQuery, screen: Screen) -> None:
    await screen.notice(t("stale-button"))
