"""/audit — the business systemic audit: marketing, sales, service, item by item."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from handlers.callbacks import MenuCallback
from handlers.interviews import keyboards as kb
from services.interviews.engine.content import default_scripts
from services.interviews.engine.formatting import plural_ru

router = Router(name="interview_audit")

HOME_TEXT = (
    "<b>Аудит системности бизнеса</b>\n\n"
    "{items} в порядке проверки: маркетинг, отдел продаж, сервис. Каждый пункт оцените: 0 — нет, "
    "1 — частично, 2 — системно; к каждому есть подсказка, как его проверить.\n\n"
    "В итоге — баллы по отделам и общий, слабые места и программа обучения команды: темы аттестации, "
    "которые стоит пройти в первую очередь."
)


def home_text() -> str:
    count = len(default_scripts().audit.items)
    return HOME_TEXT.format(items=f"{count} {plural_ru(count, 'пункт', 'пункта', 'пунктов')}")


@router.message(Command("audit"))
async def audit_command(message: Message) -> None:
    await message.answer(home_text(), reply_markup=kb.section("audit"))


@router.callback_query(MenuCallback.filter(F.section == "audit"))
async def audit_section(query: CallbackQuery) -> None:
    if isinstance(query.message, Message):
        await query.message.answer(home_text(), reply_markup=kb.section("audit"))
