"""Plays quiz questions through the stub as a user who knows (or misses) the answer.

The right answer is read from the bot's own database (the instance stored for the attempt), the way a
knowledgeable manager would know it; everything else goes through Telegram-like actions only.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.exc import NoResultFound

from services.attestation.engine.instance import QuestionInstance
from services.attestation.engine.render import button_labels
from tests.databases import connect
from tests.stubapi import ChatMessage, SimUser, StubBotApi

DONE = "Готово ✔"


@dataclass(frozen=True)
class StoredQuestion:
    attempt_id: int
    position: int
    total: int
    instance: dict


def current_question(database_url: str, user_id: int) -> StoredQuestion:
    with connect(database_url) as conn:
        attempt_id, position, total = conn.execute(text(
            "select id, current_index, total from attempts where user_id = :user and status = 'active' "
            "order by id desc limit 1"), {"user": user_id}).one()
        instance = conn.execute(text(
            "select instance from attempt_questions where attempt_id = :attempt and position = :position"),
            {"attempt": attempt_id, "position": position}).scalar_one()
    # SQLite hands JSON back as text, PostgreSQL as the decoded object.
    return StoredQuestion(attempt_id, position, total, json.loads(instance) if isinstance(instance, str) else instance)


def question_message(stub: StubBotApi, user: SimUser, q: StoredQuestion) -> ChatMessage:
    header = f"Вопрос {q.position + 1}/{q.total}"
    for message in reversed(stub.bot_messages(user.id)):
        if header in message.shown_text:
            return message
    raise AssertionError(f"no message shows {header!r}\n{stub.transcript(user.id)}")


async def wait_question(stub: StubBotApi, user: SimUser, database_url: str, position: int,
                        timeout: float = 10.0) -> StoredQuestion:
    """Question `position` (0-based) of the user's active attempt once the bot has stored it and shown it."""
    def shown() -> StoredQuestion | None:
        try:
            q = current_question(database_url, user.id)
        except NoResultFound:  # the attempt is not stored yet
            return None
        header = f"Вопрос {q.position + 1}/{q.total}"
        if q.position == position and any(header in m.shown_text for m in stub.bot_messages(user.id)):
            return q
        return None

    return await stub.wait_for(shown, timeout, f"question {position + 1} to be stored and shown", user.id)


async def answer(stub: StubBotApi, user: SimUser, q: StoredQuestion, right: bool, rng: random.Random,
                 timeout: float = 10.0) -> ChatMessage:
    """Answer question `q`; returns the message that shows the outcome (edited question or a new one)."""
    inst = q.instance
    message = question_message(stub, user, q)
    if inst["type"] == "numeric":
        value = inst["answer"] if right else inst["answer"] * 3 + 17
        stub.send_text(user, f"{value:.2f}".replace(".", ","))
        return await stub.wait_message(user.id, timeout=timeout)
    labels = button_labels(QuestionInstance.from_dict(inst))  # as shown before anything is picked
    taps: list[str]
    choices = len(inst["choices"])
    correct = list(inst["correct"])
    if inst["type"] == "single":
        wrong = [k for k in range(choices) if k not in correct]
        taps = [labels[correct[0] if right else rng.choice(wrong)]]
    elif inst["type"] == "multiple":
        picks = correct if right else [k for k in range(choices) if k not in correct][:1]
        taps = [labels[k] for k in picks] + [DONE]
    else:
        sequence = correct[:]
        if not right:
            sequence[0], sequence[1] = sequence[1], sequence[0]
        taps = [labels[k] for k in sequence]
    for label in taps:
        query = stub.press(user, message, label)
        await stub.wait_callback_answer(query, timeout=timeout)
        message = next(m for m in stub.bot_messages(user.id) if m.message_id == message.message_id)
    return message
