"""Two bot processes sharing Redis never handle one user's updates at the same time (other users go on),
and a process that dies holding a user's lock does not hold that user up for long.

Each "process" is a Dispatcher with its own Redis connection, built by the bot's own bot.app.build_fsm from the
settings a deployment with REDIS_URL has; the updates of one user are fed to both alternately, all at once.
"""

from __future__ import annotations

import asyncio
import itertools
import random
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from aiogram import Bot, Dispatcher, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.fsm.storage.base import DefaultKeyBuilder, StorageKey
from aiogram.types import Chat, Message, Update, User

from bot.redis_isolation import LeasedRedisEventIsolation
from tests.conftest import FsmFactory
from tests.databases import TEST_REDIS_URL

pytestmark = pytest.mark.skipif(not TEST_REDIS_URL, reason="cross-process isolation lives in Redis (TEST_REDIS_URL)")


@dataclass(frozen=True)
class Span:
    process: int
    user_id: int
    start: float
    end: float


def probe_dispatcher(process: int, storage_pair, spans: list[Span]) -> Dispatcher:  # type: ignore[no-untyped-def]
    storage, isolation = storage_pair
    router = Router(name=f"probe-{process}")

    @router.message()
    async def slow(message: Message) -> None:
        loop = asyncio.get_running_loop()
        start = loop.time()
        await asyncio.sleep(0.05)  # a handler that awaits the database or Telegram
        spans.append(Span(process, message.from_user.id, start, loop.time()))

    dp = Dispatcher(storage=storage, events_isolation=isolation)
    dp.include_router(router)
    return dp


def text_update(update_id: int, user_id: int, text: str = "ответ") -> Update:
    user = User(id=user_id, is_bot=False, first_name=f"U{user_id}")
    chat = Chat(id=user_id, type="private")
    return Update(update_id=update_id, message=Message(message_id=update_id, date=datetime.now(UTC), chat=chat,
                                                       from_user=user, text=text))


def overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


async def test_one_users_updates_never_interleave_across_processes(session_factory,  # type: ignore[no-untyped-def]
                                                                   fsm_factory: FsmFactory, bot: Bot) -> None:
    spans: list[Span] = []
    processes = [probe_dispatcher(n, fsm_factory(session_factory), spans) for n in (0, 1)]
    ids = itertools.count(1)
    feeds = []
    for n in range(6):
        feeds.append(processes[n % 2].feed_update(bot, text_update(next(ids), 501)))
        feeds.append(processes[(n + 1) % 2].feed_update(bot, text_update(next(ids), 502)))
    await asyncio.gather(*feeds)

    first = [s for s in spans if s.user_id == 501]
    second = [s for s in spans if s.user_id == 502]
    assert len(first) == len(second) == 6
    assert {s.process for s in first} == {0, 1}
    assert not [(a, b) for a, b in itertools.combinations(first, 2) if overlap(a, b)]
    assert not [(a, b) for a, b in itertools.combinations(second, 2) if overlap(a, b)]
    # The lock is per user: the two users were served side by side, not one after the other.
    assert any(overlap(a, b) for a in first for b in second)


async def test_a_burst_of_more_users_than_redis_connections_loses_no_update(  # type: ignore[no-untyped-def]
        session_factory, fsm_factory: FsmFactory, bot: Bot) -> None:
    # 09:00, the drill goes out: hundreds of people answer at once. Each update takes its user's lock in Redis;
    # with redis-py's default pool the 101st at once failed with «Too many connections» instead of waiting.
    spans: list[Span] = []
    process = probe_dispatcher(0, fsm_factory(session_factory), spans)
    users = range(9_000, 9_250)
    await asyncio.gather(*(process.feed_update(bot, text_update(n, user)) for n, user in enumerate(users, 1)))
    assert sorted(s.user_id for s in spans) == list(users)


class Steps(StatesGroup):
    first = State()
    second = State()


def state_dispatcher(storage_pair, seen: list[tuple[str | None, str | None]]) -> Dispatcher:  # type: ignore[no-untyped-def]
    """A handler that notes the state it was handed and the state after moving the user one step on."""
    storage, isolation = storage_pair
    router = Router(name="steps")

    @router.message()
    async def step(message: Message, state: FSMContext, raw_state: str | None) -> None:
        if message.text == "дальше":
            await state.set_state(Steps.second if raw_state == Steps.first.state else Steps.first)
        seen.append((raw_state, await state.get_state()))

    dp = Dispatcher(storage=storage, events_isolation=isolation)
    dp.include_router(router)
    return dp


