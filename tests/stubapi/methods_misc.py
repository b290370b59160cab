"""Bot-level methods: identity, polling, webhook, commands, chat actions and callback answers."""

from __future__ import annotations

import re
import time
from typing import Any

from .core import StubCore
from .errors import (
    BOT_COMMAND_DESCRIPTION_INVALID,
    BOT_COMMAND_INVALID,
    QUERY_TOO_OLD,
    WEBHOOK_ACTIVE,
    WRONG_ACTION,
    ApiError,
    bad_request,
)
from .params import ApiRequest
from .updates import DEFAULT_ALLOWED

CHAT_ACTIONS = frozenset(
    {
        "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
        "upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note",
    }
)
MAX_CALLBACK_ANSWER = 200
_COMMAND = re.compile(r"^[a-z0-9_]{1,32}$")


async def get_me(core: StubCore, req: ApiRequest) -> dict[str, Any]:
    return core.get_me()


async def always_true(core: StubCore, req: ApiRequest) -> bool:
    return True


async def get_updates(core: StubCore, req: ApiRequest) -> list[dict[str, Any]]:
    if core.webhook_url:
        raise ApiError(409, WEBHOOK_ACTIVE)
    limit = min(max(req.integer("limit", 100) or 100, 1), 100)
    allowed = req.nested("allowed_updates", error="Bad Request: can't parse allowed_updates JSON object")
    return await core.updates.poll(req.integer("offset"), limit, float(req.integer("timeout", 0) or 0), allowed)


async def delete_webhook(core: StubCore, req: ApiRequest) -> bool:
    await core.webhook.configure("", None, None)
    if req.flag("drop_pending_updates"):
        core.updates.drop_all()
    return True


async def set_webhook(core: StubCore, req: ApiRequest) -> bool:
    """Register the URL; from now on pending updates are pushed to it (tests/stubapi/webhook.py)."""
    if req.flag("drop_pending_updates"):
        core.updates.drop_all()
    allowed = req.nested("allowed_updates", error="Bad Request: can't parse allowed_updates JSON object")
    core.updates.set_allowed(allowed)
    await core.webhook.configure(req.text("url") or "", req.text("secret_token"),
                                 req.integer("max_connections", error="Bad Request: bad max_connections"))
    return True


async def get_webhook_info(core: StubCore, req: ApiRequest) -> dict[str, Any]:
    info = core.webhook.info()
    if info["url"] and core.updates.allowed != DEFAULT_ALLOWED:
        info["allowed_updates"] = sorted(core.updates.allowed)
    return info


def _commands_key(req: ApiRequest) -> tuple[str, str]:
    scope = req.nested("scope", error="Bad Request: can't parse BotCommandScope JSON object") or {}
    return scope.get("type", "default"), req.text("language_code") or ""


async def set_my_commands(core: StubCore, req: ApiRequest) -> bool:
    commands = req.nested("commands", error="Bad Request: can't parse commands JSON object")
    if not isinstance(commands, list) or len(commands) > 100:
        raise bad_request("Bad Request: commands must be an Array of at most 100 BotCommand")
    for command in commands:
        if not isinstance(command, dict) or not _COMMAND.match(str(command.get("command", ""))):
            raise bad_request(BOT_COMMAND_INVALID)
        description = command.get("description")
        if not isinstance(description, str) or not 1 <= len(description.strip()) <= 256:
            raise bad_request(BOT_COMMAND_DESCRIPTION_INVALID)
    core.commands[_commands_key(req)] = [
        {"command": c["command"], "description": c["description"]} for c in commands
    ]
    return True


async def get_my_commands(core: StubCore, req: ApiRequest) -> list[dict[str, str]]:
    return core.commands.get(_commands_key(req), [])


async def delete_my_commands(core: StubCore, req: ApiRequest) -> bool:
    core.commands.pop(_commands_key(req), None)
    return True


async def send_chat_action(core: StubCore, req: ApiRequest) -> bool:
    chat = core.writable_chat(req)
    action = req.text("action") or ""
    if action not in CHAT_ACTIONS:
        raise bad_request(WRONG_ACTION)
    chat.chat_actions.append(action)
    return True


async def answer_callback_query(core: StubCore, req: ApiRequest) -> bool:
    query = core.callbacks.get(req.text("callback_query_id") or "")
    if query is None or query.answered:
        raise bad_request(QUERY_TOO_OLD)
    if core.callback_ttl is not None and time.monotonic() - query.sent_at > core.callback_ttl:
        raise bad_request(QUERY_TOO_OLD)
    text = req.text("text")
    if text is not None and len(text) > MAX_CALLBACK_ANSWER:
        raise bad_request("Bad Request: MESSAGE_TOO_LONG")
    query.answered = True
    query.answer_text = text
    query.show_alert = req.flag("show_alert")
    query.answer_url = req.text("url")
    return True


async def get_chat(core: StubCore, req: ApiRequest) -> dict[str, Any]:
    chat = core.known_chat(req)
    return {**chat.user.private_chat(), "accent_color_id": 0, "max_reaction_count": 11}


METHODS = {
    "getme": get_me,
    "getupdates": get_updates,
    "deletewebhook": delete_webhook,
    "setwebhook": set_webhook,
    "getwebhookinfo": get_webhook_info,
    "setmycommands": set_my_commands,
    "getmycommands": get_my_commands,
    "deletemycommands": delete_my_commands,
    "setmydescription": always_true,
    "setmyshortdescription": always_true,
    "setmyname": always_true,
    "setchatmenubutton": always_true,
    "logout": always_true,
    "close": always_true,
    "sendchataction": send_chat_action,
    "answercallbackquery": answer_callback_query,
    "getchat": get_chat,
}
