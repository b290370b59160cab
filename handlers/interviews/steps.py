"""The owner inside an interview: step buttons, typed notes and answers, voice, exports, /interviews."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.interviews.callbacks import EXPORT_FORMATS, InterviewMenuCallback, StepCallback
from handlers.interviews.common import (
    InterviewStates,
    flow_context,
    is_new_message,
    send_file,
    send_voice,
    show,
)
from services.interviews.flow import texts
from services.interviews.flow.overview import InterviewOverview
from services.interviews.flow.steps import InterviewSteps
from services.interviews.views import Notice, Outcome

router = Router(name="interview_steps")
STEP_ACTIONS = {"r", "f", "s", "b", "n", "e"}


def _editable(query: CallbackQuery) -> Message | None:
    # A message older than 48 hours comes as InaccessibleMessage: the step then goes to a new message.
    return query.message if isinstance(query.message, Message) else None


@router.callback_query(StepCallback.filter(F.a.in_(STEP_ACTIONS)))
async def step_button(query: CallbackQuery, callback_data: StepCallback, bot: Bot, session: AsyncSession,
                      state: FSMContext, callback_answer: CallbackAnswer) -> None:
    steps = InterviewSteps(flow_context(session))
    user_id, i, p, v = query.from_user.id, callback_data.i, callback_data.p, callback_data.v
    outcome: Outcome
    if callback_data.a == "r":
        outcome = await steps.rate(user_id, i, p, v)
    elif callback_data.a == "f":
        outcome = await steps.toggle(user_id, i, p, v, callback_data.on == 1)
    elif callback_data.a == "s":
        outcome = await steps.skip(user_id, i, p)
    elif callback_data.a == "b":
        outcome = await steps.back(user_id, i, p)
    elif callback_data.a == "n":
        outcome = await steps.next(user_id, i, p)
    else:
        outcome = await steps.finish(user_id, i, p)
    await show(outcome, bot=bot, chat_id=user_id, session=session, state=state, at=_editable(query),
               callback_answer=callback_answer)


@router.callback_query(StepCallback.filter(F.a == "o"))
async def open_interview(query: CallbackQuery, callback_data: StepCallback, bot: Bot, session: AsyncSession,
                         state: FSMContext, callback_answer: CallbackAnswer) -> None:
    outcome = await InterviewSteps(flow_context(session)).open(query.from_user.id, callback_data.i)
    await show(outcome, bot=bot, chat_id=query.from_user.id, session=session, state=state, at=_editable(query),
               callback_answer=callback_answer)


@router.callback_query(StepCallback.filter(F.a == "v"))
async def replay_voice(query: CallbackQuery, callback_data: StepCallback, bot: Bot, session: AsyncSession,
                       callback_answer: CallbackAnswer) -> None:
    replay = await InterviewSteps(flow_context(session)).replay(query.from_user.id, callback_data.i, callback_data.p)
    await send_voice(replay, bot=bot, chat_id=query.from_user.id, callback_answer=callback_answer)


@router.callback_query(StepCallback.filter(F.a == "x"))
async def export_interview(query: CallbackQuery, callback_data: StepCallback, bot: Bot, session: AsyncSession,
                           callback_answer: CallbackAnswer) -> None:
    fmt = EXPORT_FORMATS[callback_data.v] if 0 <= callback_data.v < len(EXPORT_FORMATS) else ""
    file = await InterviewSteps(flow_context(session)).export(query.from_user.id, callback_data.i, fmt)
    await send_file(file, bot=bot, chat_id=query.from_user.id, callback_answer=callback_answer)


# ---- typed input inside an interview ----------------------------------------------------------------

async def _current_interview(state: FSMContext) -> int | None:
    interview_id = (await state.get_data()).get("interview_id")
    return interview_id if isinstance(interview_id, int) else None


@router.message(InterviewStates.owner, F.text & ~F.text.startswith("/"))
async def typed_in_interview(message: Message, bot: Bot, session: AsyncSession, state: FSMContext) -> None:
    assert message.from_user is not None and message.text is not None
    interview_id = await _current_interview(state)
    if not await is_new_message(state, message):
        return
    outcome: Outcome = Notice(texts.NOTHING_ACTIVE)
    if interview_id is not None:
        outcome = await InterviewSteps(flow_context(session)).typed(message.from_user.id, interview_id, message.text)
    # The message sits under the card now, so the updated card comes as a new message below it.
    await show(outcome, bot=bot, chat_id=message.chat.id, session=session, state=state)


@router.message(InterviewStates.owner, F.voice)
async def voice_in_interview(message: Message, bot: Bot, session: AsyncSession, state: FSMContext) -> None:
    assert message.from_user is not None and message.voice is not None
    interview_id = await _current_interview(state)
    if not await is_new_message(state, message):
        return
    outcome: Outcome = Notice(texts.NOTHING_ACTIVE)
    if interview_id is not None:
        outcome = await InterviewSteps(flow_context(session)).voice(message.from_user.id, interview_id,
                                                                     message.voice.file_id)
    await show(outcome, bot=bot, chat_id=message.chat.id, session=session, state=state)


# ---- the owner's list -------------------------------------------------------------------------------

@router.message(Command("interviews"))
async def interviews_command(message: Message, bot: Bot, session: AsyncSession, state: FSMContext) -> None:
    assert message.from_user is not None
    listing = await InterviewOverview(flow_context(session)).list_for(message.from_user.id)
    await show(listing, bot=bot, chat_id=message.chat.id, session=session, state=state)


@router.callback_query(InterviewMenuCallback.filter(F.a == "list"))
async def interviews_button(query: CallbackQuery, bot: Bot, session: AsyncSession, state: FSMContext) -> None:
    listing = await InterviewOverview(flow_context(session)).list_for(query.from_user.id)
    # A new message: the one pressed may be an interview card that must keep its place.
    await show(listing, bot=bot, chat_id=query.from_user.id, session=session, state=state)
