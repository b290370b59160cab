"""One turn of an analysis: download the file, run it in a worker thread, show what came out.

pandas, charts and Excel take seconds on a real file; they run in a worker thread (the bot keeps answering
other users) while the chat shows «отправляет файл…».
"""

from __future__ import annotations

import asyncio
import io
from html import escape

from aiogram.fsm.context import FSMContext
from aiogram.types import Document
from aiogram.utils.chat_action import ChatActionSender

from handlers.analytics.keyboards import choices_keyboard, report_keyboard
from handlers.analytics.states import AnalysisData, AnalysisFlow
from handlers.screen import Screen
from services.analytics.session import AnalysisRequest, RunOutcome, run_analysis
from services.texts import t


async def run(screen: Screen, state: FSMContext, request: AnalysisRequest, document: Document | None = None) -> None:
    async with ChatActionSender.upload_document(bot=screen.bot, chat_id=screen.chat_id):
        data = await _download(screen, document or request.file_id)
        outcome = await asyncio.to_thread(run_analysis, data, request)
    await show(screen, state, outcome)


async def _download(screen: Screen, file: Document | str) -> bytes:
    buffer = io.BytesIO()
    await screen.bot.download(file, destination=buffer)
    return buffer.getvalue()


async def show(screen: Screen, state: FSMContext, outcome: RunOutcome) -> None:
    if outcome.error:
        await screen.send(escape(outcome.error, quote=False))
        # Keep the request: a mistyped order or criteria can be typed again; a broken file needs a new one.
        if not outcome.keep_request:
            await state.clear()
        return
    if outcome.question is not None:
        await state.set_state(AnalysisFlow.answering)
        await state.update_data(AnalysisData(analysis=outcome.request.to_state()))
        await screen.send(outcome.question.text_html, choices_keyboard(outcome.question.choices))
        return
    report = outcome.report
    assert report is not None
    await state.clear()
    if report.kind == "rfm":
        await state.update_data(AnalysisData(last_rfm=outcome.request.to_state()))
    await screen.send(report.text_html, report_keyboard(report.kind, outcome.request))
    await screen.send_photo(report.png, report.png_name, caption=t("analytics-chart-caption"))
    await screen.send_document(report.xlsx, report.xlsx_name, caption=t("analytics-xlsx-caption"))
