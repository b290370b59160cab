"""The evidence behind a score in words, shared by the chat result, the Excel and the PDF (texts: interviews.ftl).

Plain text: the chat escapes it, the exports write it as it is.
"""

from __future__ import annotations

from services.interviews.engine.formatting import fmt_duration
from services.interviews.engine.scorecard import Evidence
from services.texts import t


def voice_line(evidence: Evidence) -> str | None:
    """«Голосовой ответ, 0:14 — прослушать в чате с ботом»; None when there is no voice answer."""
    if not evidence.voice:
        return None
    if evidence.voice_seconds:
        return t("interview-evidence-voice", duration=fmt_duration(evidence.voice_seconds))
    return t("interview-evidence-voice-unknown")


def answer_text(evidence: Evidence) -> str:
    """The candidate's answer for a table cell: the text, and the voice message's line under it."""
    return "\n".join(part for part in (evidence.answer, voice_line(evidence)) if part)
