"""Buttons under a question about a file and under an RFM report."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.analytics.callbacks import AnalysisAction, AnalysisCallback
from services.analytics.engine import Choice
from services.analytics.session import AnalysisRequest
from services.texts import t


def choices_keyboard(choices: list[Choice]) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for index, choice in enumerate(choices):
        builder.button(text=choice.label, callback_data=AnalysisCallback(act=AnalysisAction.CHOICE, i=index))
    builder.adjust(1)
    return builder.as_markup()


def report_keyboard(kind: str, request: AnalysisRequest) -> InlineKeyboardMarkup | None:
    """An RFM report can be redone on the other scale or with the user's own criteria."""
    if kind != "rfm":
        return None
    other = request.other_scale
    builder = InlineKeyboardBuilder()
    builder.button(text=t("analytics-button-scale", scale=other),
                   callback_data=AnalysisCallback(act=AnalysisAction.SCALE, i=other))
    builder.button(text=t("analytics-button-own-thresholds"),
                   callback_data=AnalysisCallback(act=AnalysisAction.THRESHOLDS))
    builder.adjust(2)
    return builder.as_markup()
