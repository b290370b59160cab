from __future__ import annotations

import pytest
from aiogram.fsm.state import State, StatesGroup
from aiogram.fsm.storage.base import StorageKey

from db.fsm_storage import SqlStorage
from db.session_context import current_session


class Form(StatesGroup):
    name = State()


KEY = StorageKey(bot_id=1, chat_id=10, user_id=10)


async def test_state_and_data_round_trip(session_factory) -> None:  # type: ignore[no-untyped-def]
    storage = SqlStorage(session_factory)
    assert await storage.get_state(KEY) is None
    assert await storage.get_data(KEY) == {}
    await storage.set_state(KEY, Form.name)
    await storage.set_data(KEY, {"answers": [1, 2], "name": "Ёлка"})
    assert await storage.get_state(KEY) == "Form:name"
    assert await storage.get_data(KEY) == {"answers": [1, 2], "name": "Ёлка"}
    assert await storage.update_data(KEY, {"step": 3}) == {"answers": [1, 2], "name": "Ёлка", "step": 3}


async def test_survives_a_new_storage_instance(session_factory, engine) -> None:  # type: ignore[no-untyped-def]
    await SqlStorage(session_factory).set_state(KEY, "Quiz:answering")
    # A restarted process builds a new storage over the same file.
    from db.engine import create_session_factory

    assert await SqlStorage(create_session_factory(engine)).get_state(KEY) == "Quiz:answering"


async def test_keys_are_isolated_per_user(session_factory) -> None:  # type: ignore[no-untyped-def]
    storage = SqlStorage(session_factory)
    other = StorageKey(bot_id=1, chat_id=11, user_id=11)
    await storage.set_data(KEY, {"a": 1})
    assert await storage.get_data(other) == {}


async def test_unserialisable_data_is_refused_at_once(session_factory) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(TypeError):
        await SqlStorage(session_factory).set_data(KEY, {"bad": {1, 2}})


async def test_writes_join_the_update_transaction(session_factory) -> None:  # type: ignore[no-untyped-def]
    storage = SqlStorage(session_factory)
    async with session_factory() as session:
        token = current_session.set(session)
        try:
            await storage.set_state(KEY, "Form:name")
            await session.rollback()  # the handler failed: the state change must go too
        finally:
            current_session.reset(token)
    assert await storage.get_state(KEY) is None


async def test_a_rolled_back_step_leaves_the_remembered_state_as_it_was(session_factory) -> None:  # type: ignore[no-untyped-def]
    storage = SqlStorage(session_factory)
    await storage.set_state(KEY, "Form:name")
    async with session_factory() as session:
        token = current_session.set(session)
        try:
            await storage.set_state(KEY, "Form:other")
            assert await storage.get_state(KEY) == "Form:other"  # the step reads its own write
            await session.rollback()
        finally:
            current_session.reset(token)
    assert await storage.get_state(KEY) == "Form:name"
    assert await SqlStorage(session_factory).get_state(KEY) == "Form:name"  # and so does the database


async def test_reading_the_state_again_costs_no_query_and_an_unchanged_write_none(session_factory, engine) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import event

    storage = SqlStorage(session_factory)
    await storage.set_state(KEY, "Form:name")
    statements: list[str] = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(engine.sync_engine, "before_cursor_execute", listener)
    try:
        assert await storage.get_state(KEY) == "Form:name"
        await storage.set_state(KEY, "Form:name")
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", listener)
    assert statements == []
