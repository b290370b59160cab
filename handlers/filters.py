"""Message filters checked in the event loop.

aiogram runs a filter that is a plain callable in a worker thread (`asyncio.to_thread`). A magic filter (`F.text`,
`F.document`) is one, and so is a bare `State`: each check was a hop to a thread and back, a dozen for a message
typed in a flow registered late. A `Filter` is awaited in place: every magic filter a handler needs is wrapped in
one here, and states are checked with `StateFilter(...)` (tests/unit/test_router_filters.py walks the routers).
"""

from __future__ import annotations

from typing import Any

from aiogram import F
from aiogram.filters import Filter
from aiogram.types import TelegramObject
from magic_filter import MagicFilter


class Magic(Filter):
    """A magic filter resolved in the event loop; the result is aiogram's as it would be (a dict from `.as_()`
    goes to the handler's arguments)."""

    def __init__(self, magic: MagicFilter) -> None:
        self.magic = magic

    async def __call__(self, event: TelegramObject) -> Any:
        return self.magic.resolve(event)


TEXT = Magic(F.text)
TYPED_TEXT = Magic(F.text & ~F.text.startswith("/"))  # text that is not a command
NOT_TEXT = Magic(~F.text)  # a sticker, a photo, a voice
DOCUMENT = Magic(F.document)
PHOTO = Magic(F.photo)
VOICE = Magic(F.voice)
NOT_A_COMMAND = Magic(~F.text | ~F.text.startswith("/"))  # anything but a command
NOT_A_FILE = Magic(~F.document & ~F.text.startswith("/"))  # neither a file nor a command
NEITHER_TEXT_NOR_VOICE = Magic(~F.text & ~F.voice)
