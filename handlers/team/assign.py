"""The assignment wizard in the chat: one message edited in place through what → deadline → who.

The draft lives in the FSM data (services.teams.flow.assignments.Draft); the service re-checks ownership on every
step, so these handlers only move the draft between the storage and the screen.
"""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from sqlalchemy.ext.asyncio import AsyncSession

from bot.settings import Settings
from handlers.team import keyboards as kb
from handlers.team.callbacks import TeamCallback
from handlers.team.common import (
    DRAFT_KEY,
    TeamStates,
    commit_and_wake,
    edit_or_send,
    query_message,
    refuse,
    team_context,
)
from services.teams.flow.assignments import AssignmentWizard, Draft, Step
from services.teams.flow.reports import TeamReports
from services.teams.views import Notice

router = Router(name="team_assign")
WIZARD_ACTIONS = {"as", "asw", "ak", "at", "atd", "ad", "aw", "am", "amd"}


async def _draft(state: FSMContext) -> Draft | None:
    return Draft.from_dict((await state.get_data()).get(DRAFT_KEY))


async def _show(step: Step | Notice, *, bot: Bot, chat_id: int, state: FSMContext, at: Message | None,
                callback_answer: CallbackAnswer | None) -> None:
    if isinstance(step, Notice):
        await refuse(step, bot=bot, chat_id=chat_id, callback_answer=callback_answer)
        return
    draft, view = step
    await state.update_data({DRAFT_KEY: draft.to_dict()})
    # Only the deadline screen reads typed text (a date); elsewhere a message is not for the wizard.
    await state.set_state(TeamStates.deadline if view.step == "deadline" else None)
    await edit_or_send(bot, chat_id, view.text, kb.wizard(view), at)


@router.callback_query(TeamCallback.filter(F.a.in_(WIZARD_ACTIONS)))
async def wizard_button(query: CallbackQuery, callback_data: TeamCallback, bot: Bot, session: AsyncSession,
                        settings: Settings, state: FSMContext, callback_answer: CallbackAnswer) -> None:
    ctx = team_context(session, settings)
    wizard = AssignmentWizard(ctx)
    owner, team_id, a = query.from_user.id, callback_data.t, callback_data.a
    draft = await _draft(state)
    step: Step | Notice
    if a == "as":
        step = await wizard.start(owner, team_id)
    elif a == "asw":
        board = await TeamReports(ctx).dashboard(owner, team_id)
        step = board if isinstance(board, Notice) else await wizard.start(owner, team_id, board.weakest)
    elif a == "ak":
        step = await wizard.choose_kind(owner, draft, team_id, callback_data.v)
    elif a == "at":
        step = await wizard.toggle_topic(owner, draft, team_id, callback_data.v)
    elif a == "atd":
        step = await wizard.topics_done(owner, draft, team_id)
    elif a == "ad":
        step = await wizard.quick_deadline(owner, draft, team_id, callback_data.v)
    elif a == "aw" and callback_data.v == "pick":
        step = await wizard.pick_members(owner, draft, team_id)
    elif a == "am":
        step = await wizard.toggle_member(owner, draft, team_id, callback_data.x)
    else:  # «всем» or «Назначить» with the picked members: create the assignment
        await _create(query, draft, team_id, everyone=a == "aw", wizard=wizard, bot=bot, session=session,
                      state=state, callback_answer=callback_answer)
        return
    await _show(step, bot=bot, chat_id=owner, state=state, at=query_message(query), callback_answer=callback_answer)


async def _create(query: CallbackQuery, draft: Draft | None, team_id: int, *, everyone: bool,
                  wizard: AssignmentWizard, bot: Bot, session: AsyncSession, state: FSMContext,
                  callback_answer: CallbackAnswer) -> None:
    done = await wizard.create(query.from_user.id, draft, team_id, everyone)
    if isinstance(done, Notice):
        await refuse(done, bot=bot, chat_id=query.from_user.id, callback_answer=callback_answer)
        return
    # The draft is spent: a second tap on «Назначить» (or a re-delivered update) finds none and assigns nothing.
    data = await state.get_data()
    data.pop(DRAFT_KEY, None)
    await state.set_data(data)
    await state.set_state(None)
    await edit_or_send(bot, query.from_user.id, done.text, kb.back_to_team(done.team_id), query_message(query))
    await commit_and_wake(session)


@router.message(TeamStates.deadline, F.text & ~F.text.startswith("/"))
async def typed_deadline(message: Message, bot: Bot, session: AsyncSession, settings: Settings,
                         state: FSMContext) -> None:
    assert message.from_user is not None and message.text is not None
    step = await AssignmentWizard(team_context(session, settings)).typed_deadline(
        message.from_user.id, await _draft(state), message.text)
    if isinstance(step, Notice):
        await message.answer(step.text)
        return
    await _show(step, bot=bot, chat_id=message.chat.id, state=state, at=None, callback_answer=None)
