"""Small steps the e2e tests share: a tap that waits for the edited message, rows straight from the bot's database."""

from __future__ import annotations

from tests.databases import query
from tests.e2e.harness import BotProcess
from tests.stubapi import ChatMessage, SimUser, StubBotApi


async def tap(stub: StubBotApi, user: SimUser, message: ChatMessage, button: str, shows: str) -> ChatMessage:
    """Press a button of a message and wait until that message, edited in place, shows `shows`."""
    pressed = stub.press(user, message, button)
    await stub.wait_callback_answer(pressed)
    return await stub.wait_edit(user.id, message.message_id, contains=shows)


def db_rows(bot: BotProcess, sql: str, **params: object) -> list[tuple]:
    return [tuple(row) for row in query(bot.database_url, sql, **params)]
