from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from handlers.callbacks import MenuCallback
from services.ui_texts import ui

MENU_LAYOUT = (("attest",), ("rop", "custdev"), ("audit",), ("analysis",), ("team", "help"))


def menu_button(text: str, section: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=MenuCallback(section=section).pack())


def main_menu() -> InlineKeyboardMarkup:
    titles = ui().sections.model_dump()
    rows = [[menu_button(titles[section], section) for section in row] for row in MENU_LAYOUT]
    return InlineKeyboardMarkup(inline_keyboard=rows)


def back_to_menu() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[menu_button("« Главное меню", "home")]])
