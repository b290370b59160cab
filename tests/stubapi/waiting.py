"""Waiting for the bot without sleeps in tests, and a readable transcript when a wait fails."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, TypeVar

from .core import StubCore
from .state import CallbackQuery, CallRecord, Chat, ChatMessage

T = TypeVar("T")
DEFAULT_TIMEOUT = 10.0
# Predicates may also look outside the stub (a database, a process); re-check them at least this often.
_RECHECK_SECONDS = 0.1


class Waiting:
    """Mixed into StubBotApi."""

    core: StubCore

    def chat(self, user_or_id: Any) -> Chat:  # provided by UserSimulation
        raise NotImplementedError

    async def wait_for(self, predicate: Callable[[], T], timeout: float = DEFAULT_TIMEOUT,
                       description: str | None = None, chat_id: int | None = None) -> T:
        """Return the predicate's first truthy value; fail with a transcript after `timeout` seconds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            changed = self.core.changed
            result = predicate()
            if result:
                return result
            remaining = deadline - loop.time()
            if remaining <= 0:
                what = description or getattr(predicate, "__name__", "condition")
                raise AssertionError(f"timed out after {timeout:g} s waiting for {what}\n{self.transcript(chat_id)}")
            try:
                await asyncio.wait_for(changed.wait(), min(remaining, _RECHECK_SECONDS))
            except TimeoutError:
                pass

    async def wait_message(self, chat_id: int, contains: str | None = None, *, after: int | None = None,
                           where: Callable[[ChatMessage], bool] | None = None,
                           timeout: float = DEFAULT_TIMEOUT) -> ChatMessage:
        """The first bot message newer than the user's latest action (or message id `after`) that shows
        `contains` and satisfies `where` (e.g. `lambda m: m.document is not None`)."""
        chat = self.chat(chat_id)

        def found() -> ChatMessage | None:
            mark = chat.action_mark if after is None else after
            for message in chat.bot_messages():
                if message.message_id <= mark or (contains is not None and contains not in message.shown_text):
                    continue
                if where is None or where(message):
                    return message
            return None

        what = f"a bot message{f' containing {contains!r}' if contains else ''} in chat {chat_id}"
        return await self.wait_for(found, timeout, what, chat_id)

    async def wait_edit(self, chat_id: int, message_id: int | None = None, contains: str | None = None, *,
                        timeout: float = DEFAULT_TIMEOUT) -> ChatMessage:
        """A bot message edited since the user's latest action, optionally a given one, showing `contains`."""
        chat = self.chat(chat_id)

        def found() -> ChatMessage | None:
            for message in chat.bot_messages():
                if message_id is not None and message.message_id != message_id:
                    continue
                if not message.edited or message.last_change_seq <= chat.action_seq:
                    continue
                if contains is None or contains in message.shown_text:
                    return message
            return None

        what = f"an edit{f' of message {message_id}' if message_id else ''}" \
               f"{f' showing {contains!r}' if contains else ''} in chat {chat_id}"
        return await self.wait_for(found, timeout, what, chat_id)

    async def wait_shown(self, chat_id: int, contains: str, *, timeout: float = DEFAULT_TIMEOUT) -> ChatMessage:
        """What the user sees after his latest action: a new bot message, or one edited in place, showing
        `contains` (navigation edits the menu message instead of posting a new one)."""
        chat = self.chat(chat_id)

        def found() -> ChatMessage | None:
            for message in chat.bot_messages():
                if contains not in message.shown_text:
                    continue
                if message.message_id > chat.action_mark or (message.edited
                                                             and message.last_change_seq > chat.action_seq):
                    return message
            return None

        return await self.wait_for(found, timeout, f"a new or edited bot message showing {contains!r}", chat_id)

    async def wait_callback_answer(self, query: CallbackQuery, timeout: float = DEFAULT_TIMEOUT) -> CallbackQuery:
        return await self.wait_for(lambda: query if query.answered else None, timeout,
                                   f"an answer to callback query {query.id} ({query.data!r})", query.chat_id)

    async def wait_call(self, method: str, *, since: int = 0, timeout: float = DEFAULT_TIMEOUT,
                        where: Callable[[CallRecord], bool] | None = None) -> CallRecord:
        """The first finished call of `method` with seq above `since` (matching `where`, if given)."""

        def found() -> CallRecord | None:
            for record in self.core.calls:
                if record.seq > since and not record.pending and record.method.lower() == method.lower() and (
                    where is None or where(record)
                ):
                    return record
            return None

        return await self.wait_for(found, timeout, f"a {method} call")

    def transcript(self, chat_id: int | None = None, last_calls: int = 15) -> str:
        """The chat(s) as the user sees them plus the latest API calls: printed when a wait fails."""
        lines: list[str] = []
        chats = [self.core.chats[chat_id]] if chat_id in self.core.chats else list(self.core.chats.values())
        for chat in chats:
            lines.append(f"--- chat {chat.id} ({chat.user.first_name}){' [blocked]' if chat.blocked else ''}")
            lines.extend(_describe(message) for message in chat.messages.values())
        lines.append(f"--- last {last_calls} API calls")
        for record in [r for r in self.core.calls if r.method.lower() != "getupdates"][-last_calls:]:
            outcome = "pending" if record.pending else ("ok" if record.ok else f"{record.status} {record.description}")
            lines.append(f"#{record.seq} {record.method} → {outcome}")
        return "\n".join(lines)


def _describe(message: ChatMessage) -> str:
    who = "bot" if message.from_bot else "user"
    parts = [f"[{message.message_id}] {who}:"]
    media = message.media
    if media is not None:
        parts.append(f"<{media.kind} {media.file_name or ''} {media.size} B>")
    text = message.shown_text.replace("\n", " ⏎ ")
    parts.append(text if len(text) <= 200 else text[:200] + "…")
    labels = message.button_labels()
    if labels:
        parts.append(f"[buttons: {' | '.join(labels)}]")
    if message.edited:
        parts.append(f"(edited ×{len(message.history)})")
    if message.deleted:
        parts.append("(deleted)")
    return " ".join(parts)
