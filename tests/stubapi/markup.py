"""Validation of reply_markup with Telegram's limits and error texts."""

from __future__ import annotations

from typing import Any

from .errors import (
    BUTTON_DATA_INVALID,
    BUTTON_TEXT_INVALID,
    BUTTON_TEXT_MISSING,
    INLINE_KEYBOARD_ARRAY,
    MARKUP_JSON,
    REPLY_MARKUP_TOO_LONG,
    TEXT_BUTTONS_UNALLOWED,
    bad_request,
)

MAX_INLINE_BUTTONS = 100
MAX_CALLBACK_DATA_BYTES = 64
_BUTTON_ACTIONS = (
    "callback_data", "url", "web_app", "login_url", "switch_inline_query", "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat", "copy_text", "callback_game", "pay",
)
_BUTTON_PREFIX = "Bad Request: can't parse inline keyboard button: "


def validate_reply_markup(markup: Any) -> dict[str, Any] | None:
    """Return the markup as Telegram would store it, or raise ApiError the way Telegram answers."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request(MARKUP_JSON)
    if "inline_keyboard" in markup:
        return {"inline_keyboard": _inline_keyboard(markup["inline_keyboard"])}
    if "keyboard" in markup:
        _reply_keyboard(markup["keyboard"])
        return markup
    if markup.get("remove_keyboard") or markup.get("force_reply"):
        return markup
    raise bad_request(MARKUP_JSON)


def _inline_keyboard(rows: Any) -> list[list[dict[str, Any]]]:
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request(INLINE_KEYBOARD_ARRAY)
    if sum(len(row) for row in rows) > MAX_INLINE_BUTTONS:
        raise bad_request(REPLY_MARKUP_TOO_LONG)
    for row in rows:
        for button in row:
            _inline_button(button)
    # Telegram keeps no empty rows.
    return [list(row) for row in rows if row]


def _inline_button(button: Any) -> None:
    if not isinstance(button, dict):
        raise bad_request(_BUTTON_PREFIX + "InlineKeyboardButton should be an Object")
    text = button.get("text")
    if not isinstance(text, str):
        raise bad_request(BUTTON_TEXT_MISSING)
    if not text.strip():
        raise bad_request(BUTTON_TEXT_INVALID)
    if not any(button.get(action) is not None for action in _BUTTON_ACTIONS):
        raise bad_request(TEXT_BUTTONS_UNALLOWED)
    if "callback_data" in button:
        data = button["callback_data"]
        if not isinstance(data, str):
            raise bad_request(_BUTTON_PREFIX + 'Field "callback_data" must be of type String')
        if not 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA_BYTES:
            raise bad_request(BUTTON_DATA_INVALID)
    if "url" in button:
        url = button["url"]
        if not isinstance(url, str):
            raise bad_request(_BUTTON_PREFIX + 'Field "url" must be of type String')
        if not url or any(ch.isspace() for ch in url) or ("." not in url and not url.startswith("tg://")):
            raise bad_request(f"Bad Request: inline keyboard button URL '{url}' is invalid: Wrong HTTP URL")


def _reply_keyboard(rows: Any) -> None:
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request('Bad Request: field "keyboard" of the ReplyKeyboardMarkup should be an Array of Arrays')
    for row in rows:
        for button in row:
            text = button if isinstance(button, str) else (button or {}).get("text")
            if not isinstance(text, str) or not text:
                raise bad_request("Bad Request: can't parse keyboard button: Field \"text\" must be of type String")
