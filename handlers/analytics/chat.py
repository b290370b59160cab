"""«Анализ файла»: a CSV/XLSX sent at any moment (or after choosing the section) becomes a report.

The handler only moves bytes and choices between Telegram and `services.analytics.analyse`, which runs in
a worker thread so the bot keeps answering other users meanwhile.
"""

from __future__ import annotations

import asyncio
import io
import logging
from typing import Any

from aiogram import Bot, F, Router
from aiogram.filters import Command, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    Document,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.chat_action import ChatActionSender

from bot.settings import Settings
from handlers.callbacks import MenuCallback
from services.analytics.session import (
    AnalysisRequest,
    file_size_problem,
    run_analysis,
)

logger = logging.getLogger(__name__)
router = Router(name="analytics")

PROMPT = (
    "<b>Анализ файла</b>\n\n"
    "Пришлите CSV или XLSX (можно ZIP с одной таблицей) — выгрузку из 1С, amoCRM, Битрикс24, Excel "
    "или интернет-магазина.\n"
    "• Покупки или список клиентов → <b>RFM-сегменты</b> и что делать с каждым;\n"
    "• Сделки или этапы воронки → <b>конверсия</b> каждого этапа и узкое место;\n"
    "• Продажи по датам или месяцам (от 12 месяцев) → <b>сезонность</b> и план на 3 месяца.\n\n"
    "Я сам пойму, что в файле, а если не уверен — спрошу."
)
NOT_A_DOCUMENT = "Пришлите таблицу файлом (скрепка → «Файл»), а не фото: CSV или XLSX."


class AnalysisFlow(StatesGroup):
    waiting_file = State()
    answering = State()  # a question about the file is on screen; its request is in the FSM data
    thresholds = State()  # waiting for the user's own RFM criteria as text


class AnalysisCallback(CallbackData, prefix="an"):
    act: str  # c = choice of the pending question, s = RFM scale, t = own criteria
    i: int = -1


# ---- entry ------------------------------------------------------------------------------------------

@router.message(Command("analyze"))
async def analyze_command(message: Message, state: FSMContext) -> None:
    await state.set_state(AnalysisFlow.waiting_file)
    await message.answer(PROMPT)


@router.callback_query(MenuCallback.filter(F.section == "analysis"))
async def analyze_menu(query: CallbackQuery, state: FSMContext) -> None:
    await state.set_state(AnalysisFlow.waiting_file)
    if isinstance(query.message, Message):
        await query.message.answer(PROMPT)


@router.message(StateFilter(None, AnalysisFlow.waiting_file, AnalysisFlow.answering, AnalysisFlow.thresholds),
                F.document)
async def got_document(message: Message, bot: Bot, state: FSMContext, settings: Settings) -> None:
    document = message.document
    assert document is not None
    problem = file_size_problem(document.file_size, local_server=settings.telegram_api_local)
    if problem:
        await message.answer(problem)
        return
    request = AnalysisRequest(file_id=document.file_id, file_name=document.file_name or "file")
    await _run(message.chat.id, bot, state, settings, request, document=document)


@router.message(AnalysisFlow.waiting_file, F.photo)
async def got_photo(message: Message) -> None:
    await message.answer(NOT_A_DOCUMENT)


@router.message(AnalysisFlow.waiting_file, F.text & ~F.text.startswith("/"))
async def waiting_file_text(message: Message) -> None:
    await message.answer("Жду файл CSV или XLSX. Пришлите его документом или нажмите /cancel.")


# ---- answers to the bot's questions ----------------------------------------------------------------

@router.callback_query(AnalysisCallback.filter(F.act == "c"))
async def choice(query: CallbackQuery, callback_data: AnalysisCallback, bot: Bot, state: FSMContext,
                 settings: Settings, callback_answer: CallbackAnswer) -> None:
    data = await state.get_data()
    request = AnalysisRequest.from_state(data.get("analysis"))
    if request is None or not isinstance(query.message, Message) or not request.accepts(callback_data.i):
        callback_answer.text = "Этот вопрос уже неактуален. Пришлите файл ещё раз."
        return
    await query.message.edit_reply_markup(reply_markup=None)
    await _run(query.message.chat.id, bot, state, settings, request.answer(callback_data.i))


@router.message(AnalysisFlow.answering, F.text & ~F.text.startswith("/"))
async def typed_stage_order(message: Message, bot: Bot, state: FSMContext, settings: Settings) -> None:
    request = AnalysisRequest.from_state((await state.get_data()).get("analysis"))
    if request is None or request.pending_topic != "stage_order":
        await message.answer("Ответьте кнопкой под вопросом или пришлите другой файл. /cancel — выйти.")
        return
    await _run(message.chat.id, bot, state, settings, request.with_typed_order(message.text or ""))


