"""The command menu registered with setMyCommands (descriptions from content/ui.yaml)."""

from __future__ import annotations

from aiogram.types import BotCommand

from services.ui_texts import ui

MENU_COMMANDS = ("start", "menu", "learn", "quiz", "exam", "results", "interview", "custdev", "audit",
                 "interviews", "candidates", "team", "analyze", "profile", "help", "cancel")


def bot_commands(available: set[str] | None = None) -> list[BotCommand]:
    descriptions = ui().commands
    return [
        BotCommand(command=name, description=descriptions[name])
        for name in MENU_COMMANDS
        if available is None or name in available
    ]
