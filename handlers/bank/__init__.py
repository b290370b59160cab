"""A team's own questions in the chat: /bank, topics and cards, the question editor, files (template, import,
export), the team's exam settings, question statistics; and a member's view of an own topic's card.

The logic lives in services/attestation/own; these routers only render it. Every call builds fresh routers.
"""

from __future__ import annotations

from aiogram import Router

from handlers.bank import editor, exam, files, home


def routers() -> list[Router]:
    """Feature routers. Place them before the attestation routers: `home.learn_router()` shows own topics' cards,
    which the attestation's card handler does not know."""
    return [home.learn_router(), home.get_router(), editor.get_router(), files.get_router(), exam.get_router()]
