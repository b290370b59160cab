"""CallbackData shared by every feature: the main menu's sections. Feature callbacks live beside their
handlers (handlers/<feature>/callbacks.py). Short prefixes and values: Telegram allows 64 bytes."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class Section(StrEnum):
    ATTEST = "attest"
    HIRING = "rop"  # the head-of-sales kit; "rop" is the wire value of buttons already sent
    CUSTDEV = "custdev"
    AUDIT = "audit"
    ANALYSIS = "analysis"
    TEAM = "team"
    DRILL = "drill"
    SIMULATOR = "sim"
    HELP = "help"
    HOME = "home"


class MenuCallback(CallbackData, prefix="m"):
    section: Section


class ProfileAction(StrEnum):
    ROLE = "role"
    SKIP = "skip"


class ProfileCallback(CallbackData, prefix="pf"):
    action: ProfileAction
    value: str = ""
