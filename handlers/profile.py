"""/profile — a short multi-step flow: full name, role, company. Survives a restart mid-way (FSM in DB)."""

from __future__ import annotations

from html import escape

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.users import UserRepository
from handlers.callbacks import ProfileCallback
from handlers.keyboards import main_menu
from services.profile import ROLES, check_company, check_full_name

router = Router(name="profile")


class ProfileForm(StatesGroup):
    full_name = State()
    role = State()
    company = State()


def roles_keyboard() -> InlineKeyboardMarkup:
    rows = [[InlineKeyboardButton(text=title, callback_data=ProfileCallback(action="role", value=key).pack())]
            for key, title in ROLES.items()]
    return InlineKeyboardMarkup(inline_keyboard=rows)


def skip_keyboard() -> InlineKeyboardMarkup:
    button = InlineKeyboardButton(text="Пропустить", callback_data=ProfileCallback(action="skip").pack())
    return InlineKeyboardMarkup(inline_keyboard=[[button]])


@router.message(Command("profile"))
async def start_profile(message: Message, state: FSMContext) -> None:
    await state.set_state(ProfileForm.full_name)
    await message.answer(
        "Шаг 1 из 3. Как вас записать в сертификат и показать руководителю? "
        "Напишите имя и фамилию, например: Анна Смирнова."
    )


@router.message(ProfileForm.full_name, F.text)
async def got_full_name(message: Message, state: FSMContext) -> None:
    checked = check_full_name(message.text)
    if checked.error:
        await message.answer(checked.error)
        return
    await state.update_data(full_name=checked.value)
    await state.set_state(ProfileForm.role)
    await message.answer(
        f"Приятно познакомиться, {escape(checked.value or '')}!\nШаг 2 из 3. Ваша роль в компании?",
        reply_markup=roles_keyboard(),
    )


@router.callback_query(ProfileForm.role, ProfileCallback.filter(F.action == "role"))
async def got_role(query: CallbackQuery, callback_data: ProfileCallback, state: FSMContext) -> None:
    if callback_data.value not in ROLES or not isinstance(query.message, Message):
        return
    await state.update_data(role=callback_data.value)
    await state.set_state(ProfileForm.company)
    await query.message.edit_text(
        f"Роль: {ROLES[callback_data.value]}.\nШаг 3 из 3. Как называется ваша компания?",
        reply_markup=skip_keyboard(),
    )


@router.message(ProfileForm.company, F.text)
async def got_company(message: Message, state: FSMContext, session: AsyncSession) -> None:
    checked = check_company(message.text)
    if checked.error:
        await message.answer(checked.error)
        return
    await _finish(message, state, session, company=checked.value)


@router.callback_query(ProfileForm.company, ProfileCallback.filter(F.action == "skip"))
async def skip_company(query: CallbackQuery, state: FSMContext, session: AsyncSession) -> None:
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(reply_markup=None)
        await _finish(query.message, state, session, company=None, user_id=query.from_user.id)


async def _finish(
    message: Message, state: FSMContext, session: AsyncSession, *, company: str | None,
    user_id: int | None = None,
) -> None:
    data = await state.get_data()
    uid = user_id if user_id is not None else message.chat.id
    await UserRepository(session).update_profile(
        uid, full_name=data.get("full_name"), role=data.get("role"), company=company
    )
    await state.clear()
    lines = [
        "Профиль сохранён ✅",
        f"Имя: {escape(data.get('full_name', ''))}",
        f"Роль: {ROLES.get(data.get('role', ''), '—')}",
        f"Компания: {escape(company) if company else '—'}",
    ]
    await message.answer("\n".join(lines), reply_markup=main_menu())
