"""Grading one answer to a question instance, and the feedback message a user gets right after it.

Response forms (all plain JSON values, in display indices of the instance):
- single: the chosen index (int);
- multiple: the ticked indices (a set or list of int);
- numeric: the user's raw text (str);
- ordering: the indices in the order the user tapped them (list of int);
- matching: for each left item, the index of the right side chosen for it (list of int).
A response of the wrong shape never raises: it comes back as an invalid grade with a problem text.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from services.attestation.engine.formatting import format_number
from services.attestation.engine.instance import QuestionInstance
from services.attestation.engine.parsing import parse_number
from services.texts import t

Response = int | Iterable[int] | str

# Why an answer could not be graded (text keys): nothing is counted, the user is told and tries again.
NOT_A_NUMBER = "attest-problem-not-a-number"
NOTHING_TICKED = "attest-problem-nothing-ticked"
NO_SUCH_OPTION = "attest-problem-no-such-option"
INCOMPLETE = "attest-problem-incomplete"
PARTIAL_KEYS = {  # partial credit shown under a wrong answer
    "multiple": "attest-partial-multiple",
    "ordering": "attest-partial-ordering",
    "matching": "attest-partial-matching",
}


@dataclass(frozen=True)
class Grade:
    correct: bool
    correct_answer_text: str
    chosen_text: str
    valid: bool = True  # False: the answer could not be graded (garbage number, foreign index)
    problem: str | None = None  # why it could not be graded, to show the user
    whys: tuple[str, ...] = ()  # explanations of the wrong options the user chose
    parts_correct: int = 0  # partial credit shown in feedback; the score itself is all or nothing
    parts_total: int = 0
    value: float | None = None  # the number read from a numeric answer

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def correct_answer_text(instance: QuestionInstance) -> str:
    """The right answer as plain text (several lines for multiple, ordering and matching)."""
    if instance.type == "numeric":
        shown = instance.values.get("answer") or format_number(instance.answer or 0)
        return _with_unit(shown, instance.unit)
    if instance.type == "matching":
        return "\n".join(f"{left} — {instance.choices[k]}" for left, k in zip(instance.lefts, instance.correct,
                                                                             strict=True))
    if instance.type == "ordering":
        return "\n".join(f"{n}. {instance.choices[k]}" for n, k in enumerate(instance.correct, start=1))
    return "\n".join(instance.choices[k] for k in instance.correct)


def _with_unit(number: str, unit: str | None) -> str:
    return f"{number} {unit}" if unit else number


def _invalid(instance: QuestionInstance, problem_key: str, chosen: str = "") -> Grade:
    return Grade(correct=False, correct_answer_text=correct_answer_text(instance), chosen_text=chosen,
                 valid=False, problem=t(problem_key))


def _indices(response: Any, size: int) -> list[int] | None:
    """The response as a list of in-range indices, or None when it is not one."""
    if isinstance(response, str | bytes) or not isinstance(response, Iterable):
        return None
    items = list(response)
    if any(isinstance(i, bool) or not isinstance(i, int) or not 0 <= i < size for i in items):
        return None
    return items


def _grade_single(instance: QuestionInstance, response: Any) -> Grade:
    picked = _indices([response], len(instance.choices))
    if picked is None:
        return _invalid(instance, NO_SUCH_OPTION)
    index = picked[0]
    right = index in instance.correct
    why = instance.whys[index] if not right and instance.whys else None
    return Grade(correct=right, correct_answer_text=correct_answer_text(instance),
                 chosen_text=instance.choices[index], whys=(why,) if why else (),
                 parts_correct=int(right), parts_total=1)


def _lower_first(text: str) -> str:
    """«Это up-sell» → «это up-sell» after a dash; abbreviations like «CRM» or «BANT» stay as they are."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _grade_multiple(instance: QuestionInstance, response: Any) -> Grade:
    picked = _indices(response, len(instance.choices))
    if picked is None:
        return _invalid(instance, NO_SUCH_OPTION)
    chosen = sorted(set(picked))
    if not chosen:
        return _invalid(instance, NOTHING_TICKED)
    expected = set(instance.correct)
    wrong_picks = [k for k in chosen if k not in expected]
    whys = tuple(f"{instance.choices[k]} — {_lower_first(instance.whys[k] or '')}"
                 for k in wrong_picks if instance.whys[k])
    return Grade(correct=set(chosen) == expected, correct_answer_text=correct_answer_text(instance),
                 chosen_text="\n".join(instance.choices[k] for k in chosen), whys=whys,
                 parts_correct=len(expected.intersection(chosen)), parts_total=len(expected))


