"""Starting an analysis: /analyze or the menu button show what to send; a document sent at any moment (outside
other flows) is analysed straight away."""

from __future__ import annotations

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from handlers.analytics.run import Turn
from handlers.analytics.states import AnalysisFlow
from handlers.keyboards import back_to_menu
from handlers.screen import Screen
from services.analytics.flow import Analyses
from services.analytics.session import AnalysisRequest, prompt, require_downloadable
from services.texts import t
from services.wiring import AppDeps


async def analyze_command(message: Message, state: FSMContext, screen: Screen) -> None:
    await state.set_state(AnalysisFlow.waiting_file)
    await screen.show(prompt(), back_to_menu())  # navigation: the menu message becomes this section


async def analyze_menu(query: CallbackQuery, state: FSMContext, screen: Screen) -> None:
    await state.set_state(AnalysisFlow.waiting_file)
    await screen.show(prompt(), back_to_menu())  # navigation: the menu message becomes this section


async def got_document(message: Message, state: FSMContext, screen: Screen, deps: AppDeps,
                       analyses: Analyses) -> None:
    document = message.document
    assert document is not None  # the F.document filter
    require_downloadable(document.file_size, local_server=deps.local_bot_api)
    turn = Turn(screen, state, analyses, user_id(message), local_server=deps.local_bot_api)
    await turn.run(AnalysisRequest.for_file(document.file_id, document.file_name), document=document)


async def got_photo(message: Message, screen: Screen) -> None:
    await screen.send(t("analytics-not-a-document"))


async def waiting_file_text(message: Message, screen: Screen) -> None:
    await screen.send(t("analytics-waiting-file"))


def user_id(event: Message | CallbackQuery) -> int:
    """Whose analysis it is: the sender (the chat, for a message without one)."""
    if event.from_user is not None:
        return event.from_user.id
    assert isinstance(event, Message)
    return event.chat.id