@router.callback_query(AnalysisCallback.filter(F.act == "s"))
async def rescale(query: CallbackQuery, callback_data: AnalysisCallback, bot: Bot, state: FSMContext,
                  settings: Settings, callback_answer: CallbackAnswer) -> None:
    request = AnalysisRequest.from_state((await state.get_data()).get("last_rfm"))
    if request is None or not isinstance(query.message, Message):
        callback_answer.text = "Пришлите файл ещё раз — прошлый запрос устарел."
        return
    await _run(query.message.chat.id, bot, state, settings, request.with_scale(callback_data.i))


@router.callback_query(AnalysisCallback.filter(F.act == "t"))
async def ask_thresholds(query: CallbackQuery, state: FSMContext, callback_answer: CallbackAnswer) -> None:
    if (await state.get_data()).get("last_rfm") is None or not isinstance(query.message, Message):
        callback_answer.text = "Пришлите файл ещё раз — прошлый запрос устарел."
        return
    await state.set_state(AnalysisFlow.thresholds)
    await query.message.answer(
        "Напишите свои границы баллов для давности (Д, дней), частоты (Ч, покупок) и суммы (С, ₽).\n"
        "Например: <code>Д 30 90; Ч 2 5; С 10000 50000</code>\n"
        "Две границы дают баллы 1–3: давность до 30 дней — 3, 31–90 — 2, дольше — 1."
    )


@router.message(AnalysisFlow.thresholds, F.text & ~F.text.startswith("/"))
async def got_thresholds(message: Message, bot: Bot, state: FSMContext, settings: Settings) -> None:
    request = AnalysisRequest.from_state((await state.get_data()).get("last_rfm"))
    if request is None:
        await state.clear()
        await message.answer("Пришлите файл ещё раз — прошлый запрос устарел.")
        return
    await _run(message.chat.id, bot, state, settings, request.with_thresholds(message.text or ""))


# ---- running and rendering --------------------------------------------------------------------------

async def _download(bot: Bot, request: AnalysisRequest, document: Document | None) -> bytes:
    buffer = io.BytesIO()
    await bot.download(document or request.file_id, destination=buffer)
    return buffer.getvalue()


async def _run(chat_id: int, bot: Bot, state: FSMContext, settings: Settings, request: AnalysisRequest,
               document: Document | None = None) -> None:
    async with ChatActionSender.upload_document(bot=bot, chat_id=chat_id):
        data = await _download(bot, request, document)
        outcome = await asyncio.to_thread(run_analysis, data, request)
    if outcome.error:
        # Keep the request: a mistyped order or criteria can be typed again; a broken file needs a new one.
        await bot.send_message(chat_id, outcome.error)
        if outcome.keep_request:
            return
        await state.clear()
        return
    if outcome.question is not None:
        await state.set_state(AnalysisFlow.answering)
        await state.update_data(analysis=outcome.request.to_state())
        await bot.send_message(chat_id, outcome.question.text_html, reply_markup=_choices(outcome.question.choices))
        return
    report = outcome.report
    assert report is not None
    await state.clear()
    if report.kind == "rfm":
        await state.update_data(last_rfm=outcome.request.to_state())
    await bot.send_message(chat_id, report.text_html, reply_markup=_report_keyboard(report.kind, outcome.request))
    await bot.send_photo(chat_id, BufferedInputFile(report.png, filename=report.png_name),
                         caption="График к отчёту")
    await bot.send_document(chat_id, BufferedInputFile(report.xlsx, filename=report.xlsx_name),
                            caption="Подробности в Excel: все клиенты и сводные таблицы.")


def _choices(choices: list[Any]) -> InlineKeyboardMarkup:
    rows = [[InlineKeyboardButton(text=c.label, callback_data=AnalysisCallback(act="c", i=k).pack())]
            for k, c in enumerate(choices)]
    return InlineKeyboardMarkup(inline_keyboard=rows)


def _report_keyboard(kind: str, request: AnalysisRequest) -> InlineKeyboardMarkup | None:
    if kind != "rfm":
        return None
    other = 5 if request.scale == 3 else 3
    return InlineKeyboardMarkup(inline_keyboard=[
        [InlineKeyboardButton(text=f"Шкала 1–{other}", callback_data=AnalysisCallback(act="s", i=other).pack()),
         InlineKeyboardButton(text="Свои границы баллов", callback_data=AnalysisCallback(act="t").pack())],
    ])
