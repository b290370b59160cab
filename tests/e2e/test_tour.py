"""A tour of every section as a newcomer takes it: open a section, go back, open the next, a stray message, /menu.

Counts what the bot adds to the chat. Navigation edits the one menu message in place, so the tour adds the
greeting, the hint for the stray message and the /menu answer — not a new message per tap.
"""

from __future__ import annotations

import asyncio

from tests.e2e.harness import BotProcess
from tests.stubapi import StubBotApi

BACK = ("Главное меню",)  # every section screen has «« Главное меню»
PACE = 0.4  # seconds between taps: a quick person, under the bot's flood limit of 3 updates a second


async def test_a_tour_of_all_sections_keeps_the_chat_readable(stub: StubBotApi, bot_process: BotProcess) -> None:
    anna = stub.user(1301, "Анна", username="anna_tour")
    stub.send_text(anna, "/start")
    menu = await stub.wait_message(anna.id, "Выберите раздел")
    start_count = len(stub.chat(anna.id).bot_messages())
    sections = menu.button_labels()
    assert len(sections) >= 7
    for section in sections:
        await asyncio.sleep(PACE)
        since = stub.mark()
        query = stub.press(anna, menu, section)
        await stub.wait_callback_answer(query)
        screen = await _screen_after_tap(stub, anna.id, since)
        back = next((label for label in screen.button_labels() if any(word in label for word in BACK)), None)
        assert back is not None, f"«{section}» has no way back to the menu: {screen.button_labels()}"
        await asyncio.sleep(PACE)
        query = stub.press(anna, screen, back)
        await stub.wait_callback_answer(query)
        menu = await stub.wait_shown(anna.id, "Выберите раздел")
    await asyncio.sleep(3)  # a person reads; the flood limit (3 updates a second) is not what this test is about
    stub.send_text(anna, "ну и что дальше?")
    await stub.wait_message(anna.id, "Я отвечаю на команды и кнопки")
    stub.send_text(anna, "/menu")
    await stub.wait_message(anna.id, "Главное меню")
    added = len(stub.chat(anna.id).bot_messages()) - start_count
    print(f"\nTour of {len(sections)} sections, a stray text and /menu: the bot added {added} messages")
    # The hint for the stray text and the /menu answer; every section and every «back» edited in place.
    assert added == 2, stub.transcript(anna.id)
    live = [m for m in stub.chat(anna.id).bot_messages() if m.button_labels()]
    assert len(live) <= 3, "old screens keep live buttons"
    assert not stub.unanswered_callbacks
    stub.assert_no_api_errors()


async def _screen_after_tap(stub: StubBotApi, chat_id: int, since: int):  # type: ignore[no-untyped-def]
    """The screen a tap brought: the newest bot message with buttons shown (edited in place or new) after `since`.
    The callback may be answered before the screen is edited, so wait for the change rather than a fixed time."""

    def changed():  # type: ignore[no-untyped-def]
        shown = [m for m in stub.chat(chat_id).bot_messages() if m.button_labels() and m.last_change_seq > since]
        return max(shown, key=lambda m: m.last_change_seq) if shown else None

    return await stub.wait_for(changed, 30, "the screen the tap brought")
