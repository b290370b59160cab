"""One validation for every way a question comes in (the chat editor, XLSX, GIFT, Aiken): the quiz engine's own
rules (the same pydantic models the built-in topics pass) plus what a Telegram message can show.

`problems(body)` lists every problem at once, in words for the owner; `engine_question` turns a valid body into
the engine's question object, so an own question is drawn, shown and graded by exactly the built-in code.
"""

from __future__ import annotations

import html
import math
import re
from typing import Any

from pydantic import ValidationError

from services.attestation.engine.content import (
    MATCHING_PAIRS,
    ORDERING_ITEMS,
    PLACEHOLDER,
    AnyQuestion,
    MatchingQuestion,
    MultipleQuestion,
    NumericQuestion,
    OrderingQuestion,
    SingleQuestion,
)
from services.attestation.engine.grading import feedback_text, grade
from services.attestation.engine.instance import make_instance
from services.attestation.engine.render import question_text
from services.attestation.own.engine.model import (
    CHOICE_TYPES,
    MATCHING,
    MULTIPLE,
    NUMERIC,
    ORDERING,
    SINGLE,
    TYPES,
    QuestionBody,
)
from services.texts import t

# What a Telegram message and button can show. A message holds 4096 characters; the question message also carries
# its header, long options as a numbered list and the answer hint, so each part gets a share and the whole
# rendered message is measured too.
MESSAGE_MAX = 4096
TOPIC_TITLE_MAX = 60  # a button label, and the header of every question of the topic
TITLE_MAX = 100
TEXT_MAX = 1000
OPTION_MAX = 200  # longer than a button shows (30): such options go into the message as a numbered list
WHY_MAX = 300
EXPLANATION_MAX = 1500
CARD_MAX = 3000
OPTIONS = (2, 8)
NUMBER_MAX = 1e12
MATCH_ARROW = "->"  # GIFT's and the XLSX template's pair separator: a left side cannot contain it
_PLACEHOLDER_EXPLANATION = "-"  # the engine wants an explanation; an own question may have none
_TAGS = re.compile(r"<[^>]+>")

_ENGINE_MODELS: dict[str, Any] = {SINGLE: SingleQuestion, MULTIPLE: MultipleQuestion, NUMERIC: NumericQuestion,
                                  ORDERING: OrderingQuestion, MATCHING: MatchingQuestion}


def _too_long(what_key: str, limit: int, length: int) -> str:
    return t("bank-err-too-long", what=t(what_key), limit=limit, length=length)


def _repeated(texts: list[str]) -> str | None:
    seen: set[str] = set()
    for text in texts:
        key = text.casefold()
        if key in seen:
            return text
        seen.add(key)
    return None


def _choice_problems(body: QuestionBody) -> list[str]:
    found = []
    low, high = OPTIONS
    if len(body.options) < low:
        found.append(t("bank-err-few-options", low=low))
    if len(body.options) > high:
        found.append(t("bank-err-many-options", high=high, count=len(body.options)))
    for number, option in enumerate(body.options, start=1):
        if not option.text:
            found.append(t("bank-err-empty-option", number=number))
        elif len(option.text) > OPTION_MAX:
            found.append(_too_long("bank-what-option", OPTION_MAX, len(option.text)))
        if len(option.why) > WHY_MAX:
            found.append(_too_long("bank-what-why", WHY_MAX, len(option.why)))
    repeated = _repeated([o.text for o in body.options if o.text])
    if repeated:
        found.append(t("bank-err-repeated-option", text=repeated))
    marked = body.correct_count
    if marked == 0:
        found.append(t("bank-err-no-correct"))
    elif body.type == SINGLE and marked > 1:
        found.append(t("bank-err-single-several", marked=marked))
    elif body.type == MULTIPLE and marked == len(body.options):
        found.append(t("bank-err-all-correct"))
    return found


def _numeric_problems(body: QuestionBody) -> list[str]:
    # The engine fills «{name}» in a number question's texts from its generator: an own question has none.
    found = [t("bank-err-braces", found=m.group(0)) for text in (body.text, body.explanation)
             for m in PLACEHOLDER.finditer(text)][:1]
    if body.answer is None:
        return [*found, t("bank-err-no-number")]
    if not math.isfinite(body.answer) or abs(body.answer) > NUMBER_MAX:
        found.append(t("bank-err-bad-number"))
    if not math.isfinite(body.tolerance) or body.tolerance < 0 or body.tolerance > NUMBER_MAX:
        found.append(t("bank-err-bad-tolerance"))
    return found


