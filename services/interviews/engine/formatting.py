"""Russian number formatting shared by results, messages and exports."""

from __future__ import annotations

NBSP = "\u00a0"


def fmt_decimal(value: float, digits: int = 1) -> str:
    """3.4 -> «3,4»: Russian uses a decimal comma."""
    return f"{value:.{digits}f}".replace(".", ",")


def fmt_percent(value: float) -> str:
    """80.0 -> «80 %» with a non-breaking space, as Russian typography wants."""
    return f"{round(value):d}{NBSP}%"


def plural_ru(count: int, one: str, few: str, many: str) -> str:
    """Pick the Russian plural form: 1 интервью/ответ, 2 ответа, 5 ответов."""
    tail = count % 100
    if 11 <= tail <= 14:
        return many
    if count % 10 == 1:
        return one
    if 2 <= count % 10 <= 4:
        return few
    return many
