"""Routers in the order they are tried: commands that work everywhere, features, then the catch-alls."""

from __future__ import annotations

from aiogram import Router

from handlers import analytics, coming_soon, common, errors, fallback, profile
from handlers.attestation import flow as attestation


def get_routers() -> list[Router]:
    return [
        errors.router,
        common.router,
        profile.router,
        attestation.router,
        analytics.router,
        coming_soon.router,
        fallback.router,
    ]


# Commands shown in Telegram's menu: only those whose feature is really there.
AVAILABLE_COMMANDS = {"start", "menu", "profile", "help", "cancel", "learn", "quiz", "exam", "results",
                      "analyze"}
