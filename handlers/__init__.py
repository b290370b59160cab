"""Routers in the order they are tried: commands that work everywhere, features, then the catch-alls."""

from __future__ import annotations

from aiogram import Router

from handlers import analytics, coming_soon, common, errors, fallback, profile
from handlers.attestation import flow as attestation
from handlers.interviews import links as interview_links
from handlers.interviews import routers as interview_routers
from handlers.team import join as team_join
from handlers.team import routers as team_routers


def get_routers() -> list[Router]:
    return [
        errors.router,
        interview_links.start_router,  # /start cand_<token>, before common's /start
        team_join.start_router,  # /start join_<code>, before common's /start
        common.router,
        profile.router,
        attestation.router,
        analytics.router,
        *interview_routers(),
        *team_routers(),
        coming_soon.router,
        fallback.router,
    ]


# Commands shown in Telegram's menu: only those whose feature is really there.
AVAILABLE_COMMANDS = {"start", "menu", "profile", "help", "cancel", "learn", "quiz", "exam", "results",
                      "analyze", "interview", "custdev", "audit", "interviews", "candidates", "team"}
