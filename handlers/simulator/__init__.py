"""The dialogue simulator in the chat: /sim, the scenario list, a dialogue step by step, the end screen.

The logic lives in services/attestation/simulator; these routers only render it. Every call builds fresh routers.
"""

from __future__ import annotations

from aiogram import Router


def routers() -> list[Router]:
    from handlers.simulator import play

    return [play.get_router()]
