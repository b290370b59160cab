"""Moodle's Aiken format: single-choice questions, one after another.

    Какой сегмент звонить первым?
    A) Лучшие
    B. Уходящие ценные
    ANSWER: B

The question text is every line before the first option (so it may take several lines); an option is a capital
letter (Latin, or Cyrillic for files typed in Russian) with «.» or «)» and a space; «ANSWER: X» (or «ОТВЕТ: X»)
names the right one and ends the question (the words are content: content/bank/template.yaml). Aiken has no
topics: the questions go to the topic the import is for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from services.attestation.engine.typed_input import typed_input
from services.attestation.own.engine.model import SINGLE, Option, ParsedQuestion, ParseResult, QuestionBody
from services.attestation.own.engine.template import template
from services.texts import t

_OPTION = re.compile(r"^([A-Z\u0410-\u042f\u0401])[.)]\s+(.*)$")  # a Latin or Cyrillic capital


def answer_words() -> str:
    """The words that start the answer line (content/bank/template.yaml), as a regex alternation."""
    return "|".join(re.escape(word) for word in template().aiken_answer_words)


def _answer_line() -> re.Pattern[str]:
    return re.compile(rf"^(?:{answer_words()})\s*:\s*(.*)$", re.IGNORECASE)


@dataclass
class _Draft:
    line: int
    text: list[str] = field(default_factory=list)
    letters: list[str] = field(default_factory=list)
    options: list[str] = field(default_factory=list)


def parse_aiken(source: str) -> ParseResult:
    """Every question of an Aiken text, or every error found (each with its question number and line)."""
    result = ParseResult()
    draft: _Draft | None = None
    number = 0

    def unfinished(d: _Draft) -> None:
        problem = t("bank-aiken-no-answer") if d.options else t("bank-aiken-no-options")
        result.error(d.line, t("bank-at-question", number=number, line=d.line, problem=problem))

    answer_line = _answer_line()
    for line_number, raw in enumerate(source.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        line = raw.strip()
        if not line:
            continue
        answer = answer_line.match(line)
        option = _OPTION.match(line)
        if draft is None:
            if answer or option:
                number += 1
                problem = t("bank-aiken-no-question")
                result.error(line_number, t("bank-at-question", number=number, line=line_number, problem=problem))
                continue
            number += 1
            draft = _Draft(line_number, [line])
        elif answer:
            _finish(result, draft, number, answer.group(1).strip(), line_number)
            draft = None
        elif option:
            draft.letters.append(option.group(1))
            draft.options.append(option.group(2))
        elif draft.options:  # text after the options but no ANSWER: the next question has begun
            unfinished(draft)
            number += 1
            draft = _Draft(line_number, [line])
        else:
            draft.text.append(line)
    if draft is not None:
        unfinished(draft)
    return result


def _letter(text: str) -> str:
    """A letter as compared: a Cyrillic look-alike («А», «В», «С» …) reads as its Latin twin."""
    letter = text[:1].upper()
    return typed_input().code_lookalikes.get(letter, letter)


def _finish(result: ParseResult, draft: _Draft, number: int, answer: str, line: int) -> None:
    letter = _letter(answer)
    marks = [_letter(mark) for mark in draft.letters]
    if not draft.options:
        result.error(draft.line, t("bank-at-question", number=number, line=draft.line,
                                   problem=t("bank-aiken-no-options")))
        return
    if letter not in marks:
        result.error(line, t("bank-at-question", number=number, line=line,
                             problem=t("bank-aiken-bad-answer", answer=answer or "—",
                                       letters=", ".join(draft.letters))))
        return
    options = tuple(Option(text, letter == mark) for mark, text in zip(marks, draft.options, strict=True))
    body = QuestionBody(SINGLE, "\n".join(draft.text), options=options)
    result.questions.append(ParsedQuestion("", body.normalized(), draft.line, number))
