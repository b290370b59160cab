"""Buttons under a question about a file, under a report and under the notice of an interrupted analysis."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.analytics.callbacks import (
    AnalysisAction,
    AnalysisCallback,
    KeptFileCallback,
    OtherKind,
    RerunCallback,
)
from services.analytics.engine import Choice
from services.analytics.session import AnalysisRequest
from services.texts import t

_OFFERED = frozenset(kind.value for kind in OtherKind)


def choices_keyboard(choices: list[Choice]) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for index, choice in enumerate(choices):
        builder.button(text=choice.label, callback_data=AnalysisCallback(act=AnalysisAction.CHOICE, i=index))
    builder.adjust(1)
    return builder.as_markup()


def report_keyboard(kind: str, request: AnalysisRequest, others: Sequence[str] = ()) -> InlineKeyboardMarkup | None:
    """An RFM report can be redone on the other scale or with the user's own criteria; any report of a kept
    file offers the other analyses the file supports."""
    builder = InlineKeyboardBuilder()
    rows: list[int] = []
    if kind == "rfm":
        other = request.other_scale
        builder.button(text=t("analytics-button-scale", scale=other),
                       callback_data=AnalysisCallback(act=AnalysisAction.SCALE, i=other))
        builder.button(text=t("analytics-button-own-thresholds"),
                       callback_data=AnalysisCallback(act=AnalysisAction.THRESHOLDS))
        rows.append(2)
    if request.kept is not None:
        for name in others:
            if name in _OFFERED:
                builder.button(text=t("analytics-button-other", kind=name),
                               callback_data=KeptFileCallback(f=request.kept, k=OtherKind(name)))
                rows.append(1)
    if not rows:
        return None
    builder.adjust(*rows)
    return builder.as_markup()


def rerun_markup(analysis_id: int) -> InlineKeyboardMarkup:
    """Under the notice of an interrupted analysis whose file is still kept (sent by bot/analyses.py)."""
    builder = InlineKeyboardBuilder()
    builder.button(text=t("analytics-button-rerun"), callback_data=RerunCallback(a=analysis_id))
    return builder.as_markup()