def _list_problems(texts: list[str], what_key: str) -> list[str]:
    found = []
    for number, text in enumerate(texts, start=1):
        if not text:
            found.append(t("bank-err-empty-item", what=t(what_key), number=number))
        elif len(text) > OPTION_MAX:
            found.append(_too_long(what_key, OPTION_MAX, len(text)))
    repeated = _repeated([text for text in texts if text])
    if repeated:
        found.append(t("bank-err-repeated-item", what=t(what_key), text=repeated))
    return found


def _ordering_problems(body: QuestionBody) -> list[str]:
    low, high = ORDERING_ITEMS
    found = [] if low <= len(body.items) <= high else [t("bank-err-ordering-size", low=low, high=high,
                                                           count=len(body.items))]
    return found + _list_problems(list(body.items), "bank-what-step")


def _matching_problems(body: QuestionBody) -> list[str]:
    low, high = MATCHING_PAIRS
    found = [] if low <= len(body.pairs) <= high else [t("bank-err-matching-size", low=low, high=high,
                                                           count=len(body.pairs))]
    found += _list_problems([p.left for p in body.pairs], "bank-what-left")
    found += _list_problems([p.right for p in body.pairs], "bank-what-right")
    if any(MATCH_ARROW in p.left for p in body.pairs):
        found.append(t("bank-err-arrow-in-left", arrow=MATCH_ARROW))
    return found


_TYPE_CHECKS = {SINGLE: _choice_problems, MULTIPLE: _choice_problems, NUMERIC: _numeric_problems,
                ORDERING: _ordering_problems, MATCHING: _matching_problems}


def problems(body: QuestionBody) -> list[str]:
    """Every problem of a (normalized) question, in words for the owner; [] when it can be saved."""
    if body.type not in TYPES:
        return [t("bank-err-unknown-type")]
    found = []
    if not body.text:
        found.append(t("bank-err-no-text"))
    elif len(body.text) > TEXT_MAX:
        found.append(_too_long("bank-what-text", TEXT_MAX, len(body.text)))
    if len(body.title) > TITLE_MAX:
        found.append(_too_long("bank-what-title", TITLE_MAX, len(body.title)))
    if len(body.explanation) > EXPLANATION_MAX:
        found.append(_too_long("bank-what-explanation", EXPLANATION_MAX, len(body.explanation)))
    found += _TYPE_CHECKS[body.type](body)
    if found:
        return found
    try:
        question = engine_question(body, "check")
    except ValidationError as exc:  # a rule of the engine this module does not spell out
        return [_engine_message(error) for error in exc.errors()]
    return _length_problems(question)


def _engine_message(error: Any) -> str:
    if error.get("type") == "value_error":
        return str(error["ctx"]["error"])
    return str(error.get("msg", ""))


def engine_question(body: QuestionBody, question_id: str) -> AnyQuestion:
    """The quiz engine's question for a body (raises pydantic's ValidationError on a rule the engine enforces)."""
    data: dict[str, Any] = {"id": question_id, "type": body.type, "text": body.text,
                            "explanation": body.explanation or _PLACEHOLDER_EXPLANATION}
    if body.type in CHOICE_TYPES:
        data["options"] = [{"text": o.text, "correct": o.correct, "why": o.why or None} for o in body.options]
    elif body.type == NUMERIC:
        data["answer"] = float(body.answer if body.answer is not None else 0.0)
        data["tolerance"] = float(body.tolerance)
    elif body.type == ORDERING:
        data["items"] = list(body.items)
    else:
        data["pairs"] = [{"left": p.left, "right": p.right} for p in body.pairs]
    question = _ENGINE_MODELS[body.type].model_validate(data)
    return question if body.explanation else question.model_copy(update={"explanation": ""})


def plain_length(html_text: str) -> int:
    """How many characters Telegram counts in an HTML message: tags dropped, entities as one character."""
    return len(html.unescape(_TAGS.sub("", html_text)))


def _length_problems(question: AnyQuestion) -> list[str]:
    """The question message and the feedback after a wrong answer, at their longest, must fit a message."""
    instance = make_instance(question, 0)
    size = len(instance.choices)
    everything = list(range(size))
    longest_title = "x" * TOPIC_TITLE_MAX
    shown = max(plain_length(question_text(instance, 99, 99, topic_title=longest_title, picked=picked))
                for picked in ([], everything[:-1] if size else []))
    wrong: Any = {"single": next((k for k in everything if k not in instance.correct), 0),
                  "multiple": everything, "numeric": "0", "ordering": everything[::-1],
                  "matching": everything[::-1]}[question.type]
    header = question_text(instance, 99, 99, topic_title=longest_title).split("\n\n")[0]
    feedback = plain_length(f"{header}\n\n{feedback_text(instance, grade(instance, wrong))}")
    longest = max(shown, feedback)
    return [t("bank-err-message-too-long", length=longest, limit=MESSAGE_MAX)] if longest > MESSAGE_MAX else []
