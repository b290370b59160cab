"""The attestation keyboards, from the views the flow returns."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.attestation.callbacks import (
    AttemptAction,
    AttemptCallback,
    AttestAction,
    AttestCallback,
    LearnAction,
    LearnCallback,
    ReviewAction,
    ReviewCallback,
)
from handlers.keyboards import home_button
from services.attestation.engine.content import QuestionBank
from services.attestation.engine.exam import exam_facts
from services.attestation.views import FeedbackView, FinishedView, PausedView, QuestionView, ResumeOffer, ReviewPage
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
    """The buttons under a question. Built as a plain markup, not with InlineKeyboardBuilder: this runs on every
    tap, and the builder deep-copies every button when it exports (a measurable share of a tap's CPU). The
    callback strings are packed by hand, not through a validated AttemptCallback each. (A button built with
    `model_construct` costs more than a validated one: pydantic resolves every default field in Python.)"""
    if view.type == "numeric":
        return None

    def button(label: str, action: AttemptAction, value: int = -1) -> InlineKeyboardButton:
        return InlineKeyboardButton(text=label, callback_data=AttemptCallback.data(view.attempt_id, view.position,
                                                                                  action, value))

    options = [button(label, AttemptAction.OPTION, k) for k, label in enumerate(view.labels)]
    width = ROW_OF_SHORT if all(len(label) <= SHORT_LABEL for label in view.labels) else 1
    rows = [options[start:start + width] for start in range(0, len(options), width)]
    if view.type == "multiple":
        rows.append([button(t("attest-button-done"), AttemptAction.DONE)])
    if view.type in ("ordering", "matching") and view.picked:
        rows.append([button(t("attest-button-reset"), AttemptAction.RESET)])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def feedback(view: FeedbackView) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("attest-button-summary") if view.is_last else t("attest-button-next"),
                   callback_data=AttemptCallback(a=view.attempt_id, p=view.position, act=AttemptAction.NEXT))
    return builder.as_markup()


def finished(view: FinishedView) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    if view.wrong:  # an exam with mistakes: each one explained, a page at a time
        builder.button(text=t("attest-button-review", count=view.wrong),
                       callback_data=ReviewCallback(a=view.attempt_id))
    for topic_id, title in view.weakest:
        builder.button(text=t("attest-button-card", title=title),
                       callback_data=LearnCallback(action=LearnAction.CARD, topic=topic_id))
    builder.button(text=t("attest-button-exam"), callback_data=AttestCallback(action=AttestAction.EXAM))
    builder.button(text=t("attest-button-mistakes-short"), callback_data=AttestCallback(action=AttestAction.MISTAKES))
    builder.add(home_button())
    builder.adjust(*([1] * (len(view.weakest) + bool(view.wrong))), 2, 1)
    return builder.as_markup()


def review(page: ReviewPage) -> InlineKeyboardMarkup:
    """◀ ▶ between the wrong answers (edited in place), «Повторить ошибки», back to the result."""
    builder = InlineKeyboardBuilder()
    arrows = 0
    if page.index > 0:
        builder.button(text=t("attest-button-review-back"), callback_data=ReviewCallback(a=page.attempt_id,
                                                                                          i=page.index - 1))
        arrows += 1
    if page.index + 1 < page.count:
        builder.button(text=t("attest-button-review-forward"), callback_data=ReviewCallback(a=page.attempt_id,
                                                                                             i=page.index + 1))
        arrows += 1
    builder.button(text=t("attest-button-repeat-mistakes"), callback_data=AttestCallback(action=AttestAction.MISTAKES))
    builder.button(text=t("attest-button-to-summary"),
                   callback_data=ReviewCallback(a=page.attempt_id, act=ReviewAction.SUMMARY))
    builder.adjust(*([arrows] if arrows else []), 1, 1)
    return builder.as_markup()


def paused(view: PausedView) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("attest-button-resume"), callback_data=AttestCallback(action=AttestAction.RESUME))
    return builder.as_markup()


def resume(offer: ResumeOffer) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("attest-button-resume"), callback_data=AttestCallback(action=AttestAction.RESUME))
    builder.button(text=t("attest-button-restart"),
                   callback_data=AttestCallback(action=AttestAction.RESTART, kind=offer.kind, topic=offer.topic))
    builder.adjust(1)
    return builder.as_markup()
