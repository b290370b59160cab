"""Attestation views on the screen: the text and keyboard of each view, through `Screen` (handlers/screen.py).

The flow's message is edited in place when the tapped button sits on it; otherwise (a typed answer, a start
from a command) the view comes as a new message, and the flow remembers which message shows the attempt now.
The FSM state says whether typed text answers the open question.
"""

from __future__ import annotations

from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup

from handlers.attestation import keyboards as kb
from handlers.screen import Screen
from services.attestation.flow import AttestationService
from services.attestation.views import FeedbackView, FinishedView, Outcome, QuestionView, ResumeOffer
from services.notice import Notice
from services.texts import t


class QuizFlow(StatesGroup):
    active = State()  # an attempt is open: typed text is the answer to a numeric question


async def show(view: Outcome | ResumeOffer, *, screen: Screen, attestation: AttestationService, state: FSMContext,
               in_place: bool = True) -> None:
    """Put what the flow returned on the screen; `in_place=False` always sends a new message."""
    if isinstance(view, Notice):
        view = await screen.answer(view)
        if view is None:
            return
    if isinstance(view, ResumeOffer):
        await screen.send(view.text, kb.resume(view))
        return
    if isinstance(view, FinishedView):
        await _show_finished(view, screen=screen, state=state, in_place=in_place)
        return
    if isinstance(view, QuestionView):
        text, markup = view.text, kb.question(view)
        await state.set_state(QuizFlow.active)
    else:
        assert isinstance(view, FeedbackView)
        text, markup = view.text, kb.feedback(view)
    shown = await (screen.show(text, markup) if in_place else screen.send(text, markup))
    if screen.message is None or not in_place or shown.message_id != screen.message.message_id:
        await attestation.set_message(view.attempt_id, screen.chat_id, shown.message_id)


async def _show_finished(view: FinishedView, *, screen: Screen, state: FSMContext, in_place: bool) -> None:
    await state.clear()
    markup = kb.finished(view)
    await (screen.show(view.text, markup) if in_place else screen.send(view.text, markup))
    if view.certificate_png and view.certificate_code:
        await screen.send_photo(view.certificate_png, f"certificate-{view.certificate_code}.png",
                                caption=t("attest-certificate-caption", code=view.certificate_code))
