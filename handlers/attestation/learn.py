"""The section's home, learning cards, the topic lists, /results and /verify."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.types import CallbackQuery, Message

from handlers.attestation import keyboards as kb
from handlers.attestation.callbacks import AttestAction, AttestCallback, LearnAction, LearnCallback
from handlers.callbacks import MenuCallback, Section
from handlers.keyboards import main_menu
from handlers.screen import Screen
from services.attestation.engine.exam import exam_facts
from services.attestation.engine.links import VERIFY_PREFIX
from services.attestation.flow import AttestationService
from services.attestation.simulator.flow import SimulatorFlow
from services.texts import t

# The topics list leads to a card or to a practice, and says so.
PICK_KEYS = {LearnAction.CARD: "attest-pick-card", LearnAction.PRACTICE: "attest-pick-practice"}


def router() -> Router:
    router = Router(name="attestation-learn")
    router.message.register(learn, Command("learn"))
    router.message.register(quiz, Command("quiz"))
    router.message.register(results, Command("results"))
    router.message.register(verify, Command("verify"))
    router.callback_query.register(section, MenuCallback.filter(F.section == Section.ATTEST))
    router.callback_query.register(home, AttestCallback.filter(F.action == AttestAction.HOME))
    router.callback_query.register(results_button, AttestCallback.filter(F.action == AttestAction.RESULTS))
    router.callback_query.register(topics_button,
                                   LearnCallback.filter(F.action.in_({LearnAction.TOPICS, LearnAction.PICK})))
    router.callback_query.register(card_button, LearnCallback.filter(F.action == LearnAction.CARD))
    return router


def start_router() -> Router:
    """/start verify_<CODE>: the deep link (and QR code) printed on a certificate; before the common /start."""
    router = Router(name="attestation-verify-link")
    router.message.register(verify_link, CommandStart(deep_link=True, magic=F.args.startswith(VERIFY_PREFIX)))
    return router


def home_text() -> str:
    return t("attest-home", **exam_facts())


async def learn(message: Message, screen: Screen, attestation: AttestationService) -> None:
    assert message.from_user is not None
    bank = await attestation.bank_for(message.from_user.id)  # the built-in topics and the user's teams' own ones
    await screen.send(t(PICK_KEYS[LearnAction.CARD]), kb.topics(bank, LearnAction.CARD))


async def quiz(message: Message, screen: Screen, attestation: AttestationService) -> None:
    assert message.from_user is not None
    bank = await attestation.bank_for(message.from_user.id)
    await screen.send(t(PICK_KEYS[LearnAction.PRACTICE]), kb.topics(bank, LearnAction.PRACTICE))


async def results(message: Message, screen: Screen, attestation: AttestationService,
                  simulator: SimulatorFlow) -> None:
    assert message.from_user is not None
    await screen.send(await _results_text(message.from_user.id, attestation, simulator), kb.home())


async def _results_text(user_id: int, attestation: AttestationService, simulator: SimulatorFlow) -> str:
    """/results: the attempts and mastery, then the dialogue simulator's best results."""
    return f"{await attestation.results_text(user_id)}\n\n{await simulator.results_text(user_id)}"


async def verify(message: Message, command: CommandObject, screen: Screen, attestation: AttestationService) -> None:
    await screen.send(await attestation.verify(command.args or ""))


async def verify_link(message: Message, command: CommandObject, screen: Screen,
                      attestation: AttestationService) -> None:
    # Often the first message a stranger sends the bot (a printed QR code): the answer comes with the menu.
    code = (command.args or "")[len(VERIFY_PREFIX):]
    await screen.send(await attestation.verify(code), main_menu())


async def section(query: CallbackQuery, screen: Screen) -> None:
    await screen.show(home_text(), kb.home())  # navigation: the menu message becomes this section


async def home(query: CallbackQuery, screen: Screen) -> None:
    await screen.show(home_text(), kb.home())


async def results_button(query: CallbackQuery, screen: Screen, attestation: AttestationService,
                         simulator: SimulatorFlow) -> None:
    await screen.send(await _results_text(query.from_user.id, attestation, simulator), kb.home())


async def topics_button(query: CallbackQuery, callback_data: LearnCallback, screen: Screen,
                        attestation: AttestationService) -> None:
    # «Учебные карточки» lists topics that open cards; «Тренировка по теме» lists topics that start a practice.
    leads_to = LearnAction.CARD if callback_data.action == LearnAction.TOPICS else LearnAction.PRACTICE
    bank = await attestation.bank_for(query.from_user.id)  # the built-in topics and the user's teams' own ones
    await screen.show(t(PICK_KEYS[leads_to]), kb.topics(bank, leads_to))


async def card_button(query: CallbackQuery, callback_data: LearnCallback, screen: Screen,
                      attestation: AttestationService) -> None:
    card = attestation.card(callback_data.topic)
    await screen.send(card.text, kb.card(card.topic_id))
