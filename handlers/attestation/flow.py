"""Attestation in the chat: /learn, /quiz, /exam, /mistakes, /results, /verify and the question buttons."""

from __future__ import annotations

import logging

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.attempts import AttemptRepository, CertificateRepository
from handlers.attestation import keyboards as kb
from handlers.attestation.callbacks import AttemptCallback, AttestCallback, LearnCallback
from handlers.callbacks import MenuCallback
from handlers.editing import edit_in_place
from handlers.team import hooks as team_hooks
from services.attestation.engine.content import load_bank
from services.attestation.flow import (
    AttestationService,
    FeedbackView,
    FinishedView,
    Notice,
    Outcome,
    QuestionView,
    attempt_label,
    card_text,
)

logger = logging.getLogger(__name__)
router = Router(name="attestation")

HOME_TEXT = (
    "<b>Аттестация</b>\n\n"
    "📚 Карточки — коротко о каждой теме методики.\n"
    "🏋️ Тренировка — вопросы по одной теме с разбором каждого ответа.\n"
    "🎓 Экзамен — 20 вопросов по всем темам, разбор в конце, порог 80 %, сертификат.\n"
    "🔁 Работа над ошибками — вопросы, на которых вы ошиблись."
)


class QuizFlow(StatesGroup):
    active = State()  # an attempt is open: typed text is the answer to a numeric question


def service(session: AsyncSession) -> AttestationService:
    return AttestationService(AttemptRepository(session), CertificateRepository(session), load_bank())


# ---- rendering --------------------------------------------------------------------------------------

async def show(outcome: Outcome, *, bot: Bot, chat_id: int, svc: AttestationService, state: FSMContext,
               edit: Message | None = None, callback_answer: CallbackAnswer | None = None) -> None:
    """Put an outcome on the screen: edit the flow's message in place when we have it, else send one."""
    if isinstance(outcome, Notice):
        if callback_answer is not None:
            callback_answer.text = outcome.text[:200]
        else:
            await bot.send_message(chat_id, outcome.text)
        if outcome.view is not None:
            await show(outcome.view, bot=bot, chat_id=chat_id, svc=svc, state=state, edit=edit)
        return
    if isinstance(outcome, QuestionView):
        text, markup = outcome.text, kb.question(outcome)
        await state.set_state(QuizFlow.active)
    elif isinstance(outcome, FeedbackView):
        text, markup = outcome.text, kb.feedback(outcome)
    else:
        await _show_finished(outcome, bot=bot, chat_id=chat_id, state=state, edit=edit)
        if outcome.kind == "exam" and outcome.just_finished:
            await team_hooks.exam_finished(svc.attempts.session, outcome.attempt_id)
        return
    shown = await edit_in_place(edit, text, markup) if edit is not None else None
    if shown is None:
        shown = await bot.send_message(chat_id, text, reply_markup=markup)
        await svc.set_message(outcome.attempt_id, chat_id, shown.message_id)


async def _show_finished(view: FinishedView, *, bot: Bot, chat_id: int, state: FSMContext,
                         edit: Message | None) -> None:
    await state.clear()
    markup = kb.finished(view)
    shown = await edit_in_place(edit, view.text, markup) if edit is not None else None
    if shown is None:
        await bot.send_message(chat_id, view.text, reply_markup=markup)
    if view.certificate_png and view.certificate_code:
        await bot.send_photo(
            chat_id,
            BufferedInputFile(view.certificate_png, filename=f"certificate-{view.certificate_code}.png"),
            caption=f"🎓 Ваш сертификат. Код проверки: <code>{view.certificate_code}</code>",
        )


async def _start(kind: str, topic: str | None, *, user_id: int, chat_id: int, bot: Bot, session: AsyncSession,
                 state: FSMContext, edit: Message | None = None) -> None:
    svc = service(session)
    active = await svc.active(user_id)
    if active is not None:
        await bot.send_message(
            chat_id,
            f"У вас есть незавершённая попытка: {attempt_label(active, svc.bank)}. Продолжить или начать заново?",
            reply_markup=kb.resume(kind, topic or ""),
        )
        return
    outcome = await svc.start(user_id, kind, topic, chat_id=chat_id)
    await show(outcome, bot=bot, chat_id=chat_id, svc=svc, state=state, edit=edit)


# ---- entry points -----------------------------------------------------------------------------------

@router.message(Command("learn"))
async def learn(message: Message) -> None:
    await message.answer("Выберите тему — откроется учебная карточка.", reply_markup=kb.topics(load_bank(), "card"))


@router.message(Command("quiz"))
async def quiz(message: Message) -> None:
    await message.answer("Тренировка: выберите тему.", reply_markup=kb.topics(load_bank(), "practice"))


@router.message(Command("exam"))
async def exam(message: Message, bot: Bot, session: AsyncSession, state: FSMContext) -> None:
    assert message.from_user is not None
    await _start("exam", None, user_id=message.from_user.id, chat_id=message.chat.id, bot=bot,
                 session=session, state=state)


@router.message(Command("mistakes"))
async def mistakes(message: Message, bot: Bot, session: AsyncSession, state: FSMContext) -> None:
    assert message.from_user is not None
    await _start("mistakes", None, user_id=message.from_user.id, chat_id=message.chat.id, bot=bot,
                 session=session, state=state)


