"""Every filter and handler of the bot is awaited in the event loop: aiogram runs a plain callable (a magic
filter `F.text` is one) in a worker thread, a hop there and back per check of every typed message."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from aiogram import Dispatcher, F, Router
from aiogram.types import Chat, Message

from handlers import install
from handlers.filters import NOT_A_FILE, TEXT, TYPED_TEXT, Magic


def _walk(router: Router) -> list[tuple[str, Any]]:
    found = []
    for name, observer in router.observers.items():
        for handler in observer.handlers:
            found.append((f"{router.name}.{name} {handler.callback.__name__}", handler))
            found += [(f"{router.name}.{name} {handler.callback.__name__} filter {f.callback!r}", f)
                      for f in handler.filters or []]
    for child in router.sub_routers:
        found += _walk(child)
    return found


def test_no_filter_or_handler_runs_in_a_thread() -> None:
    dispatcher = Dispatcher()
    install(dispatcher)
    checked = _walk(dispatcher)
    in_threads = [name for name, callable_object in checked if not callable_object.awaitable]
    assert len(checked) > 200  # the whole tree was walked
    assert in_threads == []


def _message(text: str | None = None, **extra: Any) -> Message:
    return Message(message_id=1, date=0, chat=Chat(id=1, type="private"), text=text, **extra)  # type: ignore[arg-type]


@pytest.mark.parametrize(("flt", "text", "expected"), [
    (TYPED_TEXT, "42", True), (TYPED_TEXT, "/menu", False), (TYPED_TEXT, None, False),
    (TEXT, "/menu", True), (TEXT, None, False),
    (NOT_A_FILE, "привет", True), (NOT_A_FILE, "/cancel", False),
])
def test_wrapped_filters_keep_the_magic_filters_meaning(flt: Magic, text: str | None, expected: bool) -> None:
    assert bool(asyncio.run(flt(_message(text)))) is expected


def test_a_named_magic_result_still_reaches_the_handler() -> None:
    assert asyncio.run(Magic(F.text.as_("typed"))(_message("5"))) == {"typed": "5"}
