"""CallbackData factories shared by several routers. Short prefixes: Telegram allows 64 bytes."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData


class LearnCallback(CallbackData, prefix="ln"):
    action: str  # topics (cards list) | pick (practice list) | card | practice
    topic: str = ""


class AttemptCallback(CallbackData, prefix="qz"):
    """A button under a question. Ids only: attempt id, question position, value index."""

    a: int
    p: int
    act: str  # o = option/item, d = done, r = reset, n = next
    v: int = -1


class AttestCallback(CallbackData, prefix="at"):
    action: str  # home | exam | mistakes | results | resume | restart
    kind: str = ""
    topic: str = ""