def _grade_numeric(instance: QuestionInstance, response: Any) -> Grade:
    raw = response.strip() if isinstance(response, str) else ""
    value = parse_number(raw, instance.unit) if raw else None
    if value is None:
        return _invalid(instance, NOT_A_NUMBER, raw[:60])
    # A hair of slack so 0.1 + 0.2 style float noise never fails an exact answer.
    right = abs(value - (instance.answer or 0)) <= (instance.tolerance or 0) + 1e-9
    return Grade(correct=right, correct_answer_text=correct_answer_text(instance), chosen_text=raw[:60],
                 parts_correct=int(right), parts_total=1, value=value)


def _grade_ordering(instance: QuestionInstance, response: Any) -> Grade:
    picked = _indices(response, len(instance.choices))
    if picked is None:
        return _invalid(instance, NO_SUCH_OPTION)
    if sorted(picked) != list(range(len(instance.choices))):
        return _invalid(instance, INCOMPLETE)
    in_place = sum(a == b for a, b in zip(picked, instance.correct, strict=True))
    return Grade(correct=in_place == len(picked), correct_answer_text=correct_answer_text(instance),
                 chosen_text="\n".join(f"{n}. {instance.choices[k]}" for n, k in enumerate(picked, start=1)),
                 parts_correct=in_place, parts_total=len(picked))


def _grade_matching(instance: QuestionInstance, response: Any) -> Grade:
    picked = _indices(response, len(instance.choices))
    if picked is None:
        return _invalid(instance, NO_SUCH_OPTION)
    if len(picked) != len(instance.lefts):
        return _invalid(instance, INCOMPLETE)
    matched = sum(a == b for a, b in zip(picked, instance.correct, strict=True))
    chosen = "\n".join(f"{left} — {instance.choices[k]}" for left, k in zip(instance.lefts, picked, strict=True))
    return Grade(correct=matched == len(picked), correct_answer_text=correct_answer_text(instance),
                 chosen_text=chosen, parts_correct=matched, parts_total=len(picked))


_GRADERS = {
    "single": _grade_single,
    "multiple": _grade_multiple,
    "numeric": _grade_numeric,
    "ordering": _grade_ordering,
    "matching": _grade_matching,
}


def grade(instance: QuestionInstance, response: Response) -> Grade:
    """Grade a response (see the module docstring for its form per question type)."""
    return _GRADERS[instance.type](instance, response)


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _partial_line(instance: QuestionInstance, result: Grade) -> str | None:
    if result.correct or result.parts_correct == 0 or result.parts_total < 2:
        return None
    key = PARTIAL_KEYS.get(instance.type, PARTIAL_KEYS["matching"])
    return t(key, correct=result.parts_correct, total=result.parts_total)


def feedback_text(instance: QuestionInstance, result: Grade) -> str:
    """HTML feedback: «✅ Верно» or «❌ Неверно», the right answer when wrong, why the pick was wrong,
    then the explanation. An invalid grade gives only its problem text (nothing was counted)."""
    if not result.valid:
        return t("attest-feedback-invalid", problem=_esc(result.problem or t(NOT_A_NUMBER)))
    if result.correct:
        lines = [t("attest-feedback-right")]
    else:
        lines = [t("attest-feedback-wrong")]
        if instance.type == "numeric":
            lines.append(t("attest-feedback-your-answer", answer=_esc(result.chosen_text)))
        answer = _esc(result.correct_answer_text)
        lines.append(t("attest-feedback-right-answer-block", answer=answer) if "\n" in answer
                     else t("attest-feedback-right-answer", answer=answer))
        partial = _partial_line(instance, result)
        if partial:
            lines.append(partial)
        lines.extend(f"<i>{_esc(why)}</i>" for why in result.whys)
    lines.append("")
    lines.append(_esc(instance.explanation))
    return "\n".join(lines)
