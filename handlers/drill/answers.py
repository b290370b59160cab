"""The day's drill in the chat: the buttons under its questions and a typed number for a numeric question.

The drill's message is edited in place from question to verdict to the next question. A typed answer comes
below the question, so its verdict is a new message (which the drill then continues in).
"""

from __future__ import annotations

from aiogram import Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.filters import StateFilter
from aiogram.types import CallbackQuery, Message

from handlers.drill import keyboards as kb
from handlers.drill.callbacks import AnswerAction, DrillCallback
from handlers.filters import TYPED_TEXT
from handlers.screen import Screen
from services.attestation.drill.flow.answers import DrillAnswers
from services.attestation.drill.views import FeedbackView, Outcome, QuestionView
from services.notice import Notice


def get_router() -> Router:
    router = Router(name="drill_answers")
    router.callback_query.register(drill_button, DrillCallback.filter())
    # Only outside any flow: a number typed inside a quiz or an interview belongs to that flow.
    router.message.register(typed_answer, StateFilter(None), TYPED_TEXT)
    return router


async def show(view: Outcome, screen: Screen, drill_answers: DrillAnswers, *, in_place: bool = True) -> None:
    if isinstance(view, Notice):
        shown_view = await screen.answer(view)
        if shown_view is None:
            return
        view = shown_view
    if isinstance(view, QuestionView):
        text, markup = view.text, kb.question(view)
    else:
        assert isinstance(view, FeedbackView)
        text, markup = view.text, kb.feedback(view)
    shown = await (screen.show(text, markup) if in_place else screen.send(text, markup))
    if screen.message is None or shown.message_id != screen.message.message_id:
        await drill_answers.set_message(view.run_id, shown.message_id)


async def drill_button(query: CallbackQuery, callback_data: DrillCallback, screen: Screen,
                       drill_answers: DrillAnswers) -> None:
    user_id, run_id, position = query.from_user.id, callback_data.r, callback_data.p
    view: Outcome
    if callback_data.a == AnswerAction.OPTION:
        view = await drill_answers.tap(user_id, run_id, position, callback_data.v)
    elif callback_data.a == AnswerAction.DONE:
        view = await drill_answers.done(user_id, run_id, position)
    elif callback_data.a == AnswerAction.RESET:
        view = await drill_answers.reset(user_id, run_id, position)
    else:
        view = await drill_answers.next(user_id, run_id, position)
    await show(view, screen, drill_answers)


async def typed_answer(message: Message, screen: Screen, drill_answers: DrillAnswers) -> None:
    assert message.from_user is not None and message.text is not None
    view = await drill_answers.typed(message.from_user.id, message.text)
    if view is None:
        raise SkipHandler  # not an answer to the drill: the fallback answers it
    await show(view, screen, drill_answers, in_place=False)
