"""/start, /menu, /help, /cancel — they work everywhere, inside any flow."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from handlers.callbacks import MenuCallback, Section
from handlers.keyboards import back_to_menu, main_menu
from handlers.screen import Screen
from services.attestation.engine.exam import exam_facts
from services.attestation.flow import AttestationService
from services.attestation.simulator.flow import SimulatorFlow
from services.interviews.flow.steps import InterviewSteps
from services.profile import ProfileService, greeting_name
from services.texts import t


def get_router() -> Router:
    router = Router(name="common")
    # Deep-link handlers of the features (team invites, candidate links) are registered before this router;
    # a payload reaching here is unknown or malformed.
    router.message.register(start_with_payload, CommandStart(deep_link=True))
    router.message.register(start, CommandStart())
    router.message.register(menu, Command("menu"))
    router.message.register(help_command, Command("help"))
    router.message.register(cancel, Command("cancel"))
    router.callback_query.register(menu_button, MenuCallback.filter(F.section == Section.HOME))
    router.callback_query.register(help_button, MenuCallback.filter(F.section == Section.HELP))
    return router


def help_text() -> str:
    return t("help", **exam_facts())


async def start_with_payload(message: Message, state: FSMContext, screen: Screen) -> None:
    await state.clear()
    await screen.send(t("unknown-deep-link"), main_menu())


async def start(message: Message, state: FSMContext, screen: Screen, profile: ProfileService) -> None:
    await state.clear()
    name = await profile.display_name(message.chat.id if message.from_user is None else message.from_user.id)
    await screen.send(t("greeting", name=greeting_name(name)), main_menu())


async def menu(message: Message, state: FSMContext, screen: Screen, attestation: AttestationService,
               interview_steps: InterviewSteps, simulator: SimulatorFlow) -> None:
    assert message.from_user is not None
    # /menu leaves any flow for real: text typed after it is not taken as the flow's answer.
    await state.clear()
    paused = await _pause_all(message.from_user.id, attestation, interview_steps, simulator)
    await screen.send(f"{paused}\n\n{t('menu')}" if paused else t("menu"), main_menu())


async def help_command(message: Message, screen: Screen) -> None:
    await screen.send(help_text(), back_to_menu())


async def cancel(message: Message, state: FSMContext, screen: Screen, attestation: AttestationService,
                 interview_steps: InterviewSteps, simulator: SimulatorFlow) -> None:
    assert message.from_user is not None
    had_flow = await state.get_state() is not None
    await state.clear()
    paused = await _pause_all(message.from_user.id, attestation, interview_steps, simulator)
    text = t("cancelled") if had_flow or paused else t("nothing-to-cancel")
    await screen.send(f"{paused}\n\n{text}" if paused else text, main_menu())


async def _pause_all(user_id: int, attestation: AttestationService, interview_steps: InterviewSteps,
                     simulator: SimulatorFlow) -> str:
    """Every open flow waits: an attempt («… продолжить: /exam»), an interview (/interviews), a dialogue (/sim)."""
    notes = (await attestation.pause(user_id), await interview_steps.pause(user_id), await simulator.pause(user_id))
    return "\n".join(filter(None, notes))


async def menu_button(query: CallbackQuery, state: FSMContext, screen: Screen) -> None:
    # Navigation edits the message the button sits on: the chat keeps one live menu.
    await state.clear()
    await screen.show(t("menu"), main_menu())


async def help_button(query: CallbackQuery, screen: Screen) -> None:
    await screen.show(help_text(), back_to_menu())
