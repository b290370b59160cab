"""A question as a member will see it, with its right answer and explanation: the editor's preview and the
question's page in the bank. Rendered by the quiz engine itself, so what the owner checks is what is shown."""

from __future__ import annotations

import html

from services.attestation.engine.formatting import format_number
from services.attestation.engine.grading import correct_answer_text
from services.attestation.engine.instance import make_instance
from services.attestation.engine.render import question_text
from services.attestation.own.engine.model import QuestionBody
from services.attestation.own.engine.validate import engine_question, problems
from services.texts import t

PREVIEW_SEED = 1


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def preview_text(body: QuestionBody, topic_title: str) -> str:
    """HTML: the question message, then the right answer, the options' whys and the explanation — or, for a
    question that cannot be saved yet, every problem."""
    found = problems(body)
    if found:
        return "\n".join([t("bank-preview-problems"), *(f"• {_esc(p)}" for p in found)])
    question = engine_question(body, "preview")
    instance = make_instance(question, PREVIEW_SEED)
    lines = [question_text(instance, 1, 1, topic_title=topic_title), "", "———"]
    answer = _esc(correct_answer_text(instance))
    lines.append(t("bank-preview-answer-block", answer=answer) if "\n" in answer
                 else t("bank-preview-answer", answer=answer))
    if body.type == "numeric" and body.tolerance:
        lines.append(t("bank-preview-tolerance", tolerance=_esc(format_number(body.tolerance))))
    for option in body.options:
        if option.why:
            lines.append(t("bank-preview-why", option=_esc(option.text), why=_esc(option.why)))
    lines.append(t("bank-preview-explanation", explanation=_esc(body.explanation)) if body.explanation
                 else t("bank-preview-no-explanation"))
    return "\n".join(lines)

