"""Last router: anything nobody else took gets a hint, never silence."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import StateFilter
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from handlers.keyboards import main_menu
from services.ui_texts import ui

router = Router(name="fallback")


@router.message(StateFilter(None))
async def outside_flow(message: Message) -> None:
    await message.answer(ui().fallback_hint, reply_markup=main_menu())


@router.message()
async def inside_flow(message: Message) -> None:
    await message.answer(ui().in_flow_hint)


@router.callback_query()
async def stale_button(query: CallbackQuery, callback_answer: CallbackAnswer) -> None:
    callback_answer.text = ui().stale_button
