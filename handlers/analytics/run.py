"""One turn of an analysis: record it, get the file (kept copy or download), wait in line, run it in a worker
thread, show what came out.

pandas, charts and Excel take seconds on a real file; they run in a worker thread (the bot keeps answering
other users) while the chat shows «отправляет файл…». When other analyses hold every place, a message says
where the file is in line and is edited in place as the line moves.

A report redone from its own buttons (the RFM report on the other scale or with the user's criteria) is shown in
the same messages: its text is edited and its chart and Excel replaced, so the chat holds one copy of it.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from aiogram.exceptions import TelegramAPIError, TelegramBadRequest
from aiogram.fsm.context import FSMContext
from aiogram.types import Document, InlineKeyboardMarkup
from aiogram.utils.chat_action import ChatActionSender

from handlers.analytics.keyboards import choices_keyboard, report_keyboard
from handlers.analytics.states import AnalysisData, AnalysisFlow
from handlers.screen import Screen
from services.analytics.engine import Report
from services.analytics.flow import Analyses
from services.analytics.session import (
    AnalysisRequest,
    RunOutcome,
    queue_started_text,
    queue_text,
    too_big_to_download,
)
from services.notice import Refusal

logger = logging.getLogger(__name__)
FILE_TOO_BIG = "file is too big"  # getFile's refusal of a file over the Bot API's download limit


@dataclass
class Turn:
    screen: Screen
    state: FSMContext
    analyses: Analyses
    user_id: int
    local_server: bool = False

    async def run(self, request: AnalysisRequest, *, document: Document | None = None,
                  data: bytes | None = None, redo_of: Sequence[int] | None = None) -> None:
        """`redo_of`: the messages of the report this run redoes ([text, chart, Excel] ids), edited in place."""
        record = await self.analyses.begin(self.user_id, self.screen.chat_id, request)
        try:
            async with ChatActionSender.upload_document(bot=self.screen.bot, chat_id=self.screen.chat_id):
                request, data = await self._file(record, request, document, data)
                line = LineMessage(self.screen, request.file_name)
                outcome = await self.analyses.run(data, request, line.show)
                await line.started()
            await show(self.screen, self.state, outcome, redo_of=redo_of)
        except Exception:
            await self.analyses.fail(record)
            raise
        await self.analyses.finish(record, outcome)

    async def _file(self, record: int, request: AnalysisRequest, document: Document | None,
                    data: bytes | None) -> tuple[AnalysisRequest, bytes]:
        if data is not None:
            return request, data
        if document is None:
            kept = await self.analyses.kept_data(self.user_id, request)
            if kept is not None:
                return request, kept
        data = await self._download(document or request.file_id)
        if document is not None:  # a new file: kept for the report's other analyses and a rerun
            request = await self.analyses.keep(record, self.user_id, request, data)
        return request, data

    async def _download(self, file: Document | str) -> bytes:
        buffer = io.BytesIO()
        try:
            await self.screen.bot.download(file, destination=buffer)
        except TelegramBadRequest as exc:
            # An update may carry no file_size; then only getFile tells that the file is over the limit.
            if FILE_TOO_BIG in exc.message.lower():
                raise Refusal(too_big_to_download(local_server=self.local_server)) from exc
            raise
        return buffer.getvalue()


class LineMessage:
    """The «you are N-th in line» message: sent when the file has to wait, edited as the line moves."""

    def __init__(self, screen: Screen, file_name: str) -> None:
        self.screen = screen
        self.file_name = file_name
        self.message_id: int | None = None

    async def show(self, place: int) -> None:
        text = queue_text(self.file_name, place)
        try:
            if self.message_id is None or not await self.screen.edit_by_id(self.message_id, text):
                self.message_id = (await self.screen.send(text)).message_id
        except TelegramAPIError as exc:  # the place in line is a courtesy; the analysis goes on without it
            logger.warning("Could not show the place in line: %s", exc)

    async def started(self) -> None:
        if self.message_id is None:
            return
        try:
            await self.screen.edit_by_id(self.message_id, queue_started_text(self.file_name))
        except TelegramAPIError as exc:
            logger.warning("Could not update the place in line: %s", exc)


async def show(screen: Screen, state: FSMContext, outcome: RunOutcome, *,
               redo_of: Sequence[int] | None = None) -> None:
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
    shown = await _show_report(screen, report, report_keyboard(report.kind, outcome.request, report.others),
                               redo_of)
    if report.kind == "rfm":
        await state.update_data(AnalysisData(last_rfm_messages=shown))


async def _show_report(screen: Screen, report: Report, markup: InlineKeyboardMarkup | None,
                       redo_of: Sequence[int] | None) -> list[int]:
    """The report's text, chart and Excel: edited into `redo_of`'s messages where they can still be edited,
    sent anew otherwise (a new report, or a piece of the old one deleted). Returns the three message ids."""
    text_id, photo_id, document_id = redo_of if redo_of is not None and len(redo_of) == 3 else (None, None, None)
    if not await screen.edit_by_id(text_id, report.text_html, markup):
        text_id = (await screen.send(report.text_html, markup)).message_id
    if not await screen.replace_file(photo_id, report.png, report.png_name, report.png_caption, kind="photo"):
        photo_id = (await screen.send_photo(report.png, report.png_name, caption=report.png_caption)).message_id
    if not await screen.replace_file(document_id, report.xlsx, report.xlsx_name, report.xlsx_caption):
        document_id = (await screen.send_document(report.xlsx, report.xlsx_name,
                                                  caption=report.xlsx_caption)).message_id
    return [text_id, photo_id, document_id]
