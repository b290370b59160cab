"""Bot API error answers with the exact wording Telegram uses, so aiogram raises the same exceptions."""

from __future__ import annotations

from typing import Any

MESSAGE_TOO_LONG = "Bad Request: message is too long"
CAPTION_TOO_LONG = "Bad Request: message caption is too long"
TEXT_EMPTY = "Bad Request: message text is empty"
BUTTON_DATA_INVALID = "Bad Request: BUTTON_DATA_INVALID"
REPLY_MARKUP_TOO_LONG = "Bad Request: reply markup is too long"
CANT_PARSE_ENTITIES = "Bad Request: can't parse entities: "
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of a message"
)
CHAT_NOT_FOUND = "Bad Request: chat not found"
MESSAGE_TO_EDIT_NOT_FOUND = "Bad Request: message to edit not found"
MESSAGE_TO_DELETE_NOT_FOUND = "Bad Request: message to delete not found"
MESSAGE_TO_COPY_NOT_FOUND = "Bad Request: message to copy not found"
MESSAGE_TO_FORWARD_NOT_FOUND = "Bad Request: message to forward not found"
REPLIED_NOT_FOUND = "Bad Request: message to be replied not found"
MESSAGE_CANT_BE_EDITED = "Bad Request: message can't be edited"
NO_TEXT_TO_EDIT = "Bad Request: there is no text in the message to edit"
NO_CAPTION_TO_EDIT = "Bad Request: there is no caption in the message to edit"
QUERY_TOO_OLD = "Bad Request: query is too old and response timeout expired or query ID is invalid"
BOT_BLOCKED = "Forbidden: bot was blocked by the user"
CANT_INITIATE = "Forbidden: bot can't initiate conversation with a user"
WRONG_FILE_ID = "Bad Request: wrong file identifier/HTTP URL specified"
GET_FILE_WRONG_ID = "Bad Request: wrong file_id or the file is temporarily unavailable"
FILE_TOO_BIG = "Bad Request: file is too big"
FILE_EMPTY = "Bad Request: file must be non-empty"
URL_CONTENT = "Bad Request: failed to get HTTP URL content"
IMAGE_PROCESS_FAILED = "Bad Request: IMAGE_PROCESS_FAILED"
PHOTO_INVALID_DIMENSIONS = "Bad Request: PHOTO_INVALID_DIMENSIONS"
UNSUPPORTED_PARSE_MODE = "Bad Request: unsupported parse_mode"
WRONG_ACTION = "Bad Request: wrong parameter action in request"
BUTTON_TEXT_MISSING = "Bad Request: can't parse inline keyboard button: Field \"text\" must be of type String"
TEXT_BUTTONS_UNALLOWED = (
    "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
)
BUTTON_TEXT_INVALID = "Bad Request: BUTTON_TEXT_INVALID"
MEDIA_JSON = "Bad Request: can't parse InputMedia JSON object"
MARKUP_JSON = "Bad Request: can't parse reply keyboard markup JSON object"
INLINE_KEYBOARD_ARRAY = (
    'Bad Request: field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays'
)
BOT_COMMAND_INVALID = "Bad Request: BOT_COMMAND_INVALID"
BOT_COMMAND_DESCRIPTION_INVALID = "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID"
WEBHOOK_ACTIVE = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"
)
POLL_CONFLICT = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
MESSAGE_ID_MISSING = "Bad Request: message identifier is not specified"
UNAUTHORIZED = "Unauthorized"
NOT_FOUND = "Not Found"
ENTITY_TOO_LARGE = "Request Entity Too Large"

_SERVER_ERROR_TEXT = {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable",
                      504: "Gateway Timeout"}


class ApiError(Exception):
    """Raised by a method handler; becomes `{"ok": false, ...}` with the given HTTP status."""

    def __init__(self, code: int, description: str, *, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after

    def payload(self) -> dict[str, Any]:
        body: dict[str, Any] = {"ok": False, "error_code": self.code, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def bad_request(description: str) -> ApiError:
    return ApiError(400, description)


def flood_wait(retry_after: int) -> ApiError:
    return ApiError(429, f"Too Many Requests: retry after {retry_after}", retry_after=retry_after)


def injected_error(code: int, retry_after: int, description: str | None) -> ApiError:
    """The answer `fail_next` forces; the wording follows what Telegram sends for that status."""
    if code == 429:
        return flood_wait(retry_after)
    if description is None:
        if code >= 500:
            description = _SERVER_ERROR_TEXT.get(code, "Internal Server Error")
        elif code == 403:
            description = BOT_BLOCKED
        else:
            description = "Bad Request: injected by the test"
    return ApiError(code, description)


def gateway_page(code: int) -> str:
    """The page nginx in front of the Bot API serves when the API behind it fails: HTML, not JSON."""
    title = f"{code} {_SERVER_ERROR_TEXT.get(code, 'Internal Server Error')}"
    return (f"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n"
            f"<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n")