async def test_each_process_is_handed_the_state_the_last_update_left(  # type: ignore[no-untyped-def]
        session_factory, fsm_factory: FsmFactory, bot: Bot) -> None:
    # The state comes with the per-user lock now (one round trip for both): it must still be the state the
    # previous update left, whichever process handled that one, and a state written during an update is what
    # that update reads afterwards.
    seen: list[tuple[str | None, str | None]] = []
    processes = [state_dispatcher(fsm_factory(session_factory), seen) for _ in (0, 1)]
    for n, text in enumerate(["дальше", "дальше", "ответ", "дальше"]):
        await processes[n % 2].feed_update(bot, text_update(n + 1, 503, text))
    assert seen == [(None, Steps.first.state), (Steps.first.state, Steps.second.state),
                    (Steps.second.state, Steps.second.state), (Steps.second.state, Steps.first.state)]


async def test_an_update_costs_two_round_trips_to_redis(session_factory, fsm_factory: FsmFactory,  # type: ignore[no-untyped-def]
                                                        bot: Bot) -> None:
    storage, isolation = fsm_factory(session_factory)
    commands: list[str] = []
    send = isolation.redis.execute_command

    async def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        commands.append(str(args[0]))
        return await send(*args, **kwargs)

    isolation.redis.execute_command = counted  # type: ignore[method-assign]
    handed: list[str | None] = []
    router = Router(name="reader")

    @router.message()
    async def read(message: Message, raw_state: str | None) -> None:
        handed.append(raw_state)

    dp = Dispatcher(storage=storage, events_isolation=isolation)
    dp.include_router(router)
    await storage.set_state(StorageKey(bot_id=bot.id, chat_id=504, user_id=504), Steps.second)
    commands.clear()
    for n in (1, 2):
        await dp.feed_update(bot, text_update(n, 504))
    # Each update: the lock with the state in one script, the lock given back in another.
    assert handed == [Steps.second.state, Steps.second.state]
    assert commands == ["EVALSHA"] * 4


async def test_a_dead_processes_lock_expires_but_a_slow_live_handler_keeps_its_own(redis_prefix: str) -> None:
    from redis.asyncio import Redis

    redis = Redis.from_url(TEST_REDIS_URL)
    keys = DefaultKeyBuilder(prefix=redis_prefix)
    key = StorageKey(bot_id=1, chat_id=601, user_id=601)
    try:
        dead = redis.lock(keys.build(key, "lock"), timeout=0.5)
        assert await dead.acquire()  # a process took the user's lock and was killed: nobody renews it
        live = LeasedRedisEventIsolation(redis, keys, lease=0.5, renew_every=0.15)
        async with asyncio.timeout(5):  # the lease runs out; the user is not stuck
            async with live.lock(key):
                entered = asyncio.get_running_loop().time()
                waiter = asyncio.create_task(_enter(live, key))
                await asyncio.sleep(1.5)  # three leases long: only renewal keeps the lock
                assert not waiter.done()
                released = asyncio.get_running_loop().time()
            assert await waiter >= released > entered
    finally:
        await redis.aclose()


async def test_leaving_the_lock_never_hangs_while_a_renewal_is_in_flight(redis_prefix: str) -> None:
    # redis-py can swallow a cancellation that lands inside a command; when the renewer was cancelled, about one
    # exit in 75 hung for good with the user's lock held and still renewed (found by benchmarks/bench_scale.py).
    # Renewing all the time makes nearly every exit race a renewal in flight.
    from redis.asyncio import Redis

    redis = Redis.from_url(TEST_REDIS_URL)
    keys = DefaultKeyBuilder(prefix=redis_prefix)
    isolation = LeasedRedisEventIsolation(redis, keys, lease=2.0, renew_every=0.0005)
    pauses = random.Random(7)
    try:
        for n in range(400):
            key = StorageKey(bot_id=1, chat_id=700 + n % 5, user_id=700 + n % 5)
            update = asyncio.create_task(_hold(isolation, key, pauses.random() * 0.003))
            done, _ = await asyncio.wait({update}, timeout=5)  # not a timeout that cancels: that could hang too
            assert update in done, f"update {n} never left the per-user lock"
        assert [k async for k in redis.scan_iter(match=f"{redis_prefix}:*lock")] == []  # every lock released
    finally:
        await redis.aclose()


async def _hold(isolation: LeasedRedisEventIsolation, key: StorageKey, seconds: float) -> None:
    async with isolation.lock(key):
        await asyncio.sleep(seconds)


async def _enter(isolation: LeasedRedisEventIsolation, key: StorageKey) -> float:
    async with isolation.lock(key):
        return asyncio.get_running_loop().time()
