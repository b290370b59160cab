"""CallbackData factories shared by several routers. Short prefixes: Telegram allows 64 bytes."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData


class MenuCallback(CallbackData, prefix="m"):
    section: str  # attest | rop | custdev | audit | analysis | team | help | home


class ProfileCallback(CallbackData, prefix="pf"):
    action: str  # role | skip
    value: str = ""
