"""/custdev — a CustDev interview with a client — and the insights across all of the user's interviews."""

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
from services.interviews.flow.overview import InterviewOverview

router = Router(name="interview_custdev")

HOME_TEXT = (
    "<b>CustDev-интервью</b>\n\n"
    "Глубинное интервью с клиентом по правилам «The Mom Test»: спрашиваем о прошлом, а не о будущем, "
    "и о жизни клиента, а не о своей идее. К каждому вопросу я напомню правило и предупрежу, чтобы вы "
    "не начали продавать.\n\n"
    "Ответы записывайте текстом или голосом и отмечайте тегами: {tags}. По каждому интервью — итоги, "
    "по всем вместе — частые боли и ценности и до трёх кандидатов в ключевые клиентские ценности (ККЦ) "
    "с цитатами. Выгрузка — в Excel."
)


def home_text() -> str:
    return HOME_TEXT.format(tags=", ".join(tag.label for tag in default_scripts().custdev.tags))


@router.message(Command("custdev"))
async def custdev_command(message: Message) -> None:
    await message.answer(home_text(), reply_markup=kb.section("custdev"))


@router.callback_query(MenuCallback.filter(F.section == "custdev"))
async def custdev_section(query: CallbackQuery) -> None:
    if isinstance(query.message, Message):
        await query.message.answer(home_text(), reply_markup=kb.section("custdev"))


@router.callback_query(InterviewMenuCallback.filter(F.a == "ins"))
async def insights_button(query: CallbackQuery, bot: Bot, session: AsyncSession, state: FSMContext) -> None:
    view = await InterviewOverview(flow_context(session)).insights(query.from_user.id)
    await show(view, bot=bot, chat_id=query.from_user.id, session=session, state=state)


@router.callback_query(InterviewMenuCallback.filter(F.a == "insx"))
async def insights_xlsx(query: CallbackQuery, bot: Bot, session: AsyncSession,
                        callback_answer: CallbackAnswer) -> None:
    file = await InterviewOverview(flow_context(session)).insights_xlsx(query.from_user.id)
    await send_file(file, bot=bot, chat_id=query.from_user.id, callback_answer=callback_answer)
