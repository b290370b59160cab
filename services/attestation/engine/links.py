"""The certificate check by deep link: t.me/<bot>?start=verify_<CODE> opens the bot and checks the code.

Light on purpose (no matplotlib): the /start handler needs the prefix at start-up.
"""

from __future__ import annotations

VERIFY_PREFIX = "verify_"  # a /start payload: letters, digits, «_» and «-» are allowed, the code fits


def verify_url(bot_username: str, code: str) -> str:
    return f"https://t.me/{bot_username}?start={VERIFY_PREFIX}{code}"
