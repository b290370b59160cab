"""/bank and the team card's «Вопросы компании»: the bank, its topics and questions, hiding and deleting, the
editors; and a member's view of an own topic's card (from /learn)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from handlers.attestation.callbacks import LearnAction, LearnCallback
from handlers.bank import keyboards as kb
from handlers.bank.callbacks import BankAction, BankCallback, CardAction, CardCallback
from handlers.bank.states import leave_bank_input
from handlers.screen import Screen
from services.attestation.own.engine.bank import TOPIC_PREFIX, topic_key
from services.attestation.own.flow.topics import BankService


def get_router() -> Router:
    router = Router(name="bank")
    cb = router.callback_query
    router.message.register(bank_command, Command("bank"))
    cb.register(teams, BankCallback.filter(F.a == BankAction.TEAMS))
    cb.register(home, BankCallback.filter(F.a == BankAction.HOME))
    cb.register(topic, BankCallback.filter(F.a == BankAction.TOPIC))
    cb.register(hide_topic, BankCallback.filter(F.a.in_({BankAction.HIDE_TOPIC, BankAction.SHOW_TOPIC})))
    cb.register(ask_delete_topic, BankCallback.filter(F.a == BankAction.DELETE_TOPIC))
    cb.register(delete_topic, BankCallback.filter(F.a == BankAction.DELETE_TOPIC_YES))
    cb.register(question, BankCallback.filter(F.a == BankAction.QUESTION))
    cb.register(hide_question, BankCallback.filter(F.a.in_({BankAction.HIDE_QUESTION, BankAction.SHOW_QUESTION})))
    cb.register(ask_delete_question, BankCallback.filter(F.a == BankAction.DELETE_QUESTION))
    cb.register(delete_question, BankCallback.filter(F.a == BankAction.DELETE_QUESTION_YES))
    cb.register(editors, BankCallback.filter(F.a == BankAction.EDITORS))
    cb.register(toggle_editor, BankCallback.filter(F.a == BankAction.EDITOR))
    return router


def learn_router() -> Router:
    """An own topic's card from /learn (and from a result's weak topics): placed before the attestation routers,
    which show the built-in cards."""
    router = Router(name="bank-learn")
    router.callback_query.register(
        own_card, LearnCallback.filter((F.action == LearnAction.CARD) & F.topic.startswith(TOPIC_PREFIX)))
    router.callback_query.register(card_file, CardCallback.filter(F.a == CardAction.FILE))
    return router


# ---- the list of teams and a team's bank ----------------------------------------------------------------

async def bank_command(message: Message, state: FSMContext, screen: Screen, bank: BankService) -> None:
    assert message.from_user is not None
    await leave_bank_input(state)
    view = await bank.teams(message.from_user.id)
    if len(view.teams) == 1:  # one team: straight to its bank
        home_view = await bank.home(message.from_user.id, view.teams[0].id)
        await screen.send(home_view.text, kb.home(home_view))
        return
    await screen.send(view.text, kb.teams(view))


async def teams(query: CallbackQuery, state: FSMContext, screen: Screen, bank: BankService) -> None:
    await leave_bank_input(state)
    view = await bank.teams(query.from_user.id)
    await screen.show(view.text, kb.teams(view))


async def home(query: CallbackQuery, callback_data: BankCallback, state: FSMContext, screen: Screen,
               bank: BankService) -> None:
    view = await bank.home(query.from_user.id, callback_data.t, callback_data.p)
    await leave_bank_input(state)  # «Отмена» of an import or a new topic lands here
    await screen.show(view.text, kb.home(view))


# ---- a topic --------------------------------------------------------------------------------------------

async def topic(query: CallbackQuery, callback_data: BankCallback, state: FSMContext, screen: Screen,
                bank: BankService) -> None:
    view = await bank.topic(query.from_user.id, callback_data.x, callback_data.p)
    await leave_bank_input(state)  # «Отмена» of the editor lands here
    await screen.show(view.text, kb.topic(view))


async def hide_topic(query: CallbackQuery, callback_data: BankCallback, screen: Screen, bank: BankService) -> None:
    view = await bank.set_topic_hidden(query.from_user.id, callback_data.x, callback_data.a == BankAction.HIDE_TOPIC)
    await screen.show(view.text, kb.topic(view))


async def ask_delete_topic(query: CallbackQuery, callback_data: BankCallback, screen: Screen,
                           bank: BankService) -> None:
    view = await bank.confirm_delete_topic(query.from_user.id, callback_data.x)
    await screen.show(view.text, kb.confirm_topic(view))


async def delete_topic(query: CallbackQuery, callback_data: BankCallback, screen: Screen, bank: BankService) -> None:
    view = await bank.delete_topic(query.from_user.id, callback_data.x)
    await screen.show(view.text, kb.home(view))


# ---- a question -----------------------------------------------------------------------------------------

async def question(query: CallbackQuery, callback_data: BankCallback, state: FSMContext, screen: Screen,
                   bank: BankService) -> None:
    view = await bank.question(query.from_user.id, callback_data.x)
    await leave_bank_input(state)
    await screen.show(view.text, kb.question(view))


async def hide_question(query: CallbackQuery, callback_data: BankCallback, screen: Screen,
                        bank: BankService) -> None:
    view = await bank.set_question_hidden(query.from_user.id, callback_data.x,
                                          callback_data.a == BankAction.HIDE_QUESTION)
    await screen.show(view.text, kb.question(view))


async def ask_delete_question(query: CallbackQuery, callback_data: BankCallback, screen: Screen,
                              bank: BankService) -> None:
    view = await bank.confirm_delete_question(query.from_user.id, callback_data.x)
    await screen.show(view.text, kb.confirm_question(view))


async def delete_question(query: CallbackQuery, callback_data: BankCallback, screen: Screen,
                          bank: BankService) -> None:
    view = await bank.delete_question(query.from_user.id, callback_data.x)
    await screen.show(view.text, kb.topic(view))


# ---- editors --------------------------------------------------------------------------------------------

async def editors(query: CallbackQuery, callback_data: BankCallback, screen: Screen, bank: BankService) -> None:
    view = await bank.editors(query.from_user.id, callback_data.t)
    await screen.show(view.text, kb.editors(view))


async def toggle_editor(query: CallbackQuery, callback_data: BankCallback, screen: Screen,
                        bank: BankService) -> None:
    view = await bank.toggle_editor(query.from_user.id, callback_data.t, callback_data.x)
    await screen.show(view.text, kb.editors(view))


# ---- a member and an own topic's card -------------------------------------------------------------------

async def own_card(query: CallbackQuery, callback_data: LearnCallback, screen: Screen, bank: BankService) -> None:
    card = await bank.card(query.from_user.id, callback_data.topic)
    await screen.send(card.text, kb.own_card(card))


async def card_file(query: CallbackQuery, callback_data: CardCallback, screen: Screen, bank: BankService) -> None:
    card = await bank.card(query.from_user.id, topic_key(callback_data.x))
    if card.file_id:
        # A file Telegram already has: sent again by its id (Screen sends bytes; this is the one by-id send here).
        await screen.bot.send_document(screen.chat_id, card.file_id, caption=card.text.split("\n", 1)[0])
