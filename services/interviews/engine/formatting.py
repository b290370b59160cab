"""Russian number formatting shared by results, messages and exports (plural forms come from the Fluent
catalogue, services/texts.py)."""

from __future__ import annotations

NBSP = "\u00a0"


def fmt_decimal(value: float, digits: int = 1) -> str:
    """3.4 -> «3,4»: Russian uses a decimal comma."""
    return f"{value:.{digits}f}".replace(".", ",")


def fmt_percent(value: float) -> str:
    """80.0 -> «80 %» with a non-breaking space, as Russian typography wants."""
    return f"{round(value):d}{NBSP}%"


def fmt_duration(seconds: int) -> str:
    """74 -> «1:14»: a voice message's length as Telegram shows it."""
    minutes, rest = divmod(max(int(seconds), 0), 60)
    return f"{minutes}:{rest:02d}"
