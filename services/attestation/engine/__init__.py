"""The attestation (quiz) engine: content, question instances, grading, exams, results, certificates.

Pure Python: no Telegram, no database. Everything an attempt needs serialises to plain JSON
(`QuestionInstance.to_dict()`, responses are ints, lists and strings).
"""

import importlib

from services.attestation.engine.content import ContentError, QuestionBank, Topic, load_bank
from services.attestation.engine.exam import PASS_MARK, draw_exam, draw_mistakes, draw_practice, is_passed
from services.attestation.engine.grading import Grade, feedback_text, grade
from services.attestation.engine.instance import QuestionInstance, make_instance
from services.attestation.engine.render import button_labels, partial_answer_text, question_text
from services.attestation.engine.results import (
    AttemptSummary,
    TopicScore,
    mastery,
    render_mastery,
    render_summary,
    summarize,
)

_LAZY = {
    # The certificate pulls in matplotlib: load it only when a certificate is actually made.
    "new_code": "certificate",
    "normalize_code": "certificate",
    "render_certificate_png": "certificate",
    # Lazy too, so `python -m services.attestation.engine.check` runs the module once.
    "check_content": "check",
    "ContentReport": "check",
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        module = importlib.import_module(f"services.attestation.engine.{_LAZY[name]}")
        return getattr(module, name)
    raise AttributeError(name)


__all__ = [
    "PASS_MARK",
    "AttemptSummary",
    "ContentError",
    "ContentReport",
    "Grade",
    "QuestionBank",
    "QuestionInstance",
    "Topic",
    "TopicScore",
    "button_labels",
    "check_content",
    "draw_exam",
    "draw_mistakes",
    "draw_practice",
    "feedback_text",
    "grade",
    "is_passed",
    "load_bank",
    "make_instance",
    "mastery",
    "new_code",
    "normalize_code",
    "partial_answer_text",
    "question_text",
    "render_certificate_png",
    "render_mastery",
    "render_summary",
    "summarize",
]
