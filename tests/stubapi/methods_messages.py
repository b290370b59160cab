"""Text message methods: send, edit, delete, copy, forward."""

from __future__ import annotations

from typing import Any

from .core import StubCore
from .errors import (
    BOT_BLOCKED,
    MARKUP_JSON,
    MESSAGE_CANT_BE_EDITED,
    MESSAGE_ID_MISSING,
    MESSAGE_TO_COPY_NOT_FOUND,
    MESSAGE_TO_DELETE_NOT_FOUND,
    MESSAGE_TO_EDIT_NOT_FOUND,
    MESSAGE_TO_FORWARD_NOT_FOUND,
    NO_CAPTION_TO_EDIT,
    NO_TEXT_TO_EDIT,
    NOT_MODIFIED,
    REPLIED_NOT_FOUND,
    ApiError,
    bad_request,
)
from .markup import validate_reply_markup
from .params import ApiRequest
from .state import Chat, ChatMessage, now


def read_markup(req: ApiRequest) -> dict[str, Any] | None:
    return validate_reply_markup(req.nested("reply_markup", error=MARKUP_JSON))


def remember_reply_keyboard(chat: Chat, markup: dict[str, Any] | None) -> None:
    if markup and "keyboard" in markup:
        chat.reply_keyboard = markup
    elif markup and markup.get("remove_keyboard"):
        chat.reply_keyboard = None


def reply_target(chat: Chat, req: ApiRequest) -> int | None:
    """The message being replied to, checked like Telegram (missing → error unless allowed)."""
    params = req.nested("reply_parameters", error="Bad Request: can't parse reply parameters JSON object") or {}
    message_id = params.get("message_id") or req.integer("reply_to_message_id")
    if not message_id:
        return None
    allow_missing = params.get("allow_sending_without_reply") or req.flag("allow_sending_without_reply")
    target = chat.messages.get(int(message_id))
    if target is None or target.deleted:
        if allow_missing:
            return None
        raise bad_request(REPLIED_NOT_FOUND)
    return target.message_id


async def send_message(core: StubCore, req: ApiRequest) -> dict[str, Any]:
    chat = core.writable_chat(req)
    parsed = core.formatted(req, "text", "entities", caption=False)
    assert parsed is not None
    markup = read_markup(req)
    reply_to = reply_target(chat, req)
    message = core.add_message(chat, from_bot=True, text=parsed.text, entities=parsed.entities,
                               html=req.text("text"), reply_markup=markup, reply_to_message_id=reply_to)
    remember_reply_keyboard(chat, markup)
    return core.message_to_api(message)


def editable_message(core: StubCore, req: ApiRequest) -> ChatMessage:
    if req.has("inline_message_id"):
        raise bad_request("Bad Request: MESSAGE_ID_INVALID")
    chat = core.known_chat(req)
    if chat.blocked:
        raise ApiError(403, BOT_BLOCKED)
    message_id = req.integer("message_id", error=MESSAGE_ID_MISSING)
    if message_id is None:
        raise bad_request(MESSAGE_ID_MISSING)
    message = chat.messages.get(message_id)
    if message is None or message.deleted:
        raise bad_request(MESSAGE_TO_EDIT_NOT_FOUND)
    if not message.from_bot:
        raise bad_request(MESSAGE_CANT_BE_EDITED)
    return message


def inline_only(markup: dict[str, Any] | None) -> dict[str, Any] | None:
    if markup is None:
        return None
    if "inline_keyboard" not in markup:
        raise bad_request("Bad Request: inline keyboard expected")
    return markup if markup["inline_keyboard"] else None


