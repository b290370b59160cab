"""Starting an interview: ask whom it is about, then open the first step (or issue the candidate link)."""

from __future__ import annotations

from collections.abc import Callable

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.editing import edit_in_place
from handlers.interviews import audit, custdev, rop
from handlers.interviews import keyboards as kb
from handlers.interviews.callbacks import InterviewMenuCallback
from handlers.interviews.common import InterviewStates, flow_context, is_new_message, show
from services.interviews.flow import texts
from services.interviews.flow.candidates import CandidateLinks
from services.interviews.flow.context import check_subject
from services.interviews.flow.steps import InterviewSteps

router = Router(name="interview_start")

# Menu action -> (script, mode, the section it belongs to).
STARTS = {
    "live": ("rop", "live", "rop"),
    "remote": ("rop", "remote", "rop"),
    "custdev": ("custdev", "live", "custdev"),
    "audit": ("audit", "live", "audit"),
}
HOME_TEXTS: dict[str, Callable[[], str]] = {"rop": rop.home_text, "custdev": custdev.home_text,
                                            "audit": audit.home_text}


@router.callback_query(InterviewMenuCallback.filter(F.a.in_(STARTS)))
async def ask_subject(query: CallbackQuery, callback_data: InterviewMenuCallback, bot: Bot,
                      state: FSMContext) -> None:
    script, mode, section = STARTS[callback_data.a]
    await state.set_state(InterviewStates.subject)
    await state.update_data(script=script, mode=mode)
    prompt, markup = texts.SUBJECT_PROMPTS[(script, mode)], kb.cancel_prompt(section)
    shown = await edit_in_place(query.message, prompt, markup) if isinstance(query.message, Message) else None
    if shown is None:
        await bot.send_message(query.from_user.id, prompt, reply_markup=markup)


@router.callback_query(InterviewMenuCallback.filter(F.a == "cancel"))
async def cancel_subject(query: CallbackQuery, callback_data: InterviewMenuCallback, state: FSMContext) -> None:
    if await state.get_state() == InterviewStates.subject.state:
        await state.set_state(None)
    home = HOME_TEXTS.get(callback_data.s)
    if home is not None and isinstance(query.message, Message):
        await edit_in_place(query.message, home(), kb.section(callback_data.s))


@router.message(InterviewStates.subject, F.text & ~F.text.startswith("/"))
async def got_subject(message: Message, bot: Bot, session: AsyncSession, state: FSMContext) -> None:
    assert message.from_user is not None
    if not await is_new_message(state, message):
        return
    name, error = check_subject(message.text)
    if name is None:
        await message.answer(error or texts.SUBJECT_EMPTY)
        return
    data = await state.get_data()
    script, mode = data.get("script"), data.get("mode")
    ctx = flow_context(session)
    if script == "rop" and mode == "remote":
        await state.set_state(None)
        me = await bot.me()
        link = await CandidateLinks(ctx).create(message.from_user.id, name, me.username or "")
        await show(link, bot=bot, chat_id=message.chat.id, session=session, state=state)
    elif script in ("rop", "custdev", "audit"):
        view = await InterviewSteps(ctx).start(message.from_user.id, script, name)
        await show(view, bot=bot, chat_id=message.chat.id, session=session, state=state)
    else:
        await state.set_state(None)
        await message.answer(texts.NOTHING_ACTIVE)
