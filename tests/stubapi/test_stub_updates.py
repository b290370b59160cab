"""getUpdates long polling and confirmation, simulated users, button presses and the wait helpers."""

from __future__ import annotations

import asyncio

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramConflictError
from aiogram.types import BufferedInputFile, InlineKeyboardButton, InlineKeyboardMarkup

from tests.stubapi import StubBotApi
from tests.stubapi.conftest import make_bot

# Only a guard against a hang: a long poll that works returns as soon as the update is queued.
HANG_GUARD = 10


def menu() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[
        [InlineKeyboardButton(text="Аттестация", callback_data="menu:quiz")],
        [InlineKeyboardButton(text="Сайт", url="https://example.com")],
    ])


async def test_long_poll_returns_as_soon_as_an_update_arrives(stub: StubBotApi, bot: Bot) -> None:
    user = stub.user(601, "Ира")
    mark = stub.mark()
    poll = asyncio.create_task(bot.get_updates(timeout=60, request_timeout=90))
    await stub.wait_for(lambda: stub.calls("getUpdates", since=mark), description="the poll to arrive")
    stub.send_text(user, "привет")
    updates = await asyncio.wait_for(poll, HANG_GUARD)
    assert [u.message.text for u in updates if u.message] == ["привет"]


async def test_empty_poll_ends_after_its_timeout_with_no_updates(bot: Bot) -> None:
    assert await bot.get_updates(timeout=1) == []


async def test_unconfirmed_updates_are_delivered_again_until_an_offset_confirms_them(stub: StubBotApi,
                                                                                       bot: Bot) -> None:
    user = stub.user(602, "Олег")
    stub.send_text(user, "первое")
    stub.send_text(user, "второе")
    first = await bot.get_updates()
    assert [u.message.text for u in first if u.message] == ["первое", "второе"]
    assert first[1].update_id == first[0].update_id + 1
    # A bot that crashed before confirming gets the same updates again...
    restarted = make_bot(stub)
    try:
        again = await restarted.get_updates()
        assert [u.update_id for u in again] == [u.update_id for u in first]
        # ...and an offset confirms everything below it, for every later poll.
        rest = await restarted.get_updates(offset=first[0].update_id + 1)
        assert [u.message.text for u in rest if u.message] == ["второе"]
        assert await restarted.get_updates(offset=first[1].update_id + 1) == []
    finally:
        await restarted.session.close()
    assert await bot.get_updates() == []
    assert stub.pending_updates == []


async def test_negative_offset_keeps_only_the_latest_updates(stub: StubBotApi, bot: Bot) -> None:
    user = stub.user(603, "Марк")
    for text in ("1", "2", "3"):
        stub.send_text(user, text)
    latest = await bot.get_updates(offset=-1)
    assert [u.message.text for u in latest if u.message] == ["3"]
    assert len(stub.pending_updates) == 1


async def test_a_newer_poll_terminates_the_waiting_one_with_a_conflict(stub: StubBotApi, bot: Bot) -> None:
    mark = stub.mark()
    older = asyncio.create_task(bot.get_updates(timeout=60, request_timeout=90))
    await stub.wait_for(lambda: stub.calls("getUpdates", since=mark))
    second = make_bot(stub)
    try:
        newer = asyncio.create_task(second.get_updates(timeout=1))
        with pytest.raises(TelegramConflictError, match="terminated by other getUpdates request"):
            await asyncio.wait_for(older, HANG_GUARD)
        assert await newer == []
    finally:
        await second.session.close()


async def test_allowed_updates_filters_what_is_delivered(stub: StubBotApi, bot: Bot) -> None:
    user = stub.user(604, "Вера")
    stub.send_text(user, "/start")
    stub.block_user(user)
    updates = await bot.get_updates(allowed_updates=["message"])
    assert [u.event_type for u in updates] == ["message"]


async def test_messages_get_per_chat_increasing_ids_and_commands_get_entities(stub: StubBotApi) -> None:
    anna, boris = stub.user(605, "Анна"), stub.user(606, "Борис")
    first = stub.send_text(anna, "/start team_42")
    second = stub.send_text(anna, "текст с /help внутри")
    other = stub.send_text(boris, "/menu@sales_coach_test_bot")
    assert (first.message_id, second.message_id, other.message_id) == (1, 2, 1)
    assert first.entities == [{"type": "bot_command", "offset": 0, "length": 6}]
    assert second.entities == [{"type": "bot_command", "offset": 8, "length": 5}]
    assert other.entities == [{"type": "bot_command", "offset": 0, "length": 26}]
    ids = [u["update_id"] for u in stub.pending_updates]
    assert ids == sorted(ids) and len(set(ids)) == 3


