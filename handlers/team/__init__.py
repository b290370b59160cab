"""Teams in the chat: /team (create, invite, members, assign, dashboard) and /start join_<code>.

The logic lives in services/teams; these routers only render it. Every call builds fresh routers.
"""

from __future__ import annotations

from aiogram import Router

from handlers.team import assign, join, members, reports, teams


def routers() -> list[Router]:
    """Feature routers, placed after the common commands."""
    return [teams.get_router(), join.get_router(), members.get_router(), assign.get_router(), reports.get_router()]


def start_routers() -> list[Router]:
    """/start join_<code>: before the common router, which takes every other /start payload."""
    return [join.get_start_router()]
