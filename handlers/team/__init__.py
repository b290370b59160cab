"""Teams in the chat: /team (create, invite, members, assign, dashboard) and /start join_<code>.

The logic lives in services/teams; these routers only render it. `join.start_router` must come before the
common router, which takes every other /start payload.
"""

from __future__ import annotations

from aiogram import Router

from handlers.team import assign, join, members, reports, teams


def routers() -> list[Router]:
    """Feature routers, placed after the common commands (`join.start_router` goes before them)."""
    return [teams.router, join.router, members.router, assign.router, reports.router]


def start_routers() -> list[Router]:
    """/start join_<code>: before the common router, which takes every other /start payload."""
    return [join.start_router]
