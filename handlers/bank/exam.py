"""The team's exam settings (the owner only): size, pass mark, by weight or count, sources, the exam's name."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from handlers.bank import keyboards as kb
from handlers.bank.callbacks import ExamAction, ExamCallback
from handlers.bank.states import BankData, BankStates, bank_data, leave_bank_input
from handlers.filters import TYPED_TEXT
from handlers.screen import Screen
from services.attestation.own.flow.exam import ExamSettingsService
from services.notice import Refusal
from services.texts import t


def get_router() -> Router:
    router = Router(name="bank-exam")
    cb = router.callback_query
    cb.register(view, ExamCallback.filter(F.a == ExamAction.VIEW))
    cb.register(change, ExamCallback.filter(F.a.in_({ExamAction.SIZE, ExamAction.PASS, ExamAction.MODE,
                                                     ExamAction.SOURCE, ExamAction.RESET})))
    cb.register(ask_title, ExamCallback.filter(F.a == ExamAction.TITLE))
    router.message.register(got_title, StateFilter(BankStates.exam_title), TYPED_TEXT)
    return router


async def view(query: CallbackQuery, callback_data: ExamCallback, state: FSMContext, screen: Screen,
               bank_exam: ExamSettingsService) -> None:
    shown = await bank_exam.view(query.from_user.id, callback_data.t)
    await leave_bank_input(state)
    await screen.show(shown.text, kb.exam(shown))


async def change(query: CallbackQuery, callback_data: ExamCallback, screen: Screen,
                 bank_exam: ExamSettingsService) -> None:
    user_id, team_id = query.from_user.id, callback_data.t
    if callback_data.a == ExamAction.SIZE:
        shown = await bank_exam.cycle_size(user_id, team_id)
    elif callback_data.a == ExamAction.PASS:
        shown = await bank_exam.cycle_pass_mark(user_id, team_id)
    elif callback_data.a == ExamAction.MODE:
        shown = await bank_exam.toggle_mode(user_id, team_id)
    elif callback_data.a == ExamAction.SOURCE:
        shown = await bank_exam.cycle_source(user_id, team_id, callback_data.v)
    else:
        shown = await bank_exam.reset(user_id, team_id)
    await screen.show(shown.text, kb.exam(shown))


async def ask_title(query: CallbackQuery, callback_data: ExamCallback, state: FSMContext, screen: Screen,
                    bank_exam: ExamSettingsService) -> None:
    text = await bank_exam.ask_title(query.from_user.id, callback_data.t)
    await state.set_state(BankStates.exam_title)
    await state.update_data(BankData(bank_exam_team=callback_data.t))
    await screen.send(text)


async def got_title(message: Message, state: FSMContext, screen: Screen, bank_exam: ExamSettingsService) -> None:
    assert message.from_user is not None and message.text is not None
    team_id = (await bank_data(state)).get("bank_exam_team")
    if not team_id:
        raise Refusal(t("bank-ed-stale"))
    shown = await bank_exam.set_title(message.from_user.id, team_id, message.text)
    await leave_bank_input(state)
    await screen.send(shown.text, kb.exam(shown))
