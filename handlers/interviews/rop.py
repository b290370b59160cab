"""/interview — hiring a head of sales (live or by a candidate link) — and /candidates side by side."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.callbacks import MenuCallback
from handlers.interviews import keyboards as kb
from handlers.interviews.callbacks import InterviewMenuCallback
from handlers.interviews.common import flow_context, send_file, show
from services.interviews.engine.content import default_scripts
from services.interviews.engine.formatting import plural_ru
from services.interviews.flow.overview import InterviewOverview

router = Router(name="interview_rop")

HOME_TEXT = (
    "<b>Собеседование руководителя отдела продаж</b>\n\n"
    "Частая ошибка — назначить РОПом лучшего продавца. Продукт РОПа — выполненный план руками менеджеров, "
    "и сценарий из {competencies} помогает отличить одно от другого.\n\n"
    "🎙 <b>Вживую</b> — вы задаёте вопросы, я подсказываю уточнения и на что обратить внимание; вы ставите "
    "оценки 1–4, отмечаете красные флаги и пишете заметки.\n"
    "🔗 <b>Заочно</b> — кандидат отвечает мне по ссылке текстом или голосом, вы получаете уведомление "
    "и оцениваете ответы.\n\n"
    "В конце — карта кандидата с рекомендацией и выгрузка в Excel и PDF. "
    "/candidates — сравнение кандидатов, /interviews — все ваши интервью."
)


def home_text() -> str:
    count = len(default_scripts().hiring.competencies)
    return HOME_TEXT.format(competencies=f"{count} {plural_ru(count, 'компетенции', 'компетенций', 'компетенций')}")


@router.message(Command("interview"))
async def interview_command(message: Message) -> None:
    await message.answer(home_text(), reply_markup=kb.section("rop"))


@router.callback_query(MenuCallback.filter(F.section == "rop"))
async def rop_section(query: CallbackQuery) -> None:
    if isinstance(query.message, Message):
        await query.message.answer(home_text(), reply_markup=kb.section("rop"))


@router.message(Command("candidates"))
async def candidates_command(message: Message, bot: Bot, session: AsyncSession, state: FSMContext) -> None:
    assert message.from_user is not None
    view = await InterviewOverview(flow_context(session)).comparison(message.from_user.id)
    await show(view, bot=bot, chat_id=message.chat.id, session=session, state=state)


@router.callback_query(InterviewMenuCallback.filter(F.a == "cmp"))
async def candidates_button(query: CallbackQuery, bot: Bot, session: AsyncSession, state: FSMContext) -> None:
    view = await InterviewOverview(flow_context(session)).comparison(query.from_user.id)
    await show(view, bot=bot, chat_id=query.from_user.id, session=session, state=state)


@router.callback_query(InterviewMenuCallback.filter(F.a == "cmpx"))
async def candidates_xlsx(query: CallbackQuery, bot: Bot, session: AsyncSession,
                          callback_answer: CallbackAnswer) -> None:
    file = await InterviewOverview(flow_context(session)).comparison_xlsx(query.from_user.id)
    await send_file(file, bot=bot, chat_id=query.from_user.id, callback_answer=callback_answer)
