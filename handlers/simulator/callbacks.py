"""Simulator buttons: ids and short codes only (Telegram allows 64 bytes). A reply button carries the run, the step
it was shown at and the reply's position on the screen, so a second tap or an old step's button changes nothing."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class SimAction(StrEnum):
    LIST = "l"  # the scenario list
    START = "s"  # sc = scenario id
    REPLY = "r"  # r = run, p = step, v = the reply's position on the screen (0-based)
    REPLAY = "a"  # «Пройти ещё раз»: r = the finished run
    RESUME = "c"  # «Продолжить»: r = the open run (0: the user's open run)


class SimCallback(CallbackData, prefix="sm"):
    a: SimAction
    r: int = 0
    p: int = 0
    v: int = 0
    sc: str = ""
