"""The command menu registered with setMyCommands: the one list of commands (descriptions in common.ftl)."""

from __future__ import annotations

from aiogram.types import BotCommand

from services.texts import t

# Menu order; each command's description key.
MENU_COMMANDS = {
    "start": "command-start",
    "menu": "command-menu",
    "learn": "command-learn",
    "quiz": "command-quiz",
    "exam": "command-exam",
    "mistakes": "command-mistakes",
    "results": "command-results",
    "interview": "command-interview",
    "custdev": "command-custdev",
    "audit": "command-audit",
    "interviews": "command-interviews",
    "candidates": "command-candidates",
    "team": "command-team",
    "bank": "command-bank",
    "drill": "command-drill",
    "sim": "command-sim",
    "analyze": "command-analyze",
    "profile": "command-profile",
    "help": "command-help",
    "cancel": "command-cancel",
}


def bot_commands() -> list[BotCommand]:
    return [BotCommand(command=name, description=t(key)) for name, key in MENU_COMMANDS.items()]
