"""Guided interviews in the chat: /interview (hiring a head of sales, live or by candidate link), /custdev,
/audit, /interviews and /candidates. The logic lives in services/interviews; these routers parse the update,
call a service and put its view on the screen (screens.py)."""

from __future__ import annotations

from aiogram import Router

from handlers.interviews import audit, custdev, hiring, links, start, steps


def routers() -> list[Router]:
    """Feature routers, built fresh, placed after the common commands (`start_routers` go before them)."""
    return [start.router(), hiring.router(), custdev.router(), audit.router(), links.router(), steps.router()]


def start_routers() -> list[Router]:
    """/start cand_<token>: before the common router, which takes every other /start payload."""
    return [links.start_router()]
