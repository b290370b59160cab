"""What the attestation screens show, as plain dataclasses: the chat layer turns them into messages and buttons.

Texts are ready HTML (from content/texts/attestation.ftl); buttons are given as intents (ids, kinds, positions),
never as Telegram objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from services.attestation.engine.results import AttemptSummary
from services.notice import Notice


class Kind(StrEnum):
    """What an attempt is; the values are stored in the database and sent in buttons."""

    PRACTICE = "practice"
    EXAM = "exam"
    MISTAKES = "mistakes"


@dataclass(frozen=True)
class QuestionView:
    attempt_id: int
    position: int
    total: int
    kind: str
    type: str
    text: str  # HTML
    labels: list[str]
    picked: list[int]
    message_id: int | None = None  # the copy of this attempt whose buttons are live now (to retire when shown anew)


@dataclass(frozen=True)
class FeedbackView:
    """Practice: the verdict right after an answer, with a way on."""

    attempt_id: int
    position: int
    text: str  # HTML, starts with the question header, then ✅/❌ and the explanation
    correct: bool
    is_last: bool
    message_id: int | None = None  # as in QuestionView


@dataclass(frozen=True)
class FinishedView:
    attempt_id: int
    kind: str
    summary: AttemptSummary
    text: str  # HTML with «Результат: X из Y (Z %)»
    weakest: list[tuple[str, str]]  # (topic_id, title)
    certificate_code: str | None = None
    certificate_png: bytes | None = None  # a certificate issued by this very answer, to send as a picture

    @property
    def wrong(self) -> int:
        """Wrong answers of an exam, each with a page in the review; 0 for practice (it explained each one)."""
        return self.summary.total - self.summary.correct if self.kind == Kind.EXAM else 0


@dataclass(frozen=True)
class ResumeOffer:
    """An attempt is already open: continue it, or start the one asked for (`kind`, `topic`) anew."""

    text: str  # HTML
    kind: Kind
    topic: str  # the practice topic asked for; "" otherwise


@dataclass(frozen=True)
class PausedView:
    """A paused attempt (after /cancel or /menu): what its buttons show instead of acting, with «Продолжить»."""

    attempt_id: int
    text: str  # HTML


@dataclass(frozen=True)
class OldCopy:
    """A button on an earlier copy of the question: it answers nothing, and that copy loses its buttons."""

    attempt_id: int


@dataclass(frozen=True)
class ReviewPage:
    """One wrong answer of a finished exam: the question, the choice, the right answer and why."""

    attempt_id: int
    index: int  # 0-based page
    count: int  # wrong answers in all
    text: str  # HTML


@dataclass(frozen=True)
class CardView:
    topic_id: str
    text: str  # HTML


# What answering, moving on or coming back shows. A Notice carries the question to show again after the toast
# (or, for a paused attempt or an old copy, what its buttons show instead).
Outcome = QuestionView | FeedbackView | FinishedView | PausedView | Notice
