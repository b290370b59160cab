"""The user's answers: a pick under a question about the file, a typed stage order, the RFM report's buttons
(the other scale, own criteria), another analysis of the same kept file, and running again an analysis a
restart interrupted. A stale answer is refused by the session rules."""

from __future__ import annotations

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from handlers.analytics.callbacks import AnalysisCallback, KeptFileCallback, RerunCallback
from handlers.analytics.entry import user_id
from handlers.analytics.run import Turn
from handlers.analytics.states import AnalysisData, AnalysisFlow
from handlers.screen import Screen
from services.analytics.flow import Analyses
from services.analytics.session import AnalysisRequest, answered, last_rfm, typed_order
from services.texts import t


async def _data(state: FSMContext) -> AnalysisData:
    return await state.get_data()  # type: ignore[return-value]


async def choice(query: CallbackQuery, callback_data: AnalysisCallback, state: FSMContext, screen: Screen,
                 analyses: Analyses) -> None:
    request = answered((await _data(state)).get("analysis"), callback_data.i)
    if screen.message is not None:
        await screen.drop_keyboard(screen.message.message_id)
    await Turn(screen, state, analyses, user_id(query)).run(request)


async def typed_stage_order(message: Message, state: FSMContext, screen: Screen, analyses: Analyses) -> None:
    request = typed_order((await _data(state)).get("analysis"), message.text or "")
    await Turn(screen, state, analyses, user_id(message)).run(request)


async def rescale(query: CallbackQuery, callback_data: AnalysisCallback, state: FSMContext, screen: Screen,
                  analyses: Analyses) -> None:
    """«Шкала 1–5» under the RFM report: the report is redone in its own messages."""
    data = await _data(state)
    request = last_rfm(data.get("last_rfm"))
    await Turn(screen, state, analyses, user_id(query)).run(request.with_scale(callback_data.i),
                                                            redo_of=data.get("last_rfm_messages"))


async def ask_thresholds(query: CallbackQuery, state: FSMContext, screen: Screen) -> None:
    last_rfm((await _data(state)).get("last_rfm"))  # refused when there is no report to redo
    await state.set_state(AnalysisFlow.thresholds)
    await screen.send(t("analytics-thresholds-prompt"))


async def got_thresholds(message: Message, state: FSMContext, screen: Screen, analyses: Analyses) -> None:
    """The user's own criteria, typed after «Свои границы баллов»: the report above is redone in place (the
    prompt and the typed criteria stay in the chat)."""
    data = await _data(state)
    request = AnalysisRequest.from_state(data.get("last_rfm"))
    if request is None:
        # Not a refusal: the flow is over, and a refusal would roll the cleared state back.
        await state.clear()
        await screen.send(t("analytics-request-stale"))
        return
    await Turn(screen, state, analyses, user_id(message)).run(request.with_thresholds(message.text or ""),
                                                              redo_of=data.get("last_rfm_messages"))


async def other_kind(query: CallbackQuery, callback_data: KeptFileCallback, state: FSMContext, screen: Screen,
                     analyses: Analyses) -> None:
    """«Сезонность по этому файлу» and the like under a report: the kept file, another analysis."""
    request, data = await analyses.other_kind(user_id(query), callback_data.f, callback_data.k.value)
    await Turn(screen, state, analyses, user_id(query)).run(request, data=data)


async def rerun(query: CallbackQuery, callback_data: RerunCallback, state: FSMContext, screen: Screen,
                analyses: Analyses) -> None:
    """«Запустить снова» under the notice of an analysis a restart interrupted."""
    request, data = await analyses.rerun(user_id(query), callback_data.a)
    if screen.message is not None:
        await screen.drop_keyboard(screen.message.message_id)
    await Turn(screen, state, analyses, user_id(query)).run(request, data=data)


async def busy_in_flow(query: CallbackQuery, screen: Screen) -> None:
    await screen.notice(t("analytics-busy-in-flow"))
