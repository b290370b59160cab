"""Files: sending documents, photos and voice messages, replacing a message's file (editMessageMedia), and getFile
for downloads."""

from __future__ import annotations

import mimetypes
from typing import Any

from .core import DOWNLOAD_LIMIT, LOCAL_LIMIT, UPLOAD_LIMIT, StubCore
from .errors import (
    ENTITY_TOO_LARGE,
    FILE_EMPTY,
    FILE_TOO_BIG,
    GET_FILE_WRONG_ID,
    IMAGE_PROCESS_FAILED,
    MEDIA_JSON,
    MESSAGE_CANT_BE_EDITED,
    NOT_MODIFIED,
    PHOTO_INVALID_DIMENSIONS,
    URL_CONTENT,
    WRONG_FILE_ID,
    ApiError,
    bad_request,
)
from .images import image_size, photo_dimensions_valid
from .methods_messages import (
    editable_message,
    inline_only,
    read_markup,
    record_edit,
    remember_reply_keyboard,
    reply_target,
    same_markup,
)
from .params import ApiRequest, Upload
from .state import StoredFile

# Which stored kinds Telegram lets a file_id be re-sent as (a photo can't become a document, and so on).
_REUSABLE_AS = {"document": {"document"}, "photo": {"photo"}, "voice": {"voice"}}


def _uploaded_file(core: StubCore, req: ApiRequest, kind: str) -> StoredFile | None:
    upload = req.upload_for(kind)
    return None if upload is None else _store_upload(core, req, kind, upload)


def _store_upload(core: StubCore, req: ApiRequest, kind: str, upload: Upload) -> StoredFile:
    data = upload.data
    if not data:
        raise bad_request(FILE_EMPTY)
    if len(data) > (LOCAL_LIMIT if core.local_mode else UPLOAD_LIMIT):
        raise ApiError(413, ENTITY_TOO_LARGE)
    guessed = mimetypes.guess_type(upload.file_name)[0]
    if kind == "photo":
        size = image_size(data)
        if size is None:
            raise bad_request(IMAGE_PROCESS_FAILED)
        if not photo_dimensions_valid(*size):
            raise bad_request(PHOTO_INVALID_DIMENSIONS)
        return core.files.add("photo", data, file_name=upload.file_name, mime_type=guessed,
                              width=size[0], height=size[1])
    if kind == "voice":
        duration = req.integer("duration", 0)
        return core.files.add("voice", data, mime_type=guessed or "audio/ogg", duration=duration)
    mime = guessed or upload.content_type or "application/octet-stream"
    return core.files.add(kind, data, file_name=upload.file_name, mime_type=mime)


def input_file(core: StubCore, req: ApiRequest, kind: str) -> StoredFile:
    """Resolve an InputFile parameter: a fresh upload, or a file_id the stub issued before."""
    stored = _uploaded_file(core, req, kind)
    if stored is not None:
        return stored
    value = req.text(kind)
    if not value:
        raise bad_request(f"Bad Request: there is no {kind} in the request")
    return _known_file(core, value, kind)


def _known_file(core: StubCore, value: str, kind: str) -> StoredFile:
    """A file_id the stub issued before, re-used as `kind` (a URL is refused: the stub fetches nothing)."""
    if value.startswith(("http://", "https://")):
        raise bad_request(URL_CONTENT)
    known = core.files.get(value)
    if known is None:
        raise bad_request(WRONG_FILE_ID)
    if known.kind not in _REUSABLE_AS.get(kind, {kind}):
        raise bad_request("Bad Request: type of file mismatch")
    return known


async def _send_media(core: StubCore, req: ApiRequest, kind: str) -> dict[str, Any]:
    chat = core.writable_chat(req)
    stored = input_file(core, req, kind)
    caption = core.formatted(req, "caption", "caption_entities", caption=True)
    markup = read_markup(req)
    message = core.add_message(
        chat, from_bot=True, caption=caption.text if caption else None,
        caption_entities=caption.entities if caption else [], html=req.text("caption"), reply_markup=markup,
        reply_to_message_id=reply_target(chat, req), **{kind: stored},
    )
    remember_reply_keyboard(chat, markup)
    return core.message_to_api(message)


