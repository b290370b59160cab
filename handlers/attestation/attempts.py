"""Attempts in the chat: /exam, /mistakes, a practice on a topic, resume or restart, and the answers."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from handlers.attestation.callbacks import (
    AttemptAction,
    AttemptCallback,
    AttestAction,
    AttestCallback,
    LearnAction,
    LearnCallback,
)
from handlers.attestation.show import QuizFlow, show
from handlers.filters import TYPED_TEXT
from handlers.screen import Screen
from services.attestation.flow import AttestationService
from services.attestation.views import Kind
from services.texts import t

STARTS = {AttestAction.EXAM: Kind.EXAM, AttestAction.MISTAKES: Kind.MISTAKES}


def router() -> Router:
    router = Router(name="attestation-attempts")
    router.message.register(exam, Command("exam"))
    router.message.register(mistakes, Command("mistakes"))
    router.callback_query.register(practice_button, LearnCallback.filter(F.action == LearnAction.PRACTICE))
    router.callback_query.register(start_button, AttestCallback.filter(F.action.in_(set(STARTS))))
    router.callback_query.register(resume, AttestCallback.filter(F.action == AttestAction.RESUME))
    router.callback_query.register(restart, AttestCallback.filter(F.action == AttestAction.RESTART))
    return router


def answer_router() -> Router:
    """The buttons under a question and a typed numeric answer: most of the bot's traffic, so the router
    assembly tries this router first (its filters match nothing any other router handles)."""
    router = Router(name="attestation-answers")
    router.callback_query.register(attempt_button, AttemptCallback.filter())
    router.message.register(typed_answer, StateFilter(QuizFlow.active), TYPED_TEXT)
    return router


# ---- starting: a new attempt comes as a new message, below whatever was tapped ----------------------

async def _begin(kind: Kind, topic: str | None, user_id: int, *, screen: Screen, attestation: AttestationService,
                 state: FSMContext) -> None:
    view = await attestation.begin(user_id, kind, topic, chat_id=screen.chat_id)
    await show(view, screen=screen, attestation=attestation, state=state, in_place=False)


async def exam(message: Message, screen: Screen, attestation: AttestationService, state: FSMContext) -> None:
    assert message.from_user is not None
    await _begin(Kind.EXAM, None, message.from_user.id, screen=screen, attestation=attestation, state=state)


async def mistakes(message: Message, screen: Screen, attestation: AttestationService, state: FSMContext) -> None:
    assert message.from_user is not None
    await _begin(Kind.MISTAKES, None, message.from_user.id, screen=screen, attestation=attestation, state=state)


async def practice_button(query: CallbackQuery, callback_data: LearnCallback, screen: Screen,
                          attestation: AttestationService, state: FSMContext) -> None:
    await _begin(Kind.PRACTICE, callback_data.topic, query.from_user.id, screen=screen, attestation=attestation,
                 state=state)


async def start_button(query: CallbackQuery, callback_data: AttestCallback, screen: Screen,
                       attestation: AttestationService, state: FSMContext) -> None:
    await _begin(STARTS[callback_data.action], None, query.from_user.id, screen=screen, attestation=attestation,
                 state=state)


# ---- the offer of an unfinished attempt: shown in place of the offer ----------------------------------

async def resume(query: CallbackQuery, screen: Screen, attestation: AttestationService, state: FSMContext) -> None:
    # «Продолжить» in the offer, or under a paused question: the attempt goes on (un-paused) right here.
    await show(await attestation.resume(query.from_user.id), screen=screen, attestation=attestation, state=state)


async def restart(query: CallbackQuery, callback_data: AttestCallback, screen: Screen,
                  attestation: AttestationService, state: FSMContext) -> None:
    if callback_data.kind is None:
        return
    view = await attestation.start(query.from_user.id, callback_data.kind, callback_data.topic or None,
                                   chat_id=screen.chat_id)
    await show(view, screen=screen, attestation=attestation, state=state)


# ---- answering ------------------------------------------------------------------------------------

async def attempt_button(query: CallbackQuery, callback_data: AttemptCallback, screen: Screen,
                         attestation: AttestationService, state: FSMContext, raw_state: str | None = None) -> None:
    if screen.message is None:
        await screen.notice(t("attest-message-gone"))
        return
    user_id, attempt_id, position = query.from_user.id, callback_data.a, callback_data.p
    message_id = screen.message.message_id  # only the live copy of a question answers it
    if callback_data.act == AttemptAction.OPTION:
        view = await attestation.tap(user_id, attempt_id, position, callback_data.v, message_id)
    elif callback_data.act == AttemptAction.DONE:
        view = await attestation.done(user_id, attempt_id, position, message_id)
    elif callback_data.act == AttemptAction.RESET:
        view = await attestation.reset(user_id, attempt_id, position, message_id)
    else:
        view = await attestation.next(user_id, attempt_id, position)
    await show(view, screen=screen, attestation=attestation, state=state, raw_state=raw_state)


async def typed_answer(message: Message, screen: Screen, attestation: AttestationService,
                       state: FSMContext, raw_state: str | None = None) -> None:
    assert message.from_user is not None and message.text is not None
    # A typed answer comes below the question, so the verdict goes in a new message under it.
    await show(await attestation.typed(message.from_user.id, message.text), screen=screen,
               attestation=attestation, state=state, raw_state=raw_state)
