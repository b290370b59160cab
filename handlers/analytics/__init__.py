"""«Анализ файла» in the chat: a CSV/XLSX/ZIP in, a short report, a chart and an Excel file out.

The handlers only move bytes and choices between Telegram and `services.analytics.session`; the analysis
runs in a worker thread (see `run`).
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, StateFilter, or_f

from handlers.analytics import answers, entry
from handlers.analytics.callbacks import AnalysisAction, AnalysisCallback, KeptFileCallback, RerunCallback
from handlers.analytics.states import AnalysisFlow
from handlers.callbacks import MenuCallback, Section
from handlers.filters import DOCUMENT, PHOTO, TYPED_TEXT

_OUTSIDE_OTHER_FLOWS = StateFilter(None, AnalysisFlow.waiting_file, AnalysisFlow.answering, AnalysisFlow.thresholds)


def routers() -> list[Router]:
    router = Router(name="analytics")
    router.message.register(entry.analyze_command, Command("analyze"))
    router.callback_query.register(entry.analyze_menu, MenuCallback.filter(F.section == Section.ANALYSIS))
    # A document is analysed outside any other flow, and inside this one (a new file replaces the old).
    router.message.register(entry.got_document, _OUTSIDE_OTHER_FLOWS, DOCUMENT)
    router.message.register(entry.got_photo, StateFilter(AnalysisFlow.waiting_file), PHOTO)
    router.message.register(entry.waiting_file_text, StateFilter(AnalysisFlow.waiting_file), TYPED_TEXT)
    router.callback_query.register(answers.choice, AnalysisCallback.filter(F.act == AnalysisAction.CHOICE))
    router.message.register(answers.typed_stage_order, StateFilter(AnalysisFlow.answering), TYPED_TEXT)
    router.callback_query.register(answers.rescale, AnalysisCallback.filter(F.act == AnalysisAction.SCALE))
    router.callback_query.register(answers.ask_thresholds, AnalysisCallback.filter(F.act == AnalysisAction.THRESHOLDS))
    router.message.register(answers.got_thresholds, StateFilter(AnalysisFlow.thresholds), TYPED_TEXT)
    # A kept file's buttons start an analysis, which ends by clearing the flow's state: not inside another flow.
    router.callback_query.register(answers.other_kind, _OUTSIDE_OTHER_FLOWS, KeptFileCallback.filter())
    router.callback_query.register(answers.rerun, _OUTSIDE_OTHER_FLOWS, RerunCallback.filter())
    router.callback_query.register(answers.busy_in_flow, or_f(KeptFileCallback.filter(), RerunCallback.filter()))
    return [router]
