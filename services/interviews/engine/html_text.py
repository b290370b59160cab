"""Building Telegram HTML messages safely: escaping, clipping and the 4096-character limit."""

from __future__ import annotations

import html
from collections.abc import Sequence

MESSAGE_LIMIT = 4096
ELLIPSIS = "…"


def message_length(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units), measured on the HTML source.

    The source is never shorter than the text Telegram shows (tags and entities are dropped),
    so fitting the source within the limit is a safe upper bound.
    """
    return len(text.encode("utf-16-le")) // 2


def clip(text: str, limit: int) -> str:
    """Collapse whitespace and shorten plain text to `limit` characters, ending with «…» when cut."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + ELLIPSIS


def clip_tail(text: str, limit: int) -> str:
    """Like `clip`, but keeps the end: notes typed in pieces show their newest part."""
    text = " ".join(text.split())
    return text if len(text) <= limit else ELLIPSIS + text[len(text) - limit + 1:].lstrip()


def esc_tail(text: str, limit: int) -> str:
    return html.escape(clip_tail(text, limit), quote=False)


def esc(text: str, limit: int | None = None) -> str:
    """Escape text for HTML parse mode, clipping it first so no entity is cut in half."""
    return html.escape(clip(text, limit) if limit is not None else text, quote=False)


def fit_lines(lines: Sequence[str], trailer: str = ELLIPSIS, limit: int = MESSAGE_LIMIT) -> str:
    """Join lines; if too long, drop whole lines from the end and add `trailer`.

    Every renderer keeps its tags balanced within a line, so dropping lines never breaks the HTML.
    """
    text = "\n".join(lines)
    if message_length(text) <= limit:
        return text
    kept = list(lines)
    while kept and message_length("\n".join([*kept, trailer])) > limit:
        kept.pop()
    return "\n".join([*kept, trailer])
