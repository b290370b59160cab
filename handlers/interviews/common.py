"""Shared by the interview routers: FSM states, the services for a session, and putting views on screen."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.enums import ChatAction
from aiogram.exceptions import TelegramBadRequest
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.editing import edit_in_place
from handlers.interviews import keyboards as kb
from services.interviews.flow.context import FlowContext
from services.interviews.flow.steps import InterviewSteps
from services.interviews.views import (
    ExportFile,
    LinkView,
    ListView,
    Notice,
    Outcome,
    OverviewView,
    ResultView,
    StepView,
    VoiceReplay,
)

logger = logging.getLogger(__name__)
CALLBACK_TEXT_LIMIT = 200


class InterviewStates(StatesGroup):
    subject = State()  # waiting for the candidate's, respondent's or company's name; data: script, mode
    owner = State()  # inside an interview as its owner; data: interview_id — a message is a note or an answer
    candidate = State()  # answering a remote interview; data: interview_id


def flow_context(session: AsyncSession) -> FlowContext:
    return FlowContext.for_session(session)


async def is_new_message(state: FSMContext, message: Message) -> bool:
    """False for a message already handled (Telegram re-delivers updates after a crash): it must not count twice.

    Message ids grow within a chat, and the mark lives in the FSM data, in the same transaction as the answer.
    """
    last = (await state.get_data()).get("last_msg", 0)
    if message.message_id <= last:
        return False
    await state.update_data(last_msg=message.message_id)
    return True


async def _drop_buttons(bot: Bot, chat_id: int, message_id: int) -> None:
    # The flow moved to a newer message; buttons left on the old one would only be stale.
    try:
        await bot.edit_message_reply_markup(chat_id=chat_id, message_id=message_id, reply_markup=None)
    except TelegramBadRequest as exc:
        logger.debug("Could not clear the buttons of message %s: %s", message_id, exc.message)


async def _put(bot: Bot, chat_id: int, text: str, markup: InlineKeyboardMarkup | None,
               at: Message | None) -> Message:
    shown = await edit_in_place(at, text, markup) if at is not None else None
    if shown is None:
        shown = await bot.send_message(chat_id, text, reply_markup=markup)
    return shown


async def show(outcome: Outcome | ListView | OverviewView, *, bot: Bot, chat_id: int, session: AsyncSession,
               state: FSMContext, at: Message | None = None, callback_answer: CallbackAnswer | None = None) -> None:
    """Put an outcome on the screen: edit the message `at` in place when given, else send a new one."""
    if isinstance(outcome, Notice):
        if callback_answer is not None:
            callback_answer.text = outcome.text[:CALLBACK_TEXT_LIMIT]
        else:
            await bot.send_message(chat_id, outcome.text)
        if outcome.view is not None:
            await show(outcome.view, bot=bot, chat_id=chat_id, session=session, state=state, at=at)
        return
    if isinstance(outcome, StepView):
        await _show_step(outcome, bot=bot, chat_id=chat_id, session=session, state=state, at=at)
    elif isinstance(outcome, ResultView):
        await _leave_interview(state, outcome.interview_id)
        await _put(bot, chat_id, outcome.text, kb.result(outcome), at)
    elif isinstance(outcome, LinkView):
        await _leave_interview(state, outcome.interview_id)
        await _put(bot, chat_id, outcome.text, kb.link(outcome), at)
    elif isinstance(outcome, ListView):
        await _put(bot, chat_id, outcome.text, kb.listing(outcome), at)
    else:
        await _put(bot, chat_id, outcome.text, kb.overview(outcome), at)


async def _show_step(view: StepView, *, bot: Bot, chat_id: int, session: AsyncSession, state: FSMContext,
                     at: Message | None) -> None:
    if view.intro:
        await bot.send_message(chat_id, view.intro)
        at = None  # the card goes under the briefing
    shown = await _put(bot, chat_id, view.text, kb.step(view), at)
    previous = await InterviewSteps(flow_context(session)).set_message(view.interview_id, shown.message_id)
    if previous is not None and previous != shown.message_id:
        await _drop_buttons(bot, chat_id, previous)
    await state.set_state(InterviewStates.owner)
    await state.update_data(interview_id=view.interview_id)


async def _leave_interview(state: FSMContext, interview_id: int) -> None:
    """A finished interview (or one waiting for the candidate) takes no typed input any more."""
    if await state.get_state() == InterviewStates.owner.state:
        if (await state.get_data()).get("interview_id") == interview_id:
            await state.set_state(None)


async def send_file(file: ExportFile | Notice, *, bot: Bot, chat_id: int,
                    callback_answer: CallbackAnswer | None = None) -> None:
    if isinstance(file, Notice):
        if callback_answer is not None:
            callback_answer.text = file.text[:CALLBACK_TEXT_LIMIT]
        else:
            await bot.send_message(chat_id, file.text)
        return
    await bot.send_chat_action(chat_id, ChatAction.UPLOAD_DOCUMENT)
    await bot.send_document(chat_id, BufferedInputFile(file.data, filename=file.file_name), caption=file.caption)


async def send_voice(replay: VoiceReplay | Notice, *, bot: Bot, chat_id: int,
                     callback_answer: CallbackAnswer) -> None:
    if isinstance(replay, Notice):
        callback_answer.text = replay.text[:CALLBACK_TEXT_LIMIT]
        return
    await bot.send_voice(chat_id, replay.file_id, caption=replay.caption)
