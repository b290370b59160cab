"""The review of a finished exam: one page per wrong answer — the question, what was chosen, the right answer
and the explanation. The exam itself shows no verdicts (it is an exam); this is where a person learns from it.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any, Protocol

from services.attestation.engine.content import QuestionBank
from services.attestation.engine.grading import grade
from services.attestation.engine.instance import QuestionInstance
from services.attestation.views import ReviewPage
from services.notice import Refusal
from services.texts import t


class AnsweredRow(Protocol):
    """What a page needs of a stored question row (db.models.AttemptQuestion has these fields)."""

    position: int
    instance: dict[str, Any]
    response: dict[str, Any] | None
    correct: bool | None
    answered_at: Any


def wrong_rows(rows: Sequence[AnsweredRow]) -> list[AnsweredRow]:
    """The answered-wrong questions, in the order they were asked."""
    return sorted((r for r in rows if r.answered_at is not None and not r.correct), key=lambda r: r.position)


def review_page(attempt_id: int, rows: Sequence[AnsweredRow], bank: QuestionBank, index: int) -> ReviewPage:
    """Page `index` (clamped to the pages there are) of the review; a refusal when nothing was wrong."""
    wrong = wrong_rows(rows)
    if not wrong:
        raise Refusal(t("attest-review-none"))
    index = min(max(index, 0), len(wrong) - 1)
    text = page_text(wrong[index], number=index + 1, count=len(wrong), total=len(rows), bank=bank)
    return ReviewPage(attempt_id, index, len(wrong), text)


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _answer_line(key: str, block_key: str, answer: str) -> str:
    # A several-line answer (ticked options, an order, pairs) starts on its own line.
    return t(block_key, answer=answer) if "\n" in answer else t(key, answer=answer)


def page_text(row: AnsweredRow, *, number: int, count: int, total: int, bank: QuestionBank) -> str:
    instance = QuestionInstance.from_dict(row.instance)
    result = grade(instance, (row.response or {}).get("value"))
    if bank.has_topic(instance.topic_id):
        where = t("attest-review-question-topic", number=row.position + 1, total=total,
                  topic=_esc(bank.topic(instance.topic_id).title))
    else:
        where = t("attest-review-question", number=row.position + 1, total=total)
    lines = [t("attest-review-header", number=number, count=count), where, "", _esc(instance.text), ""]
    lines.append(_answer_line("attest-review-chosen", "attest-review-chosen-block", _esc(result.chosen_text)))
    lines.append(_answer_line("attest-review-right", "attest-review-right-block", _esc(result.correct_answer_text)))
    lines.extend(f"<i>{_esc(why)}</i>" for why in result.whys)
    if instance.explanation.strip():
        lines += ["", _esc(instance.explanation.strip())]
    return "\n".join(lines)
