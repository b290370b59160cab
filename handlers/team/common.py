"""Shared by the team routers: FSM states, the services for a session, and putting answers on screen."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer
from sqlalchemy.ext.asyncio import AsyncSession

from bot.settings import Settings
from services.clock import Clock
from services.teams.flow import outbox
from services.teams.flow.context import TeamContext
from services.teams.views import InviteView, Notice

logger = logging.getLogger(__name__)
CALLBACK_TEXT_LIMIT = 200
DRAFT_KEY = "team_draft"  # the assignment wizard's draft in the FSM data
JOIN_KEY = "team_join"  # the invite code a user opened, until he confirms


class TeamStates(StatesGroup):
    name = State()  # typing the name of a new team
    deadline = State()  # the wizard waits for a typed date (the quick choices work too)


async def leave_team_input(state: FSMContext) -> None:
    """Stop waiting for a typed team name or date; other features' states are theirs to manage."""
    if await state.get_state() in (TeamStates.name.state, TeamStates.deadline.state):
        await state.set_state(None)


def team_context(session: AsyncSession, settings: Settings) -> TeamContext:
    return TeamContext.for_session(session, Clock(settings.clock_offset_file), settings.tz)


async def bot_username(bot: Bot) -> str:
    return (await bot.me()).username or ""


async def edit_or_send(bot: Bot, chat_id: int, text: str, markup: InlineKeyboardMarkup | None,
                       at: Message | None = None) -> Message:
    """Edit the message `at` in place (one message per screen); send a new one when it cannot be edited."""
    if at is not None:
        try:
            edited = await at.edit_text(text, reply_markup=markup)
            return edited if isinstance(edited, Message) else at
        except TelegramBadRequest as exc:
            if "message is not modified" in exc.message:
                return at
            # A photo (the QR code) or a message too old to edit: a new message does the job.
            logger.debug("Could not edit message %s: %s", at.message_id, exc.message)
    return await bot.send_message(chat_id, text, reply_markup=markup)


async def refuse(notice: Notice, *, bot: Bot, chat_id: int, callback_answer: CallbackAnswer | None) -> None:
    """A refusal («Нет доступа…», a stale wizard) as a toast under a button, or as a message."""
    if callback_answer is not None:
        callback_answer.text = notice.text[:CALLBACK_TEXT_LIMIT]
        callback_answer.show_alert = len(notice.text) > 60
    else:
        await bot.send_message(chat_id, notice.text)


async def send_invite(view: InviteView, *, bot: Bot, chat_id: int) -> None:
    await bot.send_photo(chat_id, BufferedInputFile(view.png, filename="invite-qr.png"), caption=view.caption)


def query_message(query: CallbackQuery) -> Message | None:
    return query.message if isinstance(query.message, Message) else None


async def commit_and_wake(session: AsyncSession) -> None:
    """Notifications were just scheduled: make them visible to the scheduler's own session, then wake it."""
    await session.commit()
    outbox.wake()
