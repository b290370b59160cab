"""Menu sections whose feature is not built yet say so honestly; registered after the feature routers."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import CallbackQuery, Message

from handlers.callbacks import MenuCallback
from handlers.keyboards import back_to_menu
from services.ui_texts import ui

router = Router(name="coming_soon")


@router.callback_query(MenuCallback.filter())
async def section_not_ready(query: CallbackQuery, callback_data: MenuCallback) -> None:
    title = getattr(ui().sections, callback_data.section, None)
    if title is None or not isinstance(query.message, Message):
        return
    await query.message.answer(ui().coming_soon.format(section=title), reply_markup=back_to_menu())