async def send_document(core: StubCore, req: ApiRequest) -> dict[str, Any]:
    return await _send_media(core, req, "document")


async def send_photo(core: StubCore, req: ApiRequest) -> dict[str, Any]:
    return await _send_media(core, req, "photo")


async def send_voice(core: StubCore, req: ApiRequest) -> dict[str, Any]:
    return await _send_media(core, req, "voice")


# editMessageMedia: the media kinds the stub stores (Telegram also takes animation, audio and video).
_EDITABLE_MEDIA = ("photo", "document")


def _new_media(core: StubCore, req: ApiRequest) -> tuple[str, StoredFile, dict[str, Any]]:
    """The `media` parameter (an InputMedia as JSON): its type, the file it names and the InputMedia itself.

    The file is a part of the upload referenced by `attach://<name>`, or a file_id the stub issued before."""
    media = req.nested("media", error=MEDIA_JSON)
    if not isinstance(media, dict):
        raise bad_request(MEDIA_JSON)
    kind = media.get("type")
    if not isinstance(kind, str) or not kind:
        raise bad_request("Bad Request: can't parse InputMedia: media type is not specified")
    if kind not in _EDITABLE_MEDIA:
        if kind in ("animation", "audio", "video"):
            raise bad_request(f"Bad Request: the test stub only edits photo and document media, not {kind}")
        raise bad_request(f"Bad Request: can't parse InputMedia: unsupported media type \"{kind}\"")
    value = media.get("media")
    if not isinstance(value, str) or not value:
        raise bad_request("Bad Request: there is no media in the request")
    if value.startswith("attach://"):
        upload = req.uploads.get(value[len("attach://"):])
        if upload is None:
            raise bad_request(f"Bad Request: can't find attached file \"{value[len('attach://'):]}\"")
        return kind, _store_upload(core, req, kind, upload), media
    return kind, _known_file(core, value, kind), media


async def edit_message_media(core: StubCore, req: ApiRequest) -> dict[str, Any]:
    """Replace a bot message's file (and caption): a photo or document message, or a text message becoming one.

    A fresh upload always changes the message; re-using the file it already shows with the same caption and
    keyboard is «not modified». Without reply_markup the inline keyboard goes, as in every edit."""
    message = editable_message(core, req)
    if message.text is None and message.document is None and message.photo is None:
        raise bad_request(MESSAGE_CANT_BE_EDITED)  # a voice message or a sticker has no replaceable media
    kind, stored, media = _new_media(core, req)
    caption_req = ApiRequest(method=req.method, params={
        key: media[key] for key in ("caption", "parse_mode", "caption_entities") if media.get(key) is not None
    })
    parsed = core.formatted(caption_req, "caption", "caption_entities", caption=True)
    caption, entities = (parsed.text, parsed.entities) if parsed else (None, [])
    markup = inline_only(read_markup(req))
    current = message.document or message.photo
    if (current is stored and (caption, entities) == (message.caption, message.caption_entities)
            and same_markup(markup, message.reply_markup)):
        raise bad_request(NOT_MODIFIED)
    record_edit(core, message)
    message.text, message.entities = None, []
    message.document, message.photo = (stored, None) if kind == "document" else (None, stored)
    message.caption, message.caption_entities, message.html = caption, entities, caption_req.text("caption")
    message.reply_markup = markup
    return core.message_to_api(message)


async def get_file(core: StubCore, req: ApiRequest) -> dict[str, Any]:
    stored = core.files.get(req.text("file_id") or "")
    if stored is None:
        raise bad_request(GET_FILE_WRONG_ID)
    if not core.local_mode and stored.size > DOWNLOAD_LIMIT:
        raise bad_request(FILE_TOO_BIG)
    path = stored.file_path
    if core.local_mode:
        path = str(_materialize(core, stored))
    return {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id, "file_size": stored.size,
            "file_path": path}


def _materialize(core: StubCore, stored: StoredFile) -> Any:
    """In --local mode Telegram hands out an absolute path on its disk; the stub writes the file there."""
    if core.files_dir is None:
        raise RuntimeError("StubBotApi(local_mode=True) needs files_dir")
    target = core.files_dir / stored.file_path
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        target.write_bytes(stored.data)
    return target
