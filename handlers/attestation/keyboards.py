"""The attestation keyboards, from the views the flow returns."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.attestation.callbacks import (
    AttemptAction,
    AttemptCallback,
    AttestAction,
    AttestCallback,
    LearnAction,
    LearnCallback,
)
from handlers.keyboards import home_button
from services.attestation.engine.content import QuestionBank
from services.attestation.engine.exam import exam_facts
from services.attestation.views import FeedbackView, FinishedView, QuestionView, ResumeOffer
from services.texts import t

SHORT_LABEL = 4  # labels this short («1», «Да») sit five to a row
ROW_OF_SHORT = 5


def home() -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("attest-button-cards"), callback_data=LearnCallback(action=LearnAction.TOPICS))
    builder.button(text=t("attest-button-practice"), callback_data=LearnCallback(action=LearnAction.PICK))
    builder.button(text=t("attest-button-exam-size", **exam_facts()),
                   callback_data=AttestCallback(action=AttestAction.EXAM))
    builder.button(text=t("attest-button-mistakes"), callback_data=AttestCallback(action=AttestAction.MISTAKES))
    builder.button(text=t("attest-button-results"), callback_data=AttestCallback(action=AttestAction.RESULTS))
    builder.add(home_button())
    builder.adjust(1)
    return builder.as_markup()


def topics(bank: QuestionBank, action: LearnAction) -> InlineKeyboardMarkup:
    """Every topic; a tap opens its card (`CARD`) or starts a practice on it (`PRACTICE`)."""
    builder = InlineKeyboardBuilder()
    for topic in bank.topics:
        builder.button(text=topic.title, callback_data=LearnCallback(action=action, topic=topic.id))
    builder.button(text=t("attest-button-back"), callback_data=AttestCallback(action=AttestAction.HOME))
    builder.adjust(1)
    return builder.as_markup()


def card(topic_id: str) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("attest-button-train"), callback_data=LearnCallback(action=LearnAction.PRACTICE,
                                                                              topic=topic_id))
    builder.button(text=t("attest-button-to-topics"), callback_data=LearnCallback(action=LearnAction.TOPICS))
    builder.adjust(1)
    return builder.as_markup()


def question(view: QuestionView) -> InlineKeyboardMarkup | None:
    if view.type == "numeric":
        return None

    def data(action: AttemptAction, value: int = -1) -> AttemptCallback:
        return AttemptCallback(a=view.attempt_id, p=view.position, act=action, v=value)

    builder = InlineKeyboardBuilder()
    for k, label in enumerate(view.labels):
        builder.button(text=label, callback_data=data(AttemptAction.OPTION, k))
    short = all(len(label) <= SHORT_LABEL for label in view.labels)
    rows = _rows(len(view.labels), ROW_OF_SHORT if short else 1)
    if view.type == "multiple":
        builder.button(text=t("attest-button-done"), callback_data=data(AttemptAction.DONE))
        rows.append(1)
    if view.type in ("ordering", "matching") and view.picked:
        builder.button(text=t("attest-button-reset"), callback_data=data(AttemptAction.RESET))
        rows.append(1)
    builder.adjust(*rows)
    return builder.as_markup()


def _rows(count: int, width: int) -> list[int]:
    """Row sizes for `count` buttons, `width` to a row (the last row takes the rest)."""
    return [min(width, count - start) for start in range(0, count, width)]


def feedback(view: FeedbackView) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("attest-button-summary") if view.is_last else t("attest-button-next"),
                   callback_data=AttemptCallback(a=view.attempt_id, p=view.position, act=AttemptAction.NEXT))
    return builder.as_markup()


def finished(view: FinishedView) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for topic_id, title in view.weakest:
        builder.button(text=t("attest-button-card", title=title),
                       callback_data=LearnCallback(action=LearnAction.CARD, topic=topic_id))
    builder.button(text=t("attest-button-exam"), callback_data=AttestCallback(action=AttestAction.EXAM))
    builder.button(text=t("attest-button-mistakes-short"), callback_data=AttestCallback(action=AttestAction.MISTAKES))
    builder.add(home_button())
    builder.adjust(*([1] * len(view.weakest)), 2, 1)
    return builder.as_markup()


def resume(offer: ResumeOffer) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("attest-button-resume"), callback_data=AttestCallback(action=AttestAction.RESUME))
    builder.button(text=t("attest-button-restart"),
                   callback_data=AttestCallback(action=AttestAction.RESTART, kind=offer.kind, topic=offer.topic))
    builder.adjust(1)
    return builder.as_markup()
