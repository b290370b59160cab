"""The main menu and the way back to it."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.callbacks import MenuCallback, Section
from services.texts import t

MENU_LAYOUT = ((Section.ATTEST,), (Section.HIRING, Section.CUSTDEV), (Section.AUDIT,), (Section.ANALYSIS,),
               (Section.DRILL,), (Section.SIMULATOR,), (Section.TEAM, Section.HELP))
SECTION_KEYS = {
    Section.ATTEST: "section-attest",
    Section.HIRING: "section-hiring",
    Section.CUSTDEV: "section-custdev",
    Section.AUDIT: "section-audit",
    Section.ANALYSIS: "section-analysis",
    Section.TEAM: "section-team",
    Section.DRILL: "section-drill",
    Section.SIMULATOR: "section-simulator",
    Section.HELP: "section-help",
}


def main_menu() -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for row in MENU_LAYOUT:
        for section in row:
            builder.button(text=t(SECTION_KEYS[section]), callback_data=MenuCallback(section=section))
    builder.adjust(*(len(row) for row in MENU_LAYOUT))
    return builder.as_markup()


def menu_only() -> InlineKeyboardMarkup:
    """A single «Главное меню» button: the way back from a hint."""
    builder = InlineKeyboardBuilder()
    builder.button(text=t("menu-open"), callback_data=MenuCallback(section=Section.HOME))
    return builder.as_markup()


def back_to_menu() -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("menu-back"), callback_data=MenuCallback(section=Section.HOME))
    return builder.as_markup()


def home_button() -> InlineKeyboardButton:
    """«« Главное меню» for a feature's own keyboards."""
    return InlineKeyboardButton(text=t("menu-back"), callback_data=MenuCallback(section=Section.HOME).pack())
