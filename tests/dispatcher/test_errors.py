"""A failing handler: the user is told in Russian how to go on, the log has the update id and no token."""

from __future__ import annotations

import logging

import pytest
from aiogram import Router
from aiogram.filters import Command
from aiogram.methods import SendMessage

from tests.dispatcher.conftest import TOKEN, Chatter


@pytest.fixture
def broken_router(dispatcher):  # type: ignore[no-untyped-def]
    router = Router(name="broken")

    @router.message(Command("boom"))
    async def boom(message) -> None:  # type: ignore[no-untyped-def]
        raise RuntimeError(f"database exploded near bot{TOKEN}")

    @router.callback_query(lambda q: q.data == "boom")
    async def boom_button(query) -> None:  # type: ignore[no-untyped-def]
        raise RuntimeError("button exploded")

    # Put it first so it wins over the fallback routers.
    dispatcher.sub_routers.insert(0, router)
    router._parent_router = dispatcher
    return router


async def test_failure_is_reported_to_user_and_logged(alice: Chatter, broken_router, caplog) -> None:  # type: ignore[no-untyped-def]
    from bot.logging_setup import RedactSecretsFilter

    caplog.handler.addFilter(RedactSecretsFilter([TOKEN]))
    with caplog.at_level(logging.ERROR):
        await alice.send("/boom")
    assert "Что-то пошло не так" in alice.last_text()
    record = next(r for r in caplog.records if "failed" in r.getMessage())
    assert "Update" in record.getMessage()
    assert TOKEN not in caplog.text
    await alice.send("/menu")
    assert "Главное меню" in alice.last_text()


async def test_failure_on_a_button_writes_to_the_chat(alice: Chatter, broken_router) -> None:  # type: ignore[no-untyped-def]
    await alice.press("boom")
    sent = alice.session.sent(SendMessage)
    assert sent and "Что-то пошло не так" in sent[-1].text
