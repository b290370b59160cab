"""Russian number, date and word formatting shared by the text, Excel and chart renderers."""

from __future__ import annotations

import html
from datetime import date

NBSP = "\u00a0"
MONTHS_GENITIVE_SHORT = ("янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек")


def integer(value: float) -> str:
    return f"{round(value):,}".replace(",", NBSP)


def money(value: float) -> str:
    """Thousands separated by a no-break space, kopecks only for small sums: 1 234 567 / 12,50."""
    if abs(value) >= 100:
        return integer(value)
    return f"{value:.2f}".replace(".", ",")


def percent(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "—"
    return f"{value:.{digits}f}".replace(".", ",") + NBSP + "%"


def decimal(value: float, digits: int = 2) -> str:
    return f"{value:.{digits}f}".replace(".", ",")


def day(value: date) -> str:
    return value.strftime("%d.%m.%Y")


def month_year(value: date, names: tuple[str, ...]) -> str:
    return f"{names[value.month - 1]} {value.year}"


def plural(n: int, one: str, few: str, many: str) -> str:
    """Russian plural: 1 клиент, 2 клиента, 5 клиентов."""
    n = abs(int(n))
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


class Markup:
    """Bold and escaping for Telegram HTML, or nothing for plain text: one renderer serves both."""

    def __init__(self, html_mode: bool) -> None:
        self.html = html_mode

    def esc(self, text: object) -> str:
        return html.escape(str(text), quote=False) if self.html else str(text)

    def bold(self, text: str) -> str:
        """`text` must already be escaped (or be our own wording)."""
        return f"<b>{text}</b>" if self.html else text

    def italic(self, text: str) -> str:
        return f"<i>{text}</i>" if self.html else text


TELEGRAM_LIMIT = 4096


def fit(sections: list[str], optional_from: int, note: str) -> str:
    """Join sections; if the message is too long for Telegram, drop optional sections from the end."""
    text = "\n\n".join(s for s in sections if s)
    while len(text) > TELEGRAM_LIMIT - 200 and len(sections) > optional_from:
        sections = sections[:-1]
        text = "\n\n".join(s for s in sections if s) + "\n\n" + note
    if len(text) > TELEGRAM_LIMIT:
        text = text[: TELEGRAM_LIMIT - len(note) - 3] + "…\n" + note
    return text