@router.message(Command("results"))
async def results(message: Message, session: AsyncSession) -> None:
    assert message.from_user is not None
    await message.answer(await service(session).results_text(message.from_user.id), reply_markup=kb.home())


@router.message(Command("verify"))
async def verify(message: Message, command: CommandObject, session: AsyncSession) -> None:
    await message.answer(await service(session).verify(command.args or ""))


@router.callback_query(MenuCallback.filter(F.section == "attest"))
async def menu_attest(query: CallbackQuery) -> None:
    if isinstance(query.message, Message):
        await query.message.answer(HOME_TEXT, reply_markup=kb.home())


@router.callback_query(AttestCallback.filter(F.action == "home"))
async def attest_home(query: CallbackQuery) -> None:
    if isinstance(query.message, Message):
        await edit_in_place(query.message, HOME_TEXT, kb.home())


@router.callback_query(LearnCallback.filter())
async def learn_button(query: CallbackQuery, callback_data: LearnCallback, bot: Bot, session: AsyncSession,
                       state: FSMContext, callback_answer: CallbackAnswer) -> None:
    if not isinstance(query.message, Message):
        return
    bank = load_bank()
    if callback_data.action in ("topics", "pick"):
        action = "card" if callback_data.action == "topics" else "practice"
        text = "Выберите тему — откроется учебная карточка." if action == "card" else "Тренировка: выберите тему."
        await edit_in_place(query.message, text, kb.topics(bank, action))
        return
    if not bank.has_topic(callback_data.topic):
        callback_answer.text = "Такой темы больше нет. Откройте /learn."
        return
    if callback_data.action == "card":
        await query.message.answer(card_text(bank, callback_data.topic), reply_markup=kb.card(callback_data.topic))
    elif callback_data.action == "practice":
        await _start("practice", callback_data.topic, user_id=query.from_user.id, chat_id=query.message.chat.id,
                     bot=bot, session=session, state=state)


@router.callback_query(AttestCallback.filter(F.action.in_({"exam", "mistakes"})))
async def attest_start(query: CallbackQuery, callback_data: AttestCallback, bot: Bot, session: AsyncSession,
                       state: FSMContext) -> None:
    if isinstance(query.message, Message):
        await _start(callback_data.action, None, user_id=query.from_user.id, chat_id=query.message.chat.id,
                     bot=bot, session=session, state=state)


@router.callback_query(AttestCallback.filter(F.action == "results"))
async def attest_results(query: CallbackQuery, session: AsyncSession) -> None:
    if isinstance(query.message, Message):
        await query.message.answer(await service(session).results_text(query.from_user.id), reply_markup=kb.home())


@router.callback_query(AttestCallback.filter(F.action == "resume"))
async def resume(query: CallbackQuery, bot: Bot, session: AsyncSession, state: FSMContext,
                 callback_answer: CallbackAnswer) -> None:
    if not isinstance(query.message, Message):
        return
    svc = service(session)
    outcome = await svc.current(query.from_user.id)
    await show(outcome, bot=bot, chat_id=query.message.chat.id, svc=svc, state=state, edit=query.message,
               callback_answer=callback_answer)


@router.callback_query(AttestCallback.filter(F.action == "restart"))
async def restart(query: CallbackQuery, callback_data: AttestCallback, bot: Bot, session: AsyncSession,
                  state: FSMContext, callback_answer: CallbackAnswer) -> None:
    if not isinstance(query.message, Message) or callback_data.kind not in ("practice", "exam", "mistakes"):
        return
    svc = service(session)
    outcome = await svc.start(query.from_user.id, callback_data.kind, callback_data.topic or None,
                              chat_id=query.message.chat.id)
    await show(outcome, bot=bot, chat_id=query.message.chat.id, svc=svc, state=state, edit=query.message,
               callback_answer=callback_answer)


# ---- answering --------------------------------------------------------------------------------------

@router.callback_query(AttemptCallback.filter())
async def attempt_button(query: CallbackQuery, callback_data: AttemptCallback, bot: Bot, session: AsyncSession,
                         state: FSMContext, callback_answer: CallbackAnswer) -> None:
    if not isinstance(query.message, Message):
        callback_answer.text = "Сообщение устарело. Откройте /exam или /quiz."
        return
    svc = service(session)
    user_id, a, p = query.from_user.id, callback_data.a, callback_data.p
    if callback_data.act == "o":
        outcome = await svc.tap(user_id, a, p, callback_data.v)
    elif callback_data.act == "d":
        outcome = await svc.done(user_id, a, p)
    elif callback_data.act == "r":
        outcome = await svc.reset(user_id, a, p)
    else:
        outcome = await svc.next(user_id, a, p)
    await show(outcome, bot=bot, chat_id=query.message.chat.id, svc=svc, state=state, edit=query.message,
               callback_answer=callback_answer)


@router.message(QuizFlow.active, F.text & ~F.text.startswith("/"))
async def typed_answer(message: Message, bot: Bot, session: AsyncSession, state: FSMContext) -> None:
    assert message.from_user is not None and message.text is not None
    svc = service(session)
    outcome = await svc.typed(message.from_user.id, message.text)
    # A typed answer comes below the question, so the verdict goes in a new message under it.
    await show(outcome, bot=bot, chat_id=message.chat.id, svc=svc, state=state)
