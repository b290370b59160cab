"""The one result type for "nothing changed, tell the user why", and the refusal a service can raise instead.

A flow returns `Notice` when it wants the current screen shown after the short answer (a stale button that
re-shows the live question); it raises `Refusal` when there is nothing more to say (no access, a forged id).
The chat layer answers both in one place (`handlers/screen.py`): a toast under a button, or a message.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Notice:
    text: str
    view: Any = None  # a screen to show after the notice, when useful


class Refusal(Exception):
    """Raised by a service: nothing was changed; `text` tells the user why (already HTML-safe)."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text
