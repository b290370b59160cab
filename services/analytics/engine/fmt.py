"""Russian number, date and month formatting shared by the text, Excel and chart renderers.

Numbers are formatted here (not by Fluent) so the reports keep their exact form: 1 234 567, 12,50, 57,1 %.
Month names come from the text catalogue.
"""

from __future__ import annotations

import html
import re
from datetime import date

from services.texts import t

NBSP = "\u00a0"
_TAG_RE = re.compile(r"<[^>]+>")


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


def month_name(month: int) -> str:
    """January is 1: «январь»."""
    return t("analytics-month", month=month)


def month_short(month: int) -> str:
    """«янв», for tight rows and chart axes."""
    return t("analytics-month-short", month=month)


def month_year(value: date) -> str:
    return f"{month_name(value.month)} {value.year}"


def plain(text_html: str) -> str:
    """The plain-text twin of one of our HTML texts (the command line prints it): tags dropped, entities
    decoded. Exact because every value from a file is escaped in the HTML, so any `<` left is one of ours."""
    return html.unescape(_TAG_RE.sub("", text_html))


def esc(text: object) -> str:
    """A value from the user's file, made safe for Telegram HTML."""
    return html.escape(str(text), quote=False)


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
