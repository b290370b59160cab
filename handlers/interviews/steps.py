"""The owner inside an interview: step buttons, typed notes and answers, voice, exports, /interviews."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from handlers.filters import NEITHER_TEXT_NOR_VOICE, TYPED_TEXT, VOICE
from handlers.interviews.callbacks import (
    EXPORT_FORMATS,
    STEP_MOVES,
    InterviewsAction,
    InterviewsMenuCallback,
    StepAction,
    StepCallback,
)
from handlers.interviews.screens import send_file, send_voice, show_move, show_outcome, show_overview, typed_below
from handlers.interviews.states import InterviewStates, current_interview, is_new_message
from handlers.screen import Screen
from services.interviews.flow.overview import InterviewOverview
from services.interviews.flow.steps import InterviewSteps
from services.interviews.views import Outcome

Move = Callable[[InterviewSteps, int, StepCallback], Awaitable[Outcome]]
MOVES: dict[StepAction, Move] = {
    StepAction.RATE: lambda steps, user, data: steps.rate(user, data.i, data.p, data.v),
    StepAction.TOGGLE: lambda steps, user, data: steps.toggle(user, data.i, data.p, data.v, data.on == 1),
    StepAction.SKIP: lambda steps, user, data: steps.skip(user, data.i, data.p),
    StepAction.BACK: lambda steps, user, data: steps.back(user, data.i, data.p),
    StepAction.NEXT: lambda steps, user, data: steps.next(user, data.i, data.p),
    StepAction.END: lambda steps, user, data: steps.finish(user, data.i, data.p),
}
assert set(MOVES) == STEP_MOVES


def router() -> Router:
    router = Router(name="interview_steps")
    router.callback_query.register(step_button, StepCallback.filter(F.a.in_(STEP_MOVES)))
    router.callback_query.register(open_interview, StepCallback.filter(F.a == StepAction.OPEN))
    router.callback_query.register(replay_voice, StepCallback.filter(F.a == StepAction.VOICE))
    router.callback_query.register(export_interview, StepCallback.filter(F.a == StepAction.EXPORT))
    router.message.register(typed_in_interview, StateFilter(InterviewStates.owner), TYPED_TEXT)
    router.message.register(voice_in_interview, StateFilter(InterviewStates.owner), VOICE)
    # Stickers, photos, files: one line saying what the step takes (a command still goes to its handler).
    router.message.register(other_in_interview, StateFilter(InterviewStates.owner), NEITHER_TEXT_NOR_VOICE)
    router.message.register(interviews_command, Command("interviews"))
    router.callback_query.register(interviews_button, InterviewsMenuCallback.filter(F.a == InterviewsAction.LIST))
    return router


async def step_button(query: CallbackQuery, callback_data: StepCallback, state: FSMContext, screen: Screen,
                      interview_steps: InterviewSteps) -> None:
    outcome = await MOVES[callback_data.a](interview_steps, query.from_user.id, callback_data)
    await show_move(outcome, callback_data.p, screen=screen, state=state, steps=interview_steps)


async def open_interview(query: CallbackQuery, callback_data: StepCallback, state: FSMContext, screen: Screen,
                         interview_steps: InterviewSteps) -> None:
    outcome = await interview_steps.open(query.from_user.id, callback_data.i)
    await show_outcome(outcome, screen=screen, state=state, steps=interview_steps)


async def replay_voice(query: CallbackQuery, callback_data: StepCallback, screen: Screen,
                       interview_steps: InterviewSteps) -> None:
    await send_voice(await interview_steps.replay(query.from_user.id, callback_data.i, callback_data.p), screen)


async def export_interview(query: CallbackQuery, callback_data: StepCallback, screen: Screen,
                           interview_steps: InterviewSteps) -> None:
    fmt = EXPORT_FORMATS[callback_data.v] if 0 <= callback_data.v < len(EXPORT_FORMATS) else ""
    await send_file(await interview_steps.export(query.from_user.id, callback_data.i, fmt), screen)


# ---- typed input inside an interview ----------------------------------------------------------------

async def typed_in_interview(message: Message, state: FSMContext, screen: Screen,
                             interview_steps: InterviewSteps) -> None:
    assert message.from_user is not None and message.text is not None
    interview_id = await current_interview(state)
    if not await is_new_message(state, message):
        return
    await typed_below(state)
    outcome = await interview_steps.typed(message.from_user.id, interview_id, message.text)
    # A note or an answer: a line says it is kept, the card above is edited in place (not sent again).
    await show_outcome(outcome, screen=screen, state=state, steps=interview_steps)


async def voice_in_interview(message: Message, state: FSMContext, screen: Screen,
                             interview_steps: InterviewSteps) -> None:
    assert message.from_user is not None and message.voice is not None
    interview_id = await current_interview(state)
    if not await is_new_message(state, message):
        return
    await typed_below(state)
    outcome = await interview_steps.voice(message.from_user.id, interview_id, message.voice.file_id,
                                          message.voice.duration)
    await show_outcome(outcome, screen=screen, state=state, steps=interview_steps)


async def other_in_interview(message: Message, state: FSMContext, screen: Screen,
                             interview_steps: InterviewSteps) -> None:
    assert message.from_user is not None
    if not await is_new_message(state, message):
        return
    await typed_below(state)
    outcome = await interview_steps.unreadable(message.from_user.id, await current_interview(state))
    await show_outcome(outcome, screen=screen, state=state, steps=interview_steps)


# ---- the owner's list -------------------------------------------------------------------------------

async def interviews_command(message: Message, screen: Screen, interview_overview: InterviewOverview) -> None:
    assert message.from_user is not None
    await show_overview(await interview_overview.list_for(message.from_user.id), screen)


async def interviews_button(query: CallbackQuery, screen: Screen, interview_overview: InterviewOverview) -> None:
    # A new message: the one pressed may be an interview card that must keep its place.
    await show_overview(await interview_overview.list_for(query.from_user.id), screen)
