"""The daily drill in the chat: /drill settings, the day's questions, the team's view and leaderboard.

The logic lives in services/attestation/drill; these routers only render it. Every call builds fresh routers.
`drill_markup` (handlers.drill.keyboards) is the keyboard the scheduler puts under a day's first question.
Nothing is imported at package level, so the team keyboards can use the drill's callbacks without a cycle.
"""

from __future__ import annotations

from aiogram import Router


def routers() -> list[Router]:
    """Feature routers, placed after the other features (the drill's typed answer only takes text nobody else
    did) and before the fallback."""
    from handlers.drill import answers, settings, team

    return [settings.get_router(), team.get_router(), answers.get_router()]
