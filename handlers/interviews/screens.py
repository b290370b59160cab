"""Interview views on the screen: text and keyboard through `handlers.screen.Screen`, plus the interview's
bookkeeping a shown step needs (the message that carries the live buttons, the owner's FSM state).

Exactly one live copy of a card: a button edits the card it sits on; typed input kept on a step gets a one-line
acknowledgement and the card is edited where it stands (never sent again); when typed messages have buried the
card and a button moves the interview on, the next screen comes at the bottom and the old copy loses its buttons.
"""

from __future__ import annotations

from aiogram.enums import ChatAction
from aiogram.fsm.context import FSMContext
from aiogram.types import InlineKeyboardMarkup, Message

from handlers.interviews import keyboards as kb
from handlers.interviews.states import InterviewStates, OwnerData
from handlers.screen import Screen
from services.interviews.flow.steps import InterviewSteps
from services.interviews.views import (
    ExportFile,
    LinkView,
    ListView,
    Outcome,
    OverviewView,
    PausedView,
    ResultView,
    StepView,
    VoiceReplay,
)
from services.notice import Notice


async def _put(screen: Screen, text: str, markup: InlineKeyboardMarkup, fresh: bool) -> Message:
    """In place of the tapped message; `fresh`: anew at the bottom, the tapped copy losing its buttons."""
    if not fresh:
        return await screen.show(text, markup)
    return await screen.replace(screen.message.message_id if screen.message is not None else None, text, markup)


async def show_outcome(outcome: Outcome, *, screen: Screen, state: FSMContext, steps: InterviewSteps,
                       fresh: bool = False) -> None:
    """An owner's action on an interview: a step, the result, the link's state, a paused interview, or a notice
    (and the screen it carries). A button's message is edited in place; a typed message gets a new one."""
    if isinstance(outcome, Notice):
        view = await screen.answer(outcome)
        if view is None:
            return
        outcome = view
    if isinstance(outcome, StepView):
        await _show_step(outcome, screen=screen, state=state, steps=steps, fresh=fresh)
    elif isinstance(outcome, ResultView):
        await _leave_interview(state, outcome.interview_id)
        await _put(screen, outcome.text, kb.result(outcome), fresh)
    elif isinstance(outcome, LinkView):
        await _leave_interview(state, outcome.interview_id)
        await _put(screen, outcome.text, kb.link(outcome), fresh)
    elif isinstance(outcome, PausedView):
        await screen.show(outcome.text, kb.paused(outcome))


async def show_move(outcome: Outcome, position: int, *, screen: Screen, state: FSMContext,
                    steps: InterviewSteps) -> None:
    """A step button's outcome. When it leaves step `position` (the next card, the result) and typed messages
    came after the card, the new screen goes to the bottom, where the owner is: editing a card far up the chat
    would leave him scrolling for it."""
    stays = isinstance(outcome, StepView) and outcome.position == position
    moves = isinstance(outcome, StepView | ResultView) and not stays
    await show_outcome(outcome, screen=screen, state=state, steps=steps,
                       fresh=moves and await _buried(state, screen))


async def _buried(state: FSMContext, screen: Screen) -> bool:
    """Typed messages (notes, answers) and their acknowledgements came after the live card."""
    return screen.message is not None and (await state.get_data()).get("typed_below") is True


async def typed_below(state: FSMContext) -> None:
    """The owner typed under the live card (see show_move)."""
    await state.update_data(typed_below=True)


async def show_overview(view: ListView | OverviewView, screen: Screen) -> None:
    """The list of interviews, candidates side by side or CustDev insights: always a new message."""
    markup = kb.listing(view) if isinstance(view, ListView) else kb.overview(view)
    await screen.send(view.text, markup)


async def _show_step(view: StepView, *, screen: Screen, state: FSMContext, steps: InterviewSteps,
                     fresh: bool) -> None:
    markup = kb.step(view)
    shown_id: int | None = None
    if view.saved is not None:
        # Typed input kept: a line under it, and the card edited where it stands.
        await screen.send(view.saved)
        if await screen.edit_by_id(view.card_id, view.text, markup):
            shown_id = view.card_id
    if view.intro:
        await screen.send(view.intro)
        fresh = True  # the card goes under the briefing
    moved = shown_id is None
    if moved:  # no live card to edit (it is gone, or there never was one): show it anew
        # Sent anew, the card's previous copy loses its buttons just below (set_message knows which one it was).
        shown = await (screen.send(view.text, markup) if fresh else screen.show(view.text, markup))
        shown_id = shown.message_id
    previous = await steps.set_message(view.interview_id, shown_id)
    if previous is not None and previous != shown_id:
        await screen.drop_keyboard(previous)  # only the newest card keeps live buttons
    await state.set_state(InterviewStates.owner)
    data = OwnerData(interview_id=view.interview_id)
    if fresh or (moved and screen.message is None):
        data["typed_below"] = False  # the card is the newest message again
    await state.update_data(data)


async def _leave_interview(state: FSMContext, interview_id: int) -> None:
    """A finished interview (or one waiting for the candidate) takes no typed input any more."""
    if await state.get_state() == InterviewStates.owner.state:
        if (await state.get_data()).get("interview_id") == interview_id:
            await state.set_state(None)


async def send_file(file: ExportFile | Notice, screen: Screen) -> None:
    if isinstance(file, Notice):
        await screen.answer(file)
        return
    await screen.typing(ChatAction.UPLOAD_DOCUMENT)
    await screen.send_document(file.data, file.file_name, caption=file.caption)


async def send_voice(replay: VoiceReplay | Notice, screen: Screen) -> None:
    if isinstance(replay, Notice):
        await screen.answer(replay)
        return
    await screen.send_voice(replay.file_id, caption=replay.caption)
