"""CallbackData of the team screens: ids and short codes only (Telegram allows 64 bytes)."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData


class TeamCallback(CallbackData, prefix="tm"):
    """Every team button. The server re-checks ownership or membership on each press, whatever `t` says.

    a: home | new | open | inv | regen | mem | rm (ask) | rmy (do) | del (ask) | dely (do) | db | xl | me |
       as (assign) | asw (assign the weakest topics) | ak (kind) | at (toggle topic) | atd (topics done) |
       ad (quick deadline) | aw (who: all | pick) | am (toggle member) | amd (assign to the picked) |
       jy / jn (join: yes / no)
    """

    a: str
    t: int = 0  # team id
    x: int = 0  # a member's user id
    v: str = ""  # a short code: topic id, kind, deadline choice
