"""A question as one user sees it in one attempt: shuffled, with generated numbers, self-contained.

The instance keeps every text it shows, so grading and feedback never need the bank again and an
attempt stored as JSON stays gradable even after the content file changes.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from services.attestation.engine.content import (
    PLACEHOLDER,
    AnyQuestion,
    MatchingQuestion,
    MultipleQuestion,
    NumericQuestion,
    OrderingQuestion,
    SingleQuestion,
    parse_percent_tolerance,
)
from services.attestation.engine.formatting import format_number
from services.attestation.engine.generators import GENERATORS


@dataclass(frozen=True)
class QuestionInstance:
    question_id: str
    topic_id: str
    type: str  # single | multiple | numeric | ordering | matching
    seed: int
    text: str  # plain text with placeholders filled; rendering escapes it
    explanation: str
    # Display order: choices[k] is the text of original option/item/right side order[k].
    choices: tuple[str, ...] = ()
    order: tuple[int, ...] = ()
    whys: tuple[str | None, ...] = ()  # per displayed choice (single/multiple)
    lefts: tuple[str, ...] = ()  # matching: left side, in content order
    # The correct answer in display indices: single → (i,), multiple → sorted indices,
    # ordering → display indices in the right order, matching → for each left the display index of its right.
    correct: tuple[int, ...] = ()
    answer: float | None = None  # numeric
    tolerance: float | None = None  # numeric, absolute
    unit: str | None = None
    values: dict[str, str] = field(default_factory=dict)  # generated placeholder values

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> QuestionInstance:
        # Keys this version does not know are dropped, so an attempt stored by a newer build still loads.
        known = {f.name for f in fields(cls)}
        data = {key: value for key, value in data.items() if key in known}
        for name in ("choices", "order", "whys", "lefts", "correct"):
            data[name] = tuple(data.get(name) or ())
        data["values"] = dict(data.get("values") or {})
        return cls(**data)


def fill(template: str, values: dict[str, str]) -> str:
    """Replace {name} with a value; braces that are not placeholders stay as written."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def _shuffle_out_of_order(rng: random.Random, size: int) -> tuple[int, ...]:
    """A shuffled order that is never the original one, so it does not give the answer away."""
    order = list(range(size))
    for _ in range(20):
        rng.shuffle(order)
        if order != sorted(order):
            return tuple(order)
    return tuple(order[1:] + order[:1])  # a rotation: still random-looking, never the identity


def _shuffled(rng: random.Random, size: int) -> tuple[int, ...]:
    order = list(range(size))
    rng.shuffle(order)
    return tuple(order)


def _base(question: AnyQuestion, seed: int) -> dict[str, Any]:
    return {"question_id": question.id, "topic_id": question.topic_id, "type": question.type, "seed": seed,
            "text": question.text, "explanation": question.explanation}


def _choice_instance(question: SingleQuestion | MultipleQuestion, seed: int,
                     rng: random.Random) -> QuestionInstance:
    order = _shuffled(rng, len(question.options))
    options = [question.options[i] for i in order]
    return QuestionInstance(
        **_base(question, seed),
        choices=tuple(o.text for o in options),
        order=order,
        whys=tuple(o.why for o in options),
        correct=tuple(k for k, o in enumerate(options) if o.correct),
    )


def _numeric_instance(question: NumericQuestion, seed: int, rng: random.Random) -> QuestionInstance:
    if question.generator:
        generated = GENERATORS[question.generator].generate(rng, question.params)
        values, answer = generated.values, generated.answer
    else:
        answer = float(question.answer or 0)
        values = {"answer": format_number(answer)}
    share = parse_percent_tolerance(question.tolerance)
    tolerance = abs(answer) * share / 100 if share is not None else float(question.tolerance)
    base = _base(question, seed)
    base.update(text=fill(question.text, values), explanation=fill(question.explanation, values))
    return QuestionInstance(**base, answer=answer, tolerance=tolerance, unit=question.unit, values=values)


def _ordering_instance(question: OrderingQuestion, seed: int, rng: random.Random) -> QuestionInstance:
    order = _shuffle_out_of_order(rng, len(question.items))
    return QuestionInstance(
        **_base(question, seed),
        choices=tuple(question.items[i] for i in order),
        order=order,
        correct=tuple(order.index(i) for i in range(len(order))),
    )


def _matching_instance(question: MatchingQuestion, seed: int, rng: random.Random) -> QuestionInstance:
    order = _shuffle_out_of_order(rng, len(question.pairs))
    return QuestionInstance(
        **_base(question, seed),
        choices=tuple(question.pairs[i].right for i in order),
        order=order,
        lefts=tuple(p.left for p in question.pairs),
        correct=tuple(order.index(i) for i in range(len(order))),
    )


def make_instance(question: AnyQuestion, seed: int) -> QuestionInstance:
    """The instance of `question` for an attempt seed: the same seed always gives the same instance."""
    # The question id is part of the seed so one attempt seed shuffles each question differently.
    rng = random.Random(f"{question.id}:{seed}")
    if isinstance(question, SingleQuestion | MultipleQuestion):
        return _choice_instance(question, seed, rng)
    if isinstance(question, NumericQuestion):
        return _numeric_instance(question, seed, rng)
    if isinstance(question, OrderingQuestion):
        return _ordering_instance(question, seed, rng)
    return _matching_instance(question, seed, rng)
