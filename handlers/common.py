"""/start, /menu, /help, /cancel — they work everywhere, inside any flow."""

from __future__ import annotations

from html import escape

from aiogram import F, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from db.models import User
from handlers.callbacks import MenuCallback
from handlers.keyboards import back_to_menu, main_menu
from services.ui_texts import ui

router = Router(name="common")


@router.message(CommandStart(deep_link=True))
async def start_with_payload(message: Message, command: CommandObject, state: FSMContext, user: User) -> None:
    # Deep-link handlers of the features (team invites, candidate links) are registered before this
    # router; reaching here means the link is unknown or malformed.
    await state.clear()
    await message.answer(ui().unknown_deep_link, reply_markup=main_menu())


@router.message(CommandStart())
async def start(message: Message, state: FSMContext, user: User) -> None:
    await state.clear()
    await message.answer(ui().greeting.format(name=escape(user.display_name)), reply_markup=main_menu())


@router.message(Command("menu"))
async def menu(message: Message) -> None:
    await message.answer(ui().menu, reply_markup=main_menu())


@router.message(Command("help"))
async def help_command(message: Message) -> None:
    await message.answer(ui().help, reply_markup=back_to_menu())


@router.message(Command("cancel"))
async def cancel(message: Message, state: FSMContext) -> None:
    had_flow = await state.get_state() is not None
    await state.clear()
    await message.answer(ui().cancelled if had_flow else ui().nothing_to_cancel, reply_markup=main_menu())


@router.callback_query(MenuCallback.filter(F.section == "home"))
async def menu_button(query: CallbackQuery) -> None:
    if isinstance(query.message, Message):
        await query.message.answer(ui().menu, reply_markup=main_menu())


@router.callback_query(MenuCallback.filter(F.section == "help"))
async def help_button(query: CallbackQuery) -> None:
    if isinstance(query.message, Message):
        await query.message.answer(ui().help, reply_markup=back_to_menu())
