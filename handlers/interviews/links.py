"""Remote hiring interviews in the chat: /start cand_<token>, the candidate's answers, the owner's link buttons.

`start_router()` must come before the common router, which takes every other /start payload — and /cancel,
which for a candidate pauses his questions instead of showing the owner's main menu.
"""

from __future__ import annotations

import logging

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.filters import Command, CommandObject, CommandStart, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from handlers.filters import NOT_A_COMMAND, NOT_TEXT, TYPED_TEXT, VOICE
from handlers.interviews import keyboards as kb
from handlers.interviews.callbacks import CandidateCallback, LinkAction, LinkCallback
from handlers.interviews.screens import show_outcome
from handlers.interviews.states import CandidateData, InterviewStates, current_interview, is_new_message
from handlers.keyboards import main_menu
from handlers.screen import Screen
from services.interviews.engine.tokens import START_PREFIX, parse_start_param
from services.interviews.flow.candidates import CandidateLinks
from services.interviews.flow.steps import InterviewSteps
from services.interviews.views import CandidateDoneView, CandidateHint, CandidateQuestionView, OwnLinkView
from services.notice import Notice
from services.texts import t

logger = logging.getLogger(__name__)


def start_router() -> Router:
    router = Router(name="interview_links_start")
    router.message.register(open_candidate_link, CommandStart(deep_link=True, magic=F.args.startswith(START_PREFIX)))
    router.message.register(candidate_cancel, Command("cancel"),
                            StateFilter(InterviewStates.candidate, InterviewStates.candidate_paused))
    return router


def router() -> Router:
    router = Router(name="interview_links")
    router.message.register(candidate_text, StateFilter(InterviewStates.candidate), TYPED_TEXT)
    router.message.register(candidate_voice, StateFilter(InterviewStates.candidate), VOICE)
    router.message.register(candidate_other, StateFilter(InterviewStates.candidate), NOT_TEXT)
    router.message.register(candidate_paused, StateFilter(InterviewStates.candidate_paused), NOT_A_COMMAND)
    router.callback_query.register(candidate_resume, CandidateCallback.filter())
    router.callback_query.register(link_button, LinkCallback.filter())
    return router


async def open_candidate_link(message: Message, command: CommandObject, state: FSMContext, screen: Screen,
                              candidate_links: CandidateLinks) -> None:
    assert message.from_user is not None
    outcome = await candidate_links.open_link(message.from_user.id, parse_start_param(command.args))
    if isinstance(outcome, CandidateQuestionView):
        await state.set_state(InterviewStates.candidate)
        await state.set_data(CandidateData(interview_id=outcome.interview_id, last_msg=message.message_id))
        await screen.send(outcome.text)
    elif isinstance(outcome, OwnLinkView):
        await screen.send(outcome.text, main_menu())  # the owner's own flow, if any, goes on
    else:
        await state.clear()  # the link did not open: whatever the user was doing as a candidate is over
        await screen.send(outcome.text, main_menu())


async def _answer(message: Message, state: FSMContext, screen: Screen, candidate_links: CandidateLinks, *,
                  text: str | None = None, voice_file_id: str | None = None, voice_seconds: int | None = None) -> None:
    assert message.from_user is not None
    interview_id = await current_interview(state)
    if not await is_new_message(state, message):
        return
    outcome = await candidate_links.answer(message.from_user.id, interview_id, text=text, voice_file_id=voice_file_id,
                                           voice_seconds=voice_seconds)
    await _show_candidate(outcome, state, screen)


async def _show_candidate(outcome: CandidateQuestionView | CandidateDoneView | CandidateHint | Notice,
                          state: FSMContext, screen: Screen) -> None:
    if isinstance(outcome, CandidateQuestionView):
        await screen.send(outcome.text)
        return
    if isinstance(outcome, CandidateHint):  # his questions go on
        await screen.send(outcome.text, kb.candidate_resume() if outcome.resume else None)
        return
    await state.clear()
    await screen.send(outcome.text)
    if isinstance(outcome, CandidateDoneView):
        await _notify_owner(outcome, screen)


async def _notify_owner(done: CandidateDoneView, screen: Screen) -> None:
    try:
        await Screen(screen.bot, done.owner_id).send(done.owner_text, kb.rate_answers(done.interview_id))
    except (TelegramForbiddenError, TelegramBadRequest) as exc:
        # The owner blocked the bot: the answers are saved and wait in his /interviews.
        logger.warning("Could not notify the owner of interview %s: %r", done.interview_id, exc)


async def candidate_text(message: Message, state: FSMContext, screen: Screen,
                         candidate_links: CandidateLinks) -> None:
    await _answer(message, state, screen, candidate_links, text=message.text)


async def candidate_voice(message: Message, state: FSMContext, screen: Screen,
                          candidate_links: CandidateLinks) -> None:
    assert message.voice is not None
    await _answer(message, state, screen, candidate_links, voice_file_id=message.voice.file_id,
                  voice_seconds=message.voice.duration)


async def candidate_other(message: Message, screen: Screen) -> None:
    await screen.send(t("interview-candidate-text-or-voice"))


async def candidate_cancel(message: Message, state: FSMContext, screen: Screen,
                           candidate_links: CandidateLinks) -> None:
    """/cancel from a candidate: his answers wait; he sees how to come back to the questions, not a main menu."""
    assert message.from_user is not None
    outcome = await candidate_links.pause(message.from_user.id, await current_interview(state))
    if isinstance(outcome, Notice):  # the interview is over or was called off: say so, still no owner's menu
        await state.clear()
        await screen.send(outcome.text)
        return
    await state.set_state(InterviewStates.candidate_paused)
    await _show_candidate(outcome, state, screen)


async def candidate_paused(message: Message, state: FSMContext, screen: Screen,
                           candidate_links: CandidateLinks) -> None:
    """Anything the candidate sends while paused: the same «Продолжить» offer."""
    await candidate_cancel(message, state, screen, candidate_links)


async def candidate_resume(query: CallbackQuery, state: FSMContext, screen: Screen,
                           candidate_links: CandidateLinks) -> None:
    outcome = await candidate_links.resume(query.from_user.id)
    if isinstance(outcome, Notice):
        await screen.show(outcome.text)
        return
    await state.set_state(InterviewStates.candidate)
    await state.update_data(CandidateData(interview_id=outcome.interview_id))
    await screen.show(outcome.text)


async def link_button(query: CallbackQuery, callback_data: LinkCallback, bot: Bot, state: FSMContext,
                      screen: Screen, candidate_links: CandidateLinks, interview_steps: InterviewSteps) -> None:
    if callback_data.a == LinkAction.NEW:
        me = await bot.me()
        outcome = await candidate_links.renew(query.from_user.id, callback_data.i, me.username or "")
    else:
        outcome = await candidate_links.revoke(query.from_user.id, callback_data.i)
    await show_outcome(outcome, screen=screen, state=state, steps=interview_steps)
