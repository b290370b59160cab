"""Analysis buttons. The wire values are the ones buttons already sent carry ("an:c:0", "an:s:5", "an:t:-1"),
so they keep working after a restart or an update."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class AnalysisAction(StrEnum):
    CHOICE = "c"  # a pick for the question about the file on screen; `i` is its index
    SCALE = "s"  # the last RFM report again on another scale; `i` is the scale
    THRESHOLDS = "t"  # the last RFM report with the user's own criteria (asked next)


class AnalysisCallback(CallbackData, prefix="an"):
    act: AnalysisAction
    i: int = -1


class OtherKind(StrEnum):
    """An analysis a report's button offers for the same file (wire values are the analyses' own names)."""

    RFM = "rfm"
    FUNNEL = "funnel"
    SEASONALITY = "seasonality"


class KeptFileCallback(CallbackData, prefix="ak"):
    """Another analysis of a kept file: `f` is the kept file's id (checked against the user), `k` the analysis."""

    f: int
    k: OtherKind


class RerunCallback(CallbackData, prefix="ar"):
    """Run again an analysis the bot was restarted in the middle of; `a` is the analysis record's id."""

    a: int