def same_markup(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    def rows(markup: dict[str, Any] | None) -> list:
        return (markup or {}).get("inline_keyboard") or []

    return rows(a) == rows(b)


def record_edit(core: StubCore, message: ChatMessage) -> None:
    message.history.append(message.shown_text)
    message.edit_date = now()[1]
    message.last_change_seq = core.next_seq()


async def edit_message_text(core: StubCore, req: ApiRequest) -> dict[str, Any]:
    message = editable_message(core, req)
    if message.text is None:
        raise bad_request(NO_TEXT_TO_EDIT)
    parsed = core.formatted(req, "text", "entities", caption=False)
    assert parsed is not None
    # Without reply_markup an edit removes the inline keyboard, as in Telegram.
    markup = inline_only(read_markup(req))
    if (parsed.text, parsed.entities) == (message.text, message.entities) and same_markup(markup,
                                                                                          message.reply_markup):
        raise bad_request(NOT_MODIFIED)
    record_edit(core, message)
    message.text, message.entities, message.html = parsed.text, parsed.entities, req.text("text")
    message.reply_markup = markup
    return core.message_to_api(message)


async def edit_message_caption(core: StubCore, req: ApiRequest) -> dict[str, Any]:
    message = editable_message(core, req)
    if message.media is None:
        raise bad_request(NO_CAPTION_TO_EDIT)
    parsed = core.formatted(req, "caption", "caption_entities", caption=True)
    caption, entities = (parsed.text, parsed.entities) if parsed else (None, [])
    markup = inline_only(read_markup(req))
    if (caption, entities) == (message.caption, message.caption_entities) and same_markup(markup,
                                                                                          message.reply_markup):
        raise bad_request(NOT_MODIFIED)
    record_edit(core, message)
    message.caption, message.caption_entities, message.html = caption, entities, req.text("caption")
    message.reply_markup = markup
    return core.message_to_api(message)


async def edit_message_reply_markup(core: StubCore, req: ApiRequest) -> dict[str, Any]:
    message = editable_message(core, req)
    markup = inline_only(read_markup(req))
    if same_markup(markup, message.reply_markup):
        raise bad_request(NOT_MODIFIED)
    record_edit(core, message)
    message.reply_markup = markup
    return core.message_to_api(message)


def _delete(core: StubCore, chat: Chat, message_id: int) -> bool:
    message = chat.messages.get(message_id)
    if message is None or message.deleted:
        return False
    message.deleted = True
    message.last_change_seq = core.next_seq()
    return True


async def delete_message(core: StubCore, req: ApiRequest) -> bool:
    chat = core.known_chat(req)
    message_id = req.integer("message_id", error=MESSAGE_ID_MISSING)
    if message_id is None or not _delete(core, chat, message_id):
        raise bad_request(MESSAGE_TO_DELETE_NOT_FOUND)
    return True


async def delete_messages(core: StubCore, req: ApiRequest) -> bool:
    chat = core.known_chat(req)
    ids = req.nested("message_ids", error="Bad Request: message_ids must be an Array of Integer") or []
    deleted = [_delete(core, chat, int(message_id)) for message_id in ids]
    if not any(deleted):
        raise bad_request(MESSAGE_TO_DELETE_NOT_FOUND)
    return True


def _source_message(core: StubCore, req: ApiRequest, missing: str) -> ChatMessage:
    source_chat = core.known_chat(req, "from_chat_id")
    message = source_chat.messages.get(req.integer("message_id", error=missing) or 0)
    if message is None or message.deleted:
        raise bad_request(missing)
    return message


async def copy_message(core: StubCore, req: ApiRequest) -> dict[str, Any]:
    source = _source_message(core, req, MESSAGE_TO_COPY_NOT_FOUND)
    chat = core.writable_chat(req)
    content: dict[str, Any] = {"text": source.text, "entities": list(source.entities), "html": source.html,
                               "document": source.document, "photo": source.photo, "voice": source.voice,
                               "sticker": source.sticker, "caption": source.caption,
                               "caption_entities": list(source.caption_entities)}
    if req.params.get("caption") is not None and source.media is not None:
        parsed = core.formatted(req, "caption", "caption_entities", caption=True)
        content.update(caption=parsed.text if parsed else None, caption_entities=parsed.entities if parsed else [],
                       html=req.text("caption"))
    markup = read_markup(req)
    message = core.add_message(chat, from_bot=True, reply_markup=markup,
                               reply_to_message_id=reply_target(chat, req), **content)
    return {"message_id": message.message_id}


async def forward_message(core: StubCore, req: ApiRequest) -> dict[str, Any]:
    source = _source_message(core, req, MESSAGE_TO_FORWARD_NOT_FOUND)
    chat = core.writable_chat(req)
    message = core.add_message(chat, from_bot=True, text=source.text, entities=list(source.entities),
                               html=source.html, document=source.document, photo=source.photo, voice=source.voice,
                               sticker=source.sticker, caption=source.caption,
                               caption_entities=list(source.caption_entities))
    return core.message_to_api(message)
