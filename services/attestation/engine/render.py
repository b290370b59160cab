"""The question message (HTML) and its button labels.

Long options are printed in the text with numbers so the buttons stay short («1», «2», …); when every
option fits on a button (≤ 30 characters) the option itself is the label.
"""

from __future__ import annotations

import html
from collections.abc import Collection, Sequence

from services.attestation.engine.instance import QuestionInstance
from services.texts import t

LABEL_MAX = 30
_UNIT_KEYS = {"%": "attest-unit-percent", "₽": "attest-unit-rouble"}
_HINT_KEYS = {
    "single": "attest-hint-single",
    "multiple": "attest-hint-multiple",
    "ordering": "attest-hint-ordering",
}
PICKED_MARK = "☑ "  # not ✅: that mark belongs to feedback, and tests count it there


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def uses_numbers(instance: QuestionInstance) -> bool:
    """True when the choices are printed in the text and the buttons only carry their numbers."""
    return any(len(choice) > LABEL_MAX for choice in instance.choices)


def button_labels(instance: QuestionInstance, picked: Collection[int] = ()) -> list[str]:
    """One label per displayed choice, in display order (none for numeric questions).

    `picked` marks choices already taken: ticked options (multiple), items already placed (ordering),
    right sides already used (matching).
    """
    if uses_numbers(instance):
        labels = [str(k) for k in range(1, len(instance.choices) + 1)]
    else:
        labels = list(instance.choices)
    return [PICKED_MARK + label if k in picked else label for k, label in enumerate(labels)]


def left_marks() -> str:
    """The letters that mark the left column of a matching question: А, Б, В …"""
    return t("attest-matching-marks")


def answer_hint(instance: QuestionInstance) -> str:
    """How to answer, in one line."""
    if instance.type in _HINT_KEYS:
        return t(_HINT_KEYS[instance.type])
    if instance.type == "matching":
        return t("attest-hint-matching", first=left_marks()[0])
    if not instance.unit:
        return t("attest-hint-numeric")
    unit_key = _UNIT_KEYS.get(instance.unit)
    unit = t(unit_key) if unit_key else f"({instance.unit})"
    return t("attest-hint-numeric-unit", unit=unit)


def _numbered(choices: Sequence[str]) -> list[str]:
    return [f"{k}. {_esc(choice)}" for k, choice in enumerate(choices, start=1)]


def _body(instance: QuestionInstance) -> list[str]:
    lines: list[str] = []
    if instance.type == "matching":
        marks = left_marks()
        lines.extend(f"{marks[k]}. {_esc(left)}" for k, left in enumerate(instance.lefts))
        if uses_numbers(instance):
            lines.append("")
            lines.append(t("attest-question-choices"))
            lines.extend(_numbered(instance.choices))
    elif instance.choices and uses_numbers(instance):
        lines.extend(_numbered(instance.choices))
    return lines


def _label(instance: QuestionInstance, index: int) -> str:
    return str(index + 1) if uses_numbers(instance) else instance.choices[index]


def partial_answer_text(instance: QuestionInstance, picked: Sequence[int]) -> str:
    """The answer built so far (HTML): ticked options, the order tapped, the pairs chosen."""
    if instance.type == "multiple":
        if not picked:
            return ""
        return t("attest-progress-ticked", labels=", ".join(_esc(_label(instance, k)) for k in sorted(picked)))
    if instance.type == "ordering":
        if not picked:
            return ""
        lines = [t("attest-progress-order")]
        lines.extend(f"{n}. {_esc(instance.choices[k])}" for n, k in enumerate(picked, start=1))
        left = len(instance.choices) - len(picked)
        if left:
            lines.append(t("attest-progress-left", count=left))
        return "\n".join(lines)
    if instance.type == "matching":
        lines = []
        marks = left_marks()
        for k, left in enumerate(instance.lefts):
            mark = marks[k]
            if k < len(picked):
                lines.append(f"{mark}. {_esc(left)} — {_esc(instance.choices[picked[k]])}")
            elif k == len(picked):
                lines.append(f"👉 {mark}. {_esc(left)} — ?")
        return "\n".join(lines)
    return ""


def question_text(instance: QuestionInstance, number: int, total: int, *,
                  topic_title: str | None = None, picked: Sequence[int] = ()) -> str:
    """The question message (HTML): «Вопрос 7/20», the text, long options numbered, how to answer,
    and for multiple/ordering/matching the answer built so far (`picked`, as in `button_labels`)."""
    header = t("attest-question-header", number=number, total=total)
    if topic_title:
        header = t("attest-question-header-topic", header=header, topic=_esc(topic_title))
    lines = [header, "", _esc(instance.text)]
    body = _body(instance)
    if body:
        lines.append("")
        lines.extend(body)
    lines.append("")
    lines.append(f"<i>{_esc(answer_hint(instance))}</i>")
    progress = partial_answer_text(instance, picked)
    if progress:
        lines.append("")
        lines.append(progress)
    return "\n".join(lines)
