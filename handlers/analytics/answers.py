"""The user's answers: a pick under a question about the file, a typed stage order, and the RFM report's
buttons (the other scale, own criteria). A stale answer is refused by the session rules."""

from __future__ import annotations

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from handlers.analytics.callbacks import AnalysisCallback
from handlers.analytics.run import run
from handlers.analytics.states import AnalysisData, AnalysisFlow
from handlers.screen import Screen
from services.analytics.session import AnalysisRequest, answered, last_rfm, typed_order
from services.texts import t


async def _data(state: FSMContext) -> AnalysisData:
    return await state.get_data()  # type: ignore[return-value]


async def choice(query: CallbackQuery, callback_data: AnalysisCallback, state: FSMContext, screen: Screen) -> None:
    request = answered((await _data(state)).get("analysis"), callback_data.i)
    if screen.message is not None:
        await screen.drop_keyboard(screen.message.message_id)
    await run(screen, state, request)


async def typed_stage_order(message: Message, state: FSMContext, screen: Screen) -> None:
    request = typed_order((await _data(state)).get("analysis"), message.text or "")
    await run(screen, state, request)


async def rescale(query: CallbackQuery, callback_data: AnalysisCallback, state: FSMContext, screen: Screen) -> None:
    request = last_rfm((await _data(state)).get("last_rfm"))
    await run(screen, state, request.with_scale(callback_data.i))


async def ask_thresholds(query: CallbackQuery, state: FSMContext, screen: Screen) -> None:
    last_rfm((await _data(state)).get("last_rfm"))  # refused when there is no report to redo
    await state.set_state(AnalysisFlow.thresholds)
    await screen.send(t("analytics-thresholds-prompt"))


async def got_thresholds(message: Message, state: FSMContext, screen: Screen) -> None:
    request = AnalysisRequest.from_state((await _data(state)).get("last_rfm"))
    if request is None:
        # Not a refusal: the flow is over, and a refusal would roll the cleared state back.
        await state.clear()
        await screen.send(t("analytics-request-stale"))
        return
    await run(screen, state, request.with_thresholds(message.text or ""))
