"""FSM states of the interview flows and the data each flow keeps (in the database or Redis, so a restart
loses nothing)."""

from __future__ import annotations

from typing import TypedDict

from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import Message


class InterviewStates(StatesGroup):
    subject = State()  # waiting for the candidate's, respondent's or company's name; data: OwnerData.script, mode
    owner = State()  # inside an interview as its owner; data: OwnerData.interview_id — a message is a note or an answer
    candidate = State()  # answering a remote interview; data: CandidateData
    candidate_paused = State()  # the candidate sent /cancel: his answers wait for «Продолжить»; data: CandidateData


class OwnerData(TypedDict, total=False):
    """The owner's flow: the name prompt, then the interview he walks through."""

    script: str  # services.interviews.engine.kinds.Script value (an old conversation may hold "rop")
    mode: str  # Mode value
    interview_id: int
    last_msg: int  # the newest message handled (see is_new_message)
    typed_below: bool  # the owner typed under the live card: the next step goes to the bottom (screens.show_move)


class CandidateData(TypedDict, total=False):
    """The candidate's flow: the remote interview he answers."""

    interview_id: int
    last_msg: int


async def is_new_message(state: FSMContext, message: Message) -> bool:
    """False for a message already handled (Telegram re-delivers updates after a crash): it must not count twice.

    Message ids grow within a chat, and the mark lives in the FSM data, in the same transaction as the answer.
    """
    last = (await state.get_data()).get("last_msg", 0)
    if message.message_id <= last:
        return False
    await state.update_data(last_msg=message.message_id)
    return True


async def current_interview(state: FSMContext) -> int | None:
    interview_id = (await state.get_data()).get("interview_id")
    return interview_id if isinstance(interview_id, int) else None
