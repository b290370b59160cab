"""/profile — a short multi-step flow: full name, role, company. Survives a restart mid-way (FSM in DB)."""

from __future__ import annotations

from html import escape
from typing import TypedDict

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.callbacks import ProfileAction, ProfileCallback
from handlers.filters import TEXT, TYPED_TEXT
from handlers.keyboards import main_menu
from handlers.screen import Screen
from services.profile import ProfileService, Role, check_company, check_first_and_last_name, role_title
from services.texts import t


class ProfileForm(StatesGroup):
    full_name = State()
    role = State()
    company = State()


class ProfileData(TypedDict, total=False):
    full_name: str
    role: str


def get_router() -> Router:
    router = Router(name="profile")
    router.message.register(start_profile, Command("profile"))
    router.message.register(got_full_name, StateFilter(ProfileForm.full_name), TEXT)
    # The role step shows the name as it will be printed; a name sent again there corrects it.
    router.message.register(got_full_name, StateFilter(ProfileForm.role), TYPED_TEXT)
    router.callback_query.register(got_role, StateFilter(ProfileForm.role),
                                   ProfileCallback.filter(F.action == ProfileAction.ROLE))
    router.message.register(got_company, StateFilter(ProfileForm.company), TEXT)
    router.callback_query.register(skip_company, StateFilter(ProfileForm.company),
                                   ProfileCallback.filter(F.action == ProfileAction.SKIP))
    return router


def roles_keyboard() -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for role in Role:
        builder.button(text=role_title(role), callback_data=ProfileCallback(action=ProfileAction.ROLE, value=role))
    builder.adjust(1)
    return builder.as_markup()


def skip_keyboard() -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("profile-skip"), callback_data=ProfileCallback(action=ProfileAction.SKIP))
    return builder.as_markup()


async def start_profile(message: Message, state: FSMContext, screen: Screen) -> None:
    await state.set_state(ProfileForm.full_name)
    await screen.send(t("profile-step-name"))


async def got_full_name(message: Message, state: FSMContext, screen: Screen) -> None:
    checked = check_first_and_last_name(message.text)
    if checked.error or checked.value is None:
        await screen.send(checked.error or "")
        return
    await state.update_data(ProfileData(full_name=checked.value))
    await state.set_state(ProfileForm.role)
    await screen.send(t("profile-step-role", name=escape(checked.value)), roles_keyboard())


async def got_role(query: CallbackQuery, callback_data: ProfileCallback, state: FSMContext, screen: Screen) -> None:
    if callback_data.value not in set(Role):
        return
    await state.update_data(ProfileData(role=callback_data.value))
    await state.set_state(ProfileForm.company)
    await screen.show(t("profile-step-company", role=role_title(callback_data.value)), skip_keyboard())


async def got_company(message: Message, state: FSMContext, screen: Screen, profile: ProfileService) -> None:
    checked = check_company(message.text)
    if checked.error:
        await screen.send(checked.error)
        return
    await _finish(message.chat.id, state, screen, profile, company=checked.value)


async def skip_company(query: CallbackQuery, state: FSMContext, screen: Screen, profile: ProfileService) -> None:
    if screen.message is not None:
        await screen.drop_keyboard(screen.message.message_id)
    await _finish(query.from_user.id, state, screen, profile, company=None)


async def _finish(user_id: int, state: FSMContext, screen: Screen, profile: ProfileService, *,
                  company: str | None) -> None:
    data: ProfileData = await state.get_data()  # type: ignore[assignment]
    text = await profile.save(user_id, full_name=data.get("full_name"), role=data.get("role"), company=company)
    await state.clear()
    await screen.send(text, main_menu())
