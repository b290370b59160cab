"""The assignment wizard in the chat: one message edited in place through what → deadline → who.

The draft lives in the FSM data (`WizardData`); the service re-checks ownership on every step and refuses a
stale draft, so these handlers only move the draft between the storage and the screen.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from handlers.filters import TYPED_TEXT
from handlers.screen import Screen
from handlers.team import keyboards as kb
from handlers.team.callbacks import WizardAction, WizardCallback
from handlers.team.states import TeamStates, WizardData
from services.teams.flow.assignments import WHO_PICK, AssignmentWizard, Draft, Step
from services.teams.flow.reports import TeamReports
from services.teams.views import WizardScreen


def get_router() -> Router:
    router = Router(name="team_assign")
    cb = router.callback_query
    cb.register(start, WizardCallback.filter(F.a == WizardAction.START))
    cb.register(start_weakest, WizardCallback.filter(F.a == WizardAction.START_WEAKEST))
    cb.register(choose_kind, WizardCallback.filter(F.a == WizardAction.KIND))
    cb.register(toggle_topic, WizardCallback.filter(F.a == WizardAction.TOPIC))
    cb.register(topics_done, WizardCallback.filter(F.a == WizardAction.TOPICS_DONE))
    cb.register(quick_deadline, WizardCallback.filter(F.a == WizardAction.DEADLINE))
    cb.register(pick_members, WizardCallback.filter((F.a == WizardAction.WHO) & (F.v == WHO_PICK)))
    cb.register(toggle_member, WizardCallback.filter(F.a == WizardAction.MEMBER))
    # «всем» (any other «who» value) or «Назначить» with the picked members
    cb.register(create, WizardCallback.filter(F.a.in_({WizardAction.WHO, WizardAction.ASSIGN_PICKED})))
    router.message.register(typed_deadline, StateFilter(TeamStates.deadline), TYPED_TEXT)
    return router


async def _draft(state: FSMContext) -> Draft | None:
    data: WizardData = await state.get_data()  # type: ignore[assignment]
    return Draft.from_dict(data.get("team_draft"))


async def show_step(step: Step, state: FSMContext, screen: Screen) -> None:
    draft, view = step
    await state.update_data(WizardData(team_draft=draft.to_dict()))
    # Only the deadline screen reads typed text (a date); elsewhere a message is not for the wizard.
    await state.set_state(TeamStates.deadline if view.step == WizardScreen.DEADLINE else None)
    await screen.show(view.text, kb.wizard(view))


async def start(query: CallbackQuery, callback_data: WizardCallback, state: FSMContext, screen: Screen,
                team_assignments: AssignmentWizard) -> None:
    await show_step(await team_assignments.start(query.from_user.id, callback_data.t), state, screen)


async def start_weakest(query: CallbackQuery, callback_data: WizardCallback, state: FSMContext, screen: Screen,
                        team_assignments: AssignmentWizard, team_reports: TeamReports) -> None:
    weakest = await team_reports.weakest(query.from_user.id, callback_data.t)
    await show_step(await team_assignments.start(query.from_user.id, callback_data.t, weakest), state, screen)


async def choose_kind(query: CallbackQuery, callback_data: WizardCallback, state: FSMContext, screen: Screen,
                      team_assignments: AssignmentWizard) -> None:
    step = await team_assignments.choose_kind(query.from_user.id, await _draft(state), callback_data.t,
                                              callback_data.v)
    await show_step(step, state, screen)


async def toggle_topic(query: CallbackQuery, callback_data: WizardCallback, state: FSMContext, screen: Screen,
                       team_assignments: AssignmentWizard) -> None:
    step = await team_assignments.toggle_topic(query.from_user.id, await _draft(state), callback_data.t,
                                               callback_data.v)
    await show_step(step, state, screen)


async def topics_done(query: CallbackQuery, callback_data: WizardCallback, state: FSMContext, screen: Screen,
                      team_assignments: AssignmentWizard) -> None:
    step = await team_assignments.topics_done(query.from_user.id, await _draft(state), callback_data.t)
    await show_step(step, state, screen)


async def quick_deadline(query: CallbackQuery, callback_data: WizardCallback, state: FSMContext, screen: Screen,
                         team_assignments: AssignmentWizard) -> None:
    step = await team_assignments.quick_deadline(query.from_user.id, await _draft(state), callback_data.t,
                                                 callback_data.v)
    await show_step(step, state, screen)


async def typed_deadline(message: Message, state: FSMContext, screen: Screen,
                         team_assignments: AssignmentWizard) -> None:
    assert message.from_user is not None and message.text is not None
    step = await team_assignments.typed_deadline(message.from_user.id, await _draft(state), message.text)
    await show_step(step, state, screen)


async def pick_members(query: CallbackQuery, callback_data: WizardCallback, state: FSMContext, screen: Screen,
                       team_assignments: AssignmentWizard) -> None:
    step = await team_assignments.pick_members(query.from_user.id, await _draft(state), callback_data.t)
    await show_step(step, state, screen)


async def toggle_member(query: CallbackQuery, callback_data: WizardCallback, state: FSMContext, screen: Screen,
                        team_assignments: AssignmentWizard) -> None:
    step = await team_assignments.toggle_member(query.from_user.id, await _draft(state), callback_data.t,
                                                callback_data.x)
    await show_step(step, state, screen)


async def create(query: CallbackQuery, callback_data: WizardCallback, state: FSMContext, screen: Screen,
                 team_assignments: AssignmentWizard) -> None:
    everyone = callback_data.a == WizardAction.WHO
    done = await team_assignments.create(query.from_user.id, await _draft(state), callback_data.t, everyone)
    # The draft is spent: a second tap on «Назначить» (or a re-delivered update) finds none and assigns nothing.
    data: WizardData = await state.get_data()  # type: ignore[assignment]
    data.pop("team_draft", None)
    await state.set_data(data)
    await state.set_state(None)
    await screen.show(done.text, kb.back_to_team(done.team_id))
