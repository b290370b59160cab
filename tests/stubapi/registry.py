"""Bot API method name (case-insensitive, as Telegram treats it) → handler."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from . import methods_media, methods_messages
from .core import StubCore
from .methods_misc import METHODS as MISC_METHODS
from .params import ApiRequest

Handler = Callable[[StubCore, ApiRequest], Awaitable[Any]]

METHODS: dict[str, Handler] = {
    **MISC_METHODS,
    "sendmessage": methods_messages.send_message,
    "editmessagetext": methods_messages.edit_message_text,
    "editmessagecaption": methods_messages.edit_message_caption,
    "editmessagereplymarkup": methods_messages.edit_message_reply_markup,
    "deletemessage": methods_messages.delete_message,
    "deletemessages": methods_messages.delete_messages,
    "copymessage": methods_messages.copy_message,
    "forwardmessage": methods_messages.forward_message,
    "senddocument": methods_media.send_document,
    "sendphoto": methods_media.send_photo,
    "sendvoice": methods_media.send_voice,
    "editmessagemedia": methods_media.edit_message_media,
    "getfile": methods_media.get_file,
}


def find_handler(method: str) -> Handler | None:
    return METHODS.get(method.lower())