async def test_press_builds_a_callback_query_from_the_current_message(stub: StubBotApi, bot: Bot) -> None:
    user = stub.user(607, "Ксения", username="ksu")
    stub.send_text(user, "/start")
    await bot.get_updates()
    sent = await bot.send_message(user.id, "Главное меню", reply_markup=menu())
    await bot.edit_message_text("<b>Меню</b>", chat_id=user.id, message_id=sent.message_id, reply_markup=menu())
    query = stub.press(user, sent.message_id, "Аттестация")
    updates = await bot.get_updates(offset=-1)
    callback = updates[0].callback_query
    assert callback is not None and callback.id == query.id
    assert (callback.data, callback.from_user.id, callback.from_user.username) == ("menu:quiz", 607, "ksu")
    assert callback.message is not None and callback.message.message_id == sent.message_id
    assert callback.message.text == "Меню" and callback.message.reply_markup is not None
    assert callback.message.reply_markup.model_dump(exclude_none=True) == menu().model_dump(exclude_none=True)
    await bot.answer_callback_query(query.id, text="Загружаю", show_alert=True)
    assert stub.answered_callbacks == [query] and (query.answer_text, query.show_alert) == ("Загружаю", True)
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_callback_query(query.id)
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_callback_query("123456")


async def test_press_fails_clearly_for_missing_url_or_deleted_buttons(stub: StubBotApi, bot: Bot) -> None:
    user = stub.user(608, "Лев")
    stub.send_text(user, "/start")
    sent = await bot.send_message(user.id, "Меню", reply_markup=menu())
    with pytest.raises(AssertionError, match=r"no button 'Команда'.*\['Аттестация', 'Сайт'\]"):
        stub.press(user, sent.message_id, "Команда")
    with pytest.raises(AssertionError, match="no callback_data"):
        stub.press(user, sent.message_id, "Сайт")
    assert stub.press(user, sent.message_id, "menu:quiz").data == "menu:quiz"
    await bot.delete_message(user.id, sent.message_id)
    with pytest.raises(AssertionError, match="was deleted"):
        stub.press(user, sent.message_id, "Аттестация")


async def test_wait_message_sees_only_replies_to_the_latest_action(stub: StubBotApi, bot: Bot) -> None:
    user = stub.user(609, "Ника")
    stub.send_text(user, "/start")
    await bot.send_message(user.id, "Привет, Ника!")
    assert (await stub.wait_message(user.id, "Привет")).text == "Привет, Ника!"
    stub.send_text(user, "/help")
    reply = asyncio.create_task(stub.wait_message(user.id, "Привет"))
    await bot.send_message(user.id, "Справка")
    await bot.send_message(user.id, "Привет ещё раз")
    assert (await reply).text == "Привет ещё раз"


async def test_wait_message_can_wait_for_a_document(stub: StubBotApi, bot: Bot) -> None:
    user = stub.user(612, "Фёдор")
    stub.send_document(user, b"a;b\n1;2\n", "clients.csv")
    waiting = asyncio.create_task(stub.wait_message(user.id, where=lambda m: m.document is not None))
    await bot.send_message(user.id, "Считаю…")
    await bot.send_document(user.id, BufferedInputFile(b"xlsx", "rfm.xlsx"))
    found = await waiting
    assert found.document is not None and found.document.file_name == "rfm.xlsx"


async def test_wait_edit_returns_the_edited_message(stub: StubBotApi, bot: Bot) -> None:
    user = stub.user(610, "Глеб")
    stub.send_text(user, "/start")
    sent = await bot.send_message(user.id, "Вопрос 1 из 5", reply_markup=menu())
    stub.press(user, sent.message_id, "Аттестация")
    edited = asyncio.create_task(stub.wait_edit(user.id, sent.message_id, contains="Вопрос 2"))
    await bot.edit_message_text("Вопрос 2 из 5", chat_id=user.id, message_id=sent.message_id)
    assert (await edited).history == ["Вопрос 1 из 5"]


async def test_failed_wait_shows_the_chat_transcript(stub: StubBotApi, bot: Bot) -> None:
    user = stub.user(611, "Дина")
    stub.send_text(user, "/start")
    await bot.send_message(user.id, "Главное меню", reply_markup=menu())
    with pytest.raises(AssertionError) as failure:
        await stub.wait_message(user.id, "Справка", timeout=0.2)
    text = str(failure.value)
    assert "Справка" in text and "[1] user: /start" in text
    assert "[2] bot: Главное меню [buttons: Аттестация | Сайт]" in text
