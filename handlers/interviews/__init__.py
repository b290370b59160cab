"""Guided interviews in the chat: /interview (РОП, live or by candidate link), /custdev, /audit,
/interviews and /candidates. The logic lives in services/interviews_flow; these routers only render it."""

from __future__ import annotations

from aiogram import Router

from handlers.interviews import audit, custdev, links, rop, start, steps


def routers() -> list[Router]:
    """Feature routers, placed after the common commands (`links.start_router` goes before them)."""
    return [start.router, rop.router, custdev.router, audit.router, links.router, steps.router]


def start_routers() -> list[Router]:
    """/start cand_<token>: before the common router, which takes every other /start payload."""
    return [links.start_router]
