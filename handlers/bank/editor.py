"""The chat editors: a question (text → type → options → right ones → explanation → preview → save) and a
topic (title → card → document or link). The drafts live in the FSM data; the services re-check every step."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from handlers.bank import keyboards as kb
from handlers.bank.callbacks import (
    BankAction,
    BankCallback,
    DraftAction,
    DraftCallback,
    TopicDraftAction,
    TopicDraftCallback,
)
from handlers.bank.states import BankData, BankStates, bank_data
from handlers.filters import DOCUMENT, TYPED_TEXT
from handlers.screen import Screen
from services.attestation.own.flow.editor import Draft, QuestionEditor
from services.attestation.own.flow.topic_editor import Outcome as TopicOutcome
from services.attestation.own.flow.topic_editor import TopicDraft, TopicEditor
from services.attestation.own.views import EditorView, TopicView


def get_router() -> Router:
    router = Router(name="bank-editor")
    cb = router.callback_query
    cb.register(new_question, DraftCallback.filter(F.a == DraftAction.NEW))
    cb.register(edit_question, DraftCallback.filter(F.a == DraftAction.EDIT))
    cb.register(pick_type, DraftCallback.filter(F.a == DraftAction.TYPE))
    cb.register(mark, DraftCallback.filter(F.a == DraftAction.MARK))
    cb.register(marked, DraftCallback.filter(F.a == DraftAction.MARKED))
    cb.register(keep, DraftCallback.filter(F.a == DraftAction.KEEP))
    cb.register(skip, DraftCallback.filter(F.a == DraftAction.SKIP))
    cb.register(goto, DraftCallback.filter(F.a == DraftAction.GOTO))
    cb.register(save, DraftCallback.filter(F.a == DraftAction.SAVE))
    router.message.register(typed, StateFilter(BankStates.question), TYPED_TEXT)
    cb.register(new_topic, BankCallback.filter(F.a == BankAction.NEW_TOPIC))
    cb.register(rename_topic, BankCallback.filter(F.a == BankAction.RENAME))
    cb.register(edit_card, BankCallback.filter(F.a == BankAction.CARD))
    cb.register(topic_skip, TopicDraftCallback.filter(F.a == TopicDraftAction.SKIP))
    cb.register(topic_clear, TopicDraftCallback.filter(F.a == TopicDraftAction.CLEAR))
    router.message.register(topic_typed, StateFilter(BankStates.topic), TYPED_TEXT)
    router.message.register(topic_document, StateFilter(BankStates.topic), DOCUMENT)
    return router


# ---- the question editor --------------------------------------------------------------------------------

async def _draft(state: FSMContext) -> Draft | None:
    return Draft.from_dict((await bank_data(state)).get("bank_draft"))


async def _show(step: tuple[Draft, EditorView], state: FSMContext, screen: Screen, *, new: bool = False) -> None:
    draft, view = step
    await state.set_state(BankStates.question)
    await state.update_data(BankData(bank_draft=draft.to_dict()))
    markup = kb.editor(view, draft.topic_id)
    await (screen.send(view.text, markup) if new else screen.show(view.text, markup))


async def new_question(query: CallbackQuery, callback_data: DraftCallback, state: FSMContext, screen: Screen,
                       bank_editor: QuestionEditor) -> None:
    await _show(await bank_editor.new(query.from_user.id, callback_data.x), state, screen)


async def edit_question(query: CallbackQuery, callback_data: DraftCallback, state: FSMContext, screen: Screen,
                        bank_editor: QuestionEditor) -> None:
    await _show(await bank_editor.edit(query.from_user.id, callback_data.x), state, screen)


async def typed(message: Message, state: FSMContext, screen: Screen, bank_editor: QuestionEditor) -> None:
    assert message.from_user is not None and message.text is not None
    step = await bank_editor.typed(message.from_user.id, await _draft(state), message.text)
    await _show(step, state, screen, new=True)  # below what was typed


async def pick_type(query: CallbackQuery, callback_data: DraftCallback, state: FSMContext, screen: Screen,
                    bank_editor: QuestionEditor) -> None:
    await _show(await bank_editor.pick_type(query.from_user.id, await _draft(state), callback_data.v), state, screen)


async def mark(query: CallbackQuery, callback_data: DraftCallback, state: FSMContext, screen: Screen,
               bank_editor: QuestionEditor) -> None:
    await _show(await bank_editor.mark(query.from_user.id, await _draft(state), callback_data.x), state, screen)


async def marked(query: CallbackQuery, state: FSMContext, screen: Screen, bank_editor: QuestionEditor) -> None:
    await _show(await bank_editor.marked(query.from_user.id, await _draft(state)), state, screen)


async def keep(query: CallbackQuery, state: FSMContext, screen: Screen, bank_editor: QuestionEditor) -> None:
    await _show(await bank_editor.keep(query.from_user.id, await _draft(state)), state, screen)


async def skip(query: CallbackQuery, state: FSMContext, screen: Screen, bank_editor: QuestionEditor) -> None:
    await _show(await bank_editor.skip_explanation(query.from_user.id, await _draft(state)), state, screen)


async def goto(query: CallbackQuery, callback_data: DraftCallback, state: FSMContext, screen: Screen,
               bank_editor: QuestionEditor) -> None:
    await _show(await bank_editor.goto(query.from_user.id, await _draft(state), callback_data.v), state, screen)


async def save(query: CallbackQuery, state: FSMContext, screen: Screen, bank_editor: QuestionEditor) -> None:
    saved = await bank_editor.save(query.from_user.id, await _draft(state))
    # The draft is spent: a second «Сохранить» (or a re-delivered update) finds none and saves nothing.
    data = await bank_data(state)
    data.pop("bank_draft", None)
    await state.set_data(dict(data))
    await state.set_state(None)
    await screen.show(saved.text, kb.saved(saved))


# ---- a topic: title, card, document or link -------------------------------------------------------------

async def _topic_draft(state: FSMContext) -> TopicDraft | None:
    return TopicDraft.from_dict((await bank_data(state)).get("bank_topic"))


async def _show_topic(step: TopicOutcome, state: FSMContext, screen: Screen, *, new: bool = False) -> None:
    draft, view = step
    data = await bank_data(state)
    if draft is None:  # done: the topic's page
        data.pop("bank_topic", None)
        await state.set_data(dict(data))
        await state.set_state(None)
        assert isinstance(view, TopicView)
        markup = kb.topic(view)
    else:
        assert isinstance(view, EditorView)
        await state.set_state(BankStates.topic)
        await state.update_data(BankData(bank_topic=draft.to_dict()))
        markup = kb.topic_step(view, draft.topic_id)
    await (screen.send(view.text, markup) if new else screen.show(view.text, markup))


async def new_topic(query: CallbackQuery, callback_data: BankCallback, state: FSMContext, screen: Screen,
                    bank_topics: TopicEditor) -> None:
    await _show_topic(await bank_topics.new(query.from_user.id, callback_data.t), state, screen)


async def rename_topic(query: CallbackQuery, callback_data: BankCallback, state: FSMContext, screen: Screen,
                       bank_topics: TopicEditor) -> None:
    await _show_topic(await bank_topics.rename(query.from_user.id, callback_data.x), state, screen)


async def edit_card(query: CallbackQuery, callback_data: BankCallback, state: FSMContext, screen: Screen,
                    bank_topics: TopicEditor) -> None:
    await _show_topic(await bank_topics.edit_card(query.from_user.id, callback_data.x), state, screen)


async def topic_typed(message: Message, state: FSMContext, screen: Screen, bank_topics: TopicEditor) -> None:
    assert message.from_user is not None and message.text is not None
    step = await bank_topics.typed(message.from_user.id, await _topic_draft(state), message.text)
    await _show_topic(step, state, screen, new=True)


async def topic_document(message: Message, state: FSMContext, screen: Screen, bank_topics: TopicEditor) -> None:
    assert message.from_user is not None and message.document is not None
    document = message.document
    step = await bank_topics.document(message.from_user.id, await _topic_draft(state), document.file_id,
                                      document.file_name or "")
    await _show_topic(step, state, screen, new=True)


async def topic_skip(query: CallbackQuery, state: FSMContext, screen: Screen, bank_topics: TopicEditor) -> None:
    await _show_topic(await bank_topics.skip(query.from_user.id, await _topic_draft(state)), state, screen)


async def topic_clear(query: CallbackQuery, state: FSMContext, screen: Screen, bank_topics: TopicEditor) -> None:
    await _show_topic(await bank_topics.clear_link(query.from_user.id, await _topic_draft(state)), state, screen)
