"""Plays attempts the way a user does: reads the question keyboard and taps by label, or types a number."""

from __future__ import annotations

import random

from sqlalchemy import select

from db.models import AttemptQuestion
from services.attestation.engine.instance import QuestionInstance
from services.attestation.engine.render import button_labels
from tests.dispatcher.conftest import Chatter

DONE = "Готово ✔"


def exact_button(chatter: Chatter, label: str) -> str:
    """The callback data of the button labelled exactly `label` (options may contain one another's text)."""
    markup = chatter.last_markup()
    assert markup is not None, "the message has no keyboard"
    for row in markup.inline_keyboard:
        for button in row:
            if button.text == label and button.callback_data is not None:
                return button.callback_data
    raise AssertionError(f"no button {label!r} in {[b.text for r in markup.inline_keyboard for b in r]}")


async def instance_at(session_factory, attempt_id: int, position: int) -> QuestionInstance:  # type: ignore[no-untyped-def]
    async with session_factory() as session:
        row = (await session.execute(select(AttemptQuestion).where(
            AttemptQuestion.attempt_id == attempt_id, AttemptQuestion.position == position))).scalar_one()
    return QuestionInstance.from_dict(row.instance)


def option_label(inst: QuestionInstance, k: int) -> str:
    """The label of choice `k` while it is not yet picked (a picked one carries a mark)."""
    return button_labels(inst)[k]


async def answer_current(chatter: Chatter, session_factory, attempt_id: int, position: int,  # type: ignore[no-untyped-def]
                         right: bool, rng: random.Random) -> None:
    """Answer the question at `position` correctly or not."""
    inst = await instance_at(session_factory, attempt_id, position)

    async def tap(k: int) -> None:
        await chatter.press(exact_button(chatter, option_label(inst, k)))

    if inst.type == "numeric":
        value = inst.answer if right else (inst.answer or 0) * 3 + 17
        await chatter.send(f"{value:.2f}".replace(".", ","))
        return
    if inst.type == "single":
        wrong = [k for k in range(len(inst.choices)) if k not in inst.correct]
        await tap(inst.correct[0] if right else rng.choice(wrong))
        return
    if inst.type == "multiple":
        chosen = list(inst.correct) if right else [k for k in range(len(inst.choices)) if k not in inst.correct][:1]
        for k in chosen:
            await tap(k)
        await chatter.press(exact_button(chatter, DONE))
        return
    # ordering and matching: the full sequence; a wrong one swaps the first two
    sequence = list(inst.correct)
    if not right:
        sequence[0], sequence[1] = sequence[1], sequence[0]
    for k in sequence:
        await tap(k)
