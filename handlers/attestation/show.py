"""Attestation views on the screen: the text and keyboard of each view, through `Screen` (handlers/screen.py).

The flow's message is edited in place when the tapped button sits on it; otherwise (a typed answer, a start
from a command) the view comes as a new message. Exactly one copy of a question has live buttons: when the
question is shown anew somewhere else, the copy that had them loses them, and the attempt remembers the new one
(the flow refuses a button from any other copy). The FSM state says whether typed text answers the open question.
"""

from __future__ import annotations

from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import InlineKeyboardMarkup

from handlers.attestation import keyboards as kb
from handlers.screen import Screen
from services.attestation.engine.links import verify_url
from services.attestation.flow import AttestationService
from services.attestation.views import (
    FeedbackView,
    FinishedView,
    OldCopy,
    Outcome,
    PausedView,
    QuestionView,
    ResumeOffer,
)
from services.notice import Notice
from services.texts import t


class QuizFlow(StatesGroup):
    active = State()  # an attempt is open: typed text is the answer to a numeric question


async def show(view: Outcome | OldCopy | ResumeOffer, *, screen: Screen, attestation: AttestationService,
               state: FSMContext, in_place: bool = True, raw_state: str | None = None) -> None:
    """Put what the flow returned on the screen; `in_place=False` always sends a new message. `raw_state`: the
    state the update came in with (aiogram reads it first), when the caller has it: an answer while the quiz
    state is set already does not write it again (with Redis, a round trip per tap)."""
    if isinstance(view, Notice):
        view = await screen.answer(view)
        if view is None:
            return
    if isinstance(view, OldCopy):
        # A button from far up the chat answers nothing; that copy stops offering buttons.
        if screen.message is not None:
            await screen.drop_keyboard(screen.message.message_id)
        return
    if isinstance(view, ResumeOffer):
        await screen.send(view.text, kb.resume(view))
        return
    if isinstance(view, PausedView):
        markup = kb.paused(view)
        await (screen.show(view.text, markup) if in_place else screen.send(view.text, markup))
        return
    if isinstance(view, FinishedView):
        await _show_finished(view, screen=screen, attestation=attestation, state=state, in_place=in_place)
        return
    if isinstance(view, QuestionView):
        text, markup = view.text, kb.question(view)
        if raw_state != QuizFlow.active.state:
            await state.set_state(QuizFlow.active)
    else:
        assert isinstance(view, FeedbackView)
        text, markup = view.text, kb.feedback(view)
    shown = await (screen.show(text, markup) if in_place else screen.send(text, markup))
    await _one_live_copy(view, shown.message_id, markup, screen=screen, attestation=attestation)


async def _one_live_copy(view: QuestionView | FeedbackView, shown_id: int, markup: InlineKeyboardMarkup | None, *,
                         screen: Screen, attestation: AttestationService) -> None:
    """The message just shown is the live copy now; the one before (if another) loses its buttons."""
    if view.message_id is not None and view.message_id != shown_id:
        await screen.drop_keyboard(view.message_id)
    live = shown_id if markup is not None else None  # a numeric question has no buttons to retire later
    if live != view.message_id:
        await attestation.set_message(view.attempt_id, screen.chat_id, live)


async def _show_finished(view: FinishedView, *, screen: Screen, attestation: AttestationService, state: FSMContext,
                         in_place: bool) -> None:
    await state.clear()
    markup = kb.finished(view)
    await (screen.show(view.text, markup) if in_place else screen.send(view.text, markup))
    if view.certificate_png and view.certificate_code:
        code = view.certificate_code
        caption = (t("attest-certificate-caption-link", code=code, link=verify_url(attestation.bot_username, code))
                   if attestation.bot_username else t("attest-certificate-caption", code=code))
        await screen.send_photo(view.certificate_png, f"certificate-{code}.png", caption=caption)
