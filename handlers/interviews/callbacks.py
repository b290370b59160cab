"""CallbackData factories of the interview flows: ids and short codes only (Telegram allows 64 bytes)."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData


class StepCallback(CallbackData, prefix="iv"):
    """A button of one interview. `p` is the step it was drawn for, so a stale or repeated tap is harmless."""

    i: int  # interview id
    a: str  # r rate | f toggle (flag or tag) | s skip | b back | n next | e end early | o open | v voice | x export
    p: int = -1
    v: int = -1  # rating, toggle index, or export format index (EXPORT_FORMATS)
    on: int = -1  # toggles: the state to set, 1 or 0 — setting, not flipping, makes a double tap harmless


class LinkCallback(CallbackData, prefix="il"):
    i: int  # interview id
    a: str  # new | revoke


class InterviewMenuCallback(CallbackData, prefix="im"):
    a: str  # live | remote | custdev | audit (ask the name and start) | list | cmp | cmpx | ins | insx
    s: str = ""  # section to go back to


EXPORT_FORMATS = ("xlsx", "pdf")
