"""Attestation buttons. Short prefixes and values (Telegram allows 64 bytes); the wire values are the ones
buttons already sent carry, so they keep working. The team and interview screens open cards and exams with
these too."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from services.attestation.views import Kind


class LearnAction(StrEnum):
    TOPICS = "topics"  # the topics list that opens cards
    PICK = "pick"  # the topics list that starts a practice
    CARD = "card"
    PRACTICE = "practice"


class LearnCallback(CallbackData, prefix="ln"):
    action: LearnAction
    topic: str = ""


class AttemptAction(StrEnum):
    OPTION = "o"  # an option, an item placed in order, a match
    DONE = "d"  # «Готово» under a multiple-choice question
    RESET = "r"
    NEXT = "n"  # on after practice feedback


class AttemptCallback(CallbackData, prefix="qz"):
    """A button under a question. Ids only: attempt id, question position, value index."""

    a: int
    p: int
    act: AttemptAction
    v: int = -1

    @staticmethod
    def data(a: int, p: int, act: AttemptAction, v: int = -1) -> str:
        """What `AttemptCallback(a=…, p=…, act=…, v=…).pack()` gives, without building and validating a model:
        every tap builds a keyboard of these (tests/unit check the two agree)."""
        return f"{AttemptCallback.__prefix__}:{int(a)}:{int(p)}:{act.value}:{int(v)}"


class AttestAction(StrEnum):
    HOME = "home"
    EXAM = "exam"
    MISTAKES = "mistakes"
    RESULTS = "results"
    RESUME = "resume"
    RESTART = "restart"


class AttestCallback(CallbackData, prefix="at"):
    action: AttestAction
    kind: Kind | None = None  # restart: what to start anew
    topic: str = ""


class ReviewAction(StrEnum):
    PAGE = "p"  # a page of the review (◀ ▶, and the first from the result)
    SUMMARY = "s"  # back to the exam's result


class ReviewCallback(CallbackData, prefix="rv"):
    """The review of a finished exam: attempt id and page index."""

    a: int
    i: int = 0
    act: ReviewAction = ReviewAction.PAGE
