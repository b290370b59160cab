"""What a test does as a Telegram user: write, send files and stickers, press buttons, block the bot."""

from __future__ import annotations

import mimetypes
import re
import secrets
from typing import Any

from .core import StubCore
from .html_check import utf16_len
from .state import CallbackQuery, Chat, ChatMessage, SimUser, now

# tdlib's bot command rule: "/" not glued to a word, 1–64 command characters, optional @botname.
_BOT_COMMAND = re.compile(r"(?<![\w/<>])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\w/<>])")


def command_entities(text: str) -> list[dict[str, Any]]:
    return [
        {"type": "bot_command", "offset": utf16_len(text[: m.start()]), "length": utf16_len(m.group())}
        for m in _BOT_COMMAND.finditer(text)
    ]


class UserSimulation:
    """Mixed into StubBotApi; every action queues the update Telegram would deliver to the bot."""

    core: StubCore

    def user(self, id: int, first_name: str, username: str | None = None, language_code: str | None = "ru",
             last_name: str | None = None) -> SimUser:
        sim = SimUser(id=id, first_name=first_name, username=username, language_code=language_code,
                      last_name=last_name)
        self.core.add_user(sim)
        return sim

    def chat(self, user_or_id: SimUser | int) -> Chat:
        chat_id = user_or_id.id if isinstance(user_or_id, SimUser) else int(user_or_id)
        chat = self.core.chats.get(chat_id)
        if chat is None:
            raise AssertionError(f"no simulated user {chat_id}; create one with stub.user(...)")
        return chat

    def _begin_action(self, user: SimUser) -> Chat:
        chat = self.chat(user)
        if chat.blocked:
            # Writing to a bot you blocked unblocks it in every Telegram client.
            self._set_blocked(chat, False)
        chat.started = True
        chat.action_mark = chat.next_message_id - 1
        chat.action_seq = self.core.next_seq()
        return chat

    def _user_message(self, user: SimUser, **content: Any) -> ChatMessage:
        chat = self._begin_action(user)
        message = self.core.add_message(chat, from_bot=False, **content)
        self.core.updates.push({"message": self.core.message_to_api(message)})
        self.core.notify()
        return message

    def send_text(self, user: SimUser, text: str, *, reply_to: int | None = None) -> ChatMessage:
        return self._user_message(user, text=text, entities=command_entities(text), reply_to_message_id=reply_to)

    def send_sticker(self, user: SimUser, emoji: str = "👍") -> ChatMessage:
        sticker = self.core.files.add(
            "sticker", secrets.token_bytes(512), mime_type="image/webp", width=512, height=512,
            extra={"type": "regular", "is_animated": False, "is_video": False, "emoji": emoji},
        )
        return self._user_message(user, sticker=sticker)

    def send_document(self, user: SimUser, data: bytes, file_name: str, mime_type: str | None = None,
                      caption: str | None = None) -> ChatMessage:
        mime = mime_type or mimetypes.guess_type(file_name)[0] or "application/octet-stream"
        document = self.core.files.add("document", data, file_name=file_name, mime_type=mime)
        return self._user_message(user, document=document, caption=caption)

    def send_voice(self, user: SimUser, data: bytes, duration: int) -> ChatMessage:
        voice = self.core.files.add("voice", data, mime_type="audio/ogg", duration=duration)
        return self._user_message(user, voice=voice)

    def press(self, user: SimUser, message: ChatMessage | int, button: str) -> CallbackQuery:
        """Tap an inline button (matched by its text, else by callback_data) of a message the bot sent."""
        chat = self.chat(user)
        message_id = message.message_id if isinstance(message, ChatMessage) else int(message)
        current = chat.messages.get(message_id)
        if current is None or not current.from_bot:
            raise AssertionError(f"message {message_id} in chat {chat.id} is not a message from the bot")
        if current.deleted:
            raise AssertionError(f"message {message_id} was deleted; its buttons can't be pressed")
        found = current.find_button(button)
        if found is None:
            raise AssertionError(
                f"no button {button!r} on message {message_id} ({current.shown_text[:60]!r}); "
                f"buttons: {current.button_labels()}"
            )
        if found.get("callback_data") is None:
            raise AssertionError(f"button {button!r} has no callback_data (it is {sorted(found)}); can't press it")
        self._begin_action(user)
        return self._push_callback(user, chat, current, found["callback_data"])

    def delete_for_both(self, user: SimUser, message: ChatMessage | int) -> None:
        """The user deletes a message from the private chat for both sides (Telegram tells the bot nothing;
        an edit of it then answers «message to edit not found»)."""
        chat = self.chat(user)
        current = chat.messages.get(message.message_id if isinstance(message, ChatMessage) else int(message))
        if current is None or current.deleted:
            raise AssertionError(f"no message {message!r} to delete in chat {chat.id}")
        current.deleted = True
        current.last_change_seq = self.core.next_seq()
        self.core.notify()

    def press_forged(self, user: SimUser, message: ChatMessage, data: str) -> CallbackQuery:
        """A callback with data the user was never given (a modified client), on a message in his own chat."""
        return self._push_callback(user, self.chat(user), message, data)

    def _push_callback(self, user: SimUser, chat: Chat, message: ChatMessage, data: str) -> CallbackQuery:
        query = CallbackQuery(id=self.core.new_callback_id(), user_id=user.id, chat_id=chat.id,
                              message_id=message.message_id, data=data, sent_at=now()[0])
        self.core.callbacks[query.id] = query
        self.core.updates.push({"callback_query": {
            "id": query.id,
            "from": user.as_api(),
            "message": self.core.message_to_api(message),
            "chat_instance": str(-(chat.id * 7919 % 10**18)),
            "data": query.data,
        }})
        self.core.notify()
        return query

    def raw_update(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Queue any update as given (an update_id is added unless present): for forged or odd updates."""
        update = self.core.updates.push(payload)
        self.core.notify()
        return update

    def block_user(self, user_or_id: SimUser | int) -> None:
        """The user blocks the bot: later sends fail with 403 and a my_chat_member update is queued."""
        self._set_blocked(self.chat(user_or_id), True)

    def unblock_user(self, user_or_id: SimUser | int) -> None:
        self._set_blocked(self.chat(user_or_id), False)

    def _set_blocked(self, chat: Chat, blocked: bool) -> None:
        chat.blocked = blocked
        bot = self.core.bot_user()
        member = {"user": bot, "status": "member"}
        kicked = {"user": bot, "status": "kicked", "until_date": 0}
        self.core.updates.push({"my_chat_member": {
            "chat": chat.user.private_chat(), "from": chat.user.as_api(), "date": now()[1],
            "old_chat_member": member if blocked else kicked,
            "new_chat_member": kicked if blocked else member,
        }})
        self.core.notify()
