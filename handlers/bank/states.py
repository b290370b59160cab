"""FSM states and data of the own-questions flows."""

from __future__ import annotations

from typing import TypedDict

from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup

from services.attestation.own.flow.editor import DraftData
from services.attestation.own.flow.topic_editor import TopicDraftData


class BankStates(StatesGroup):
    question = State()  # the chat editor of a question: typed text is its text, options, number or explanation
    topic = State()  # a topic's title, card or link (or a document for the card)
    import_file = State()  # waiting for an XLSX / GIFT / Aiken file
    import_confirm = State()  # a preview is shown: «Импортировать» or another file
    exam_title = State()  # the team exam's name


class ImportData(TypedDict, total=False):
    team_id: int
    topic_id: int
    file_id: str
    file_name: str


class BankData(TypedDict, total=False):
    bank_draft: DraftData
    bank_topic: TopicDraftData
    bank_import: ImportData
    bank_exam_team: int


BANK_KEYS = ("bank_draft", "bank_topic", "bank_import", "bank_exam_team")


async def leave_bank_input(state: FSMContext) -> None:
    """Stop waiting for anything the bank asked for; other features' states and data are theirs."""
    if (await state.get_state() or "").startswith(BankStates.__name__ + ":"):
        await state.set_state(None)
    data = await state.get_data()
    if any(key in data for key in BANK_KEYS):
        await state.set_data({key: value for key, value in data.items() if key not in BANK_KEYS})


async def bank_data(state: FSMContext) -> BankData:
    return await state.get_data()  # type: ignore[return-value]
