"""Files: sending documents, photos and voice messages, and getFile for downloads."""

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
    PHOTO_INVALID_DIMENSIONS,
    URL_CONTENT,
    WRONG_FILE_ID,
    ApiError,
    bad_request,
)
from .images import image_size, photo_dimensions_valid
from .methods_messages import read_markup, remember_reply_keyboard, reply_target
from .params import ApiRequest
from .state import StoredFile

# Which stored kinds Telegram lets a file_id be re-sent as (a photo can't become a document, and so on).
_REUSABLE_AS = {"document": {"document"}, "photo": {"photo"}, "voice": {"voice"}}


def _uploaded_file(core: StubCore, req: ApiRequest, kind: str) -> StoredFile | None:
    upload = req.upload_for(kind)
    if upload is None:
        return None
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
