"""Plays attempts the way a user does: reads the question keyboard and taps, or types a number."""

from __future__ import annotations

import random

from aiogram.filters.callback_data import CallbackData
from sqlalchemy import select

from db.models import AttemptQuestion
from handlers.attestation.callbacks import AttemptCallback
from services.attestation.engine.instance import QuestionInstance
from tests.dispatcher.conftest import Chatter


def attempt_buttons(chatter: Chatter) -> list[AttemptCallback]:
    markup = chatter.last_markup()
    if markup is None:
        return []
    found = []
    for row in markup.inline_keyboard:
        for button in row:
            if button.callback_data and button.callback_data.startswith("qz:"):
                found.append(AttemptCallback.unpack(button.callback_data))
    return found


async def instance_at(session_factory, attempt_id: int, position: int) -> QuestionInstance:  # type: ignore[no-untyped-def]
    async with session_factory() as session:
        row = (await session.execute(select(AttemptQuestion).where(
            AttemptQuestion.attempt_id == attempt_id, AttemptQuestion.position == position))).scalar_one()
    return QuestionInstance.from_dict(row.instance)


def _press_data(cb: CallbackData) -> str:
    return cb.pack()


async def answer_current(chatter: Chatter, session_factory, attempt_id: int, position: int,  # type: ignore[no-untyped-def]
                         right: bool, rng: random.Random) -> None:
    """Answer the question at `position` correctly or not."""
    inst = await instance_at(session_factory, attempt_id, position)

    def tap(act: str, v: int = -1) -> str:
        return AttemptCallback(a=attempt_id, p=position, act=act, v=v).pack()

    if inst.type == "numeric":
        value = inst.answer if right else (inst.answer or 0) * 3 + 17
        await chatter.send(f"{value:.2f}".replace(".", ","))
        return
    if inst.type == "single":
        wrong = [k for k in range(len(inst.choices)) if k not in inst.correct]
        await chatter.press(tap("o", inst.correct[0] if right else rng.choice(wrong)))
        return
    if inst.type == "multiple":
        chosen = list(inst.correct) if right else [k for k in range(len(inst.choices)) if k not in inst.correct][:1]
        for k in chosen:
            await chatter.press(tap("o", k))
        await chatter.press(tap("d"))
        return
    # ordering and matching: the full sequence; a wrong one swaps the first two
    sequence = list(inst.correct)
    if not right:
        sequence[0], sequence[1] = sequence[1], sequence[0]
    for k in sequence:
        await chatter.press(tap("o", k))
