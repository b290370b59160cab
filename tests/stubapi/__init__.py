"""A stub Telegram Bot API server for end-to-end tests.

    async with StubBotApi() as stub:                     # 127.0.0.1, free port; stub.base_url, stub.token
        anna = stub.user(1001, "Анна")
        stub.send_text(anna, "/start")                   # queues the update the bot will poll
        menu = await stub.wait_message(anna.id, "Главное меню")
        stub.press(anna, menu, "Аттестация")             # by button text or callback_data
        await stub.wait_edit(anna.id, menu.message_id, contains="Вопрос 1")
        stub.assert_no_api_errors()                      # nothing Telegram would have refused

Polling (getUpdates) is the default; once the bot calls setWebhook, queued updates are POSTed to its URL with
the secret header and retried until it answers 2xx (see webhook.py; `stub.webhook_attempts` lists each POST).

Deliberate differences from Telegram, all on the strict side: a bare `&` in HTML is refused (Telegram keeps it
as text), text length is counted in UTF-16 units, and Markdown parse modes are refused (only HTML is parsed).
"""

from .html_check import HtmlParseError, ParsedText, parse_html
from .server import StubBotApi
from .state import CallbackQuery, CallRecord, Chat, ChatMessage, SimUser, StoredFile

__all__ = [
    "CallRecord",
    "CallbackQuery",
    "Chat",
    "ChatMessage",
    "HtmlParseError",
    "ParsedText",
    "SimUser",
    "StoredFile",
    "StubBotApi",
    "parse_html",
]
