"""The evidence behind a score in words, shared by the chat result, the Excel and the PDF (texts: interviews.ftl).

Plain text: the chat escapes it, the exports write it as it is.
"""

from __future__ import annotations

from services.interviews.engine.formatting import fmt_duration
from services.interviews.engine.scorecard import Evidence
from services.texts import t


def voice_text(seconds: int | None) -> str:
    """«Голосовой ответ, 0:14 — прослушать в чате с ботом» (without the length when it is not known)."""
    if seconds:
        return t("interview-evidence-voice", duration=fmt_duration(seconds))
    return t("interview-evidence-voice-unknown")


def voice_line(evidence: Evidence) -> str | None:
    """The voice answer's line; None when there is none."""
    return voice_text(evidence.voice_seconds) if evidence.voice else None


def answer_text(evidence: Evidence) -> str:
    """The candidate's answer for a table cell: the text, and the voice message's line under it."""
    return "\n".join(part for part in (evidence.answer, voice_line(evidence)) if part)
