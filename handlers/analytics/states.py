"""Where a user is in «Анализ файла», and what the FSM data keeps between turns."""

from __future__ import annotations

from typing import TypedDict

from aiogram.fsm.state import State, StatesGroup

from services.analytics.session import RequestState


class AnalysisFlow(StatesGroup):
    waiting_file = State()
    answering = State()  # a question about the file is on screen; its request is in the FSM data
    thresholds = State()  # waiting for the user's own RFM criteria as text


class AnalysisData(TypedDict, total=False):
    analysis: RequestState  # the request whose question is on screen
    last_rfm: RequestState  # the last RFM report's request: its buttons (scale, own criteria) start from it
    # The last RFM report's messages — [text, chart, Excel] ids: redone from its buttons, it is edited in place.
    last_rfm_messages: list[int]
