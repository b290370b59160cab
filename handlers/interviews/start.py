"""Starting an interview: ask whom it is about, then open the first step (or issue the candidate link)."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from handlers.callbacks import Section
from handlers.filters import NOT_TEXT, TYPED_TEXT
from handlers.interviews import keyboards as kb
from handlers.interviews.callbacks import (
    AuditAction,
    AuditMenuCallback,
    CustdevAction,
    CustdevMenuCallback,
    HiringAction,
    HiringMenuCallback,
    InterviewsAction,
    InterviewsMenuCallback,
)
from handlers.interviews.screens import show_outcome
from handlers.interviews.states import InterviewStates, OwnerData, is_new_message
from handlers.screen import Screen
from services.interviews.engine.kinds import Mode, Script, parse_mode, parse_script
from services.interviews.flow.candidates import CandidateLinks
from services.interviews.flow.context import check_subject
from services.interviews.flow.sections import can_start, home_text, subject_prompt
from services.interviews.flow.steps import InterviewSteps
from services.texts import t
from services.wiring import AppDeps

HIRING_MODES = {HiringAction.LIVE: Mode.LIVE, HiringAction.REMOTE: Mode.REMOTE}
SCRIPTS_BY_SECTION = {Section.HIRING: Script.HIRING, Section.CUSTDEV: Script.CUSTDEV, Section.AUDIT: Script.AUDIT}


def router() -> Router:
    router = Router(name="interview_start")
    router.callback_query.register(ask_hiring_subject, HiringMenuCallback.filter(F.a.in_(set(HIRING_MODES))))
    router.callback_query.register(ask_custdev_subject, CustdevMenuCallback.filter(F.a == CustdevAction.START))
    router.callback_query.register(ask_audit_subject, AuditMenuCallback.filter(F.a == AuditAction.START))
    router.callback_query.register(cancel_subject, InterviewsMenuCallback.filter(F.a == InterviewsAction.CANCEL))
    router.message.register(got_subject, StateFilter(InterviewStates.subject), TYPED_TEXT)
    # A sticker, a photo, a voice:
    router.message.register(subject_not_text, StateFilter(InterviewStates.subject), NOT_TEXT)
    return router


async def _ask_subject(script: Script, mode: Mode, state: FSMContext, screen: Screen) -> None:
    await state.set_state(InterviewStates.subject)
    await state.update_data(OwnerData(script=script.value, mode=mode.value))
    await screen.show(subject_prompt(script, mode), kb.cancel_prompt(script))


async def ask_hiring_subject(query: CallbackQuery, callback_data: HiringMenuCallback, state: FSMContext,
                             screen: Screen) -> None:
    await _ask_subject(Script.HIRING, HIRING_MODES[callback_data.a], state, screen)


async def ask_custdev_subject(query: CallbackQuery, state: FSMContext, screen: Screen) -> None:
    await _ask_subject(Script.CUSTDEV, Mode.LIVE, state, screen)


async def ask_audit_subject(query: CallbackQuery, state: FSMContext, screen: Screen) -> None:
    await _ask_subject(Script.AUDIT, Mode.LIVE, state, screen)


async def cancel_subject(query: CallbackQuery, callback_data: InterviewsMenuCallback, state: FSMContext,
                         screen: Screen, deps: AppDeps) -> None:
    if await state.get_state() == InterviewStates.subject.state:
        await state.set_state(None)
    script = SCRIPTS_BY_SECTION.get(callback_data.s) if callback_data.s else None
    if script is not None:
        await screen.show(home_text(script, deps.scripts), kb.section(script))


async def got_subject(message: Message, bot: Bot, state: FSMContext, screen: Screen,
                      interview_steps: InterviewSteps, candidate_links: CandidateLinks) -> None:
    assert message.from_user is not None
    if not await is_new_message(state, message):
        return
    name, error = check_subject(message.text)
    if name is None:
        await screen.send(error or t("interview-subject-empty"))
        return
    data: OwnerData = await state.get_data()  # type: ignore[assignment]
    script, mode = parse_script(data.get("script")), parse_mode(data.get("mode"))
    if script is None or mode is None or not can_start(script, mode):
        await state.set_state(None)
        await screen.send(t("interview-nothing-active"))
        return
    if mode == Mode.REMOTE:
        await state.set_state(None)
        me = await bot.me()
        link = await candidate_links.create(message.from_user.id, name, me.username or "")
        await show_outcome(link, screen=screen, state=state, steps=interview_steps)
        return
    view = await interview_steps.start(message.from_user.id, script, name)
    await show_outcome(view, screen=screen, state=state, steps=interview_steps)


async def subject_not_text(message: Message, screen: Screen) -> None:
    await screen.send(t("interview-subject-empty"))
