"""A minimal aiogram bot used only to test the stub and the process harness end to end.

It echoes text with a button and edits its message when the button is pressed. `ECHO_BOT_SLOW_TEXT` makes it
wait on a text before replying, so a test can kill it while an update is being handled.
"""

from __future__ import annotations

import asyncio
import html
import logging
import os
import sys

from aiogram import Bot, Dispatcher, F
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

router_dp = Dispatcher()


@router_dp.message(F.text)
async def echo(message: Message) -> None:
    if message.text == os.environ.get("ECHO_BOT_SLOW_TEXT"):
        await asyncio.sleep(3600)
    keyboard = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="Ещё", callback_data="more")]])
    await message.answer(f"Эхо: <b>{html.escape(message.text or '')}</b>", reply_markup=keyboard)


@router_dp.callback_query(F.data == "more")
async def more(query: CallbackQuery) -> None:
    await query.answer("Готово")
    if isinstance(query.message, Message):
        await query.message.edit_text(f"{query.message.html_text} (нажато)")


async def main() -> None:
    logging.basicConfig(level=logging.INFO, stream=sys.stdout)
    session = AiohttpSession(api=TelegramAPIServer.from_base(os.environ["TELEGRAM_API_SERVER"]))
    bot = Bot(os.environ["BOT_TOKEN"], session=session, default=DefaultBotProperties(parse_mode="HTML"))
    await router_dp.start_polling(bot, polling_timeout=20, handle_signals=True)


if __name__ == "__main__":
    asyncio.run(main())
