"""Remote РОП interviews in the chat: /start cand_<token>, the candidate's answers, the owner's link buttons.

`start_router` must come before the common router, which takes every other /start payload.
"""

from __future__ import annotations

import logging

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.filters import CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.interviews import keyboards as kb
from handlers.interviews.callbacks import LinkCallback
from handlers.interviews.common import InterviewStates, flow_context, is_new_message, show
from handlers.keyboards import main_menu
from services.interviews.engine.tokens import START_PREFIX, parse_start_param
from services.interviews.flow import texts
from services.interviews.flow.candidates import CandidateLinks
from services.interviews.views import CandidateDoneView, CandidateQuestionView, LinkView, Notice

logger = logging.getLogger(__name__)
start_router = Router(name="interview_links_start")
router = Router(name="interview_links")


@start_router.message(CommandStart(deep_link=True, magic=F.args.startswith(START_PREFIX)))
async def open_candidate_link(message: Message, command: CommandObject, session: AsyncSession,
                              state: FSMContext) -> None:
    assert message.from_user is not None
    token = parse_start_param(command.args)
    links = CandidateLinks(flow_context(session))
    outcome = await links.open_link(message.from_user.id, token) if token else Notice(texts.LINK_UNKNOWN)
    if isinstance(outcome, Notice):
        if outcome.text != texts.OWN_LINK:
            await state.clear()
        await message.answer(outcome.text, reply_markup=main_menu())
        return
    await state.set_state(InterviewStates.candidate)
    await state.set_data({"interview_id": outcome.interview_id, "last_msg": message.message_id})
    await message.answer(outcome.text)


async def _candidate_outcome(outcome: CandidateQuestionView | CandidateDoneView | Notice, *, message: Message,
                             bot: Bot, state: FSMContext) -> None:
    if isinstance(outcome, CandidateQuestionView):
        await message.answer(outcome.text)
        return
    await state.clear()
    await message.answer(outcome.text)
    if isinstance(outcome, CandidateDoneView):
        try:
            await bot.send_message(outcome.owner_id, outcome.owner_text,
                                   reply_markup=kb.rate_answers(outcome.interview_id))
        except (TelegramForbiddenError, TelegramBadRequest) as exc:
            # The owner blocked the bot: the answers are saved and wait in his /interviews.
            logger.warning("Could not notify the owner of interview %s: %r", outcome.interview_id, exc)


async def _answer(message: Message, bot: Bot, session: AsyncSession, state: FSMContext, *,
                  text: str | None = None, voice_file_id: str | None = None) -> None:
    assert message.from_user is not None
    interview_id = (await state.get_data()).get("interview_id")
    if not await is_new_message(state, message):
        return
    links = CandidateLinks(flow_context(session))
    outcome: CandidateQuestionView | CandidateDoneView | Notice = Notice(texts.CANDIDATE_CLOSED)
    if isinstance(interview_id, int):
        outcome = await links.answer(message.from_user.id, interview_id, text=text, voice_file_id=voice_file_id)
    await _candidate_outcome(outcome, message=message, bot=bot, state=state)


@router.message(InterviewStates.candidate, F.text & ~F.text.startswith("/"))
async def candidate_text(message: Message, bot: Bot, session: AsyncSession, state: FSMContext) -> None:
    await _answer(message, bot, session, state, text=message.text)


@router.message(InterviewStates.candidate, F.voice)
async def candidate_voice(message: Message, bot: Bot, session: AsyncSession, state: FSMContext) -> None:
    assert message.voice is not None
    await _answer(message, bot, session, state, voice_file_id=message.voice.file_id)


@router.message(InterviewStates.candidate, ~F.text)
async def candidate_other(message: Message) -> None:
    await message.answer(texts.CANDIDATE_TEXT_OR_VOICE)


@router.callback_query(LinkCallback.filter())
async def link_button(query: CallbackQuery, callback_data: LinkCallback, bot: Bot, session: AsyncSession,
                      state: FSMContext, callback_answer: CallbackAnswer) -> None:
    links = CandidateLinks(flow_context(session))
    outcome: LinkView | Notice
    if callback_data.a == "new":
        me = await bot.me()
        outcome = await links.renew(query.from_user.id, callback_data.i, me.username or "")
    else:
        outcome = await links.revoke(query.from_user.id, callback_data.i)
    at = query.message if isinstance(query.message, Message) else None
    await show(outcome, bot=bot, chat_id=query.from_user.id, session=session, state=state, at=at,
               callback_answer=callback_answer)
