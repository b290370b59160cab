"""One user's updates, one at a time, across every bot process: a per-user lock in Redis held as a lease.

aiogram's RedisEventIsolation holds its lock for a fixed 60 s timeout, so a process killed mid-update leaves
that user waiting a minute (every process would sit on his next update). Here the lock lives only LEASE
seconds and is renewed while the update is being handled: a live handler keeps it as long as it needs, and a
dead process's lock is gone within a few seconds.

Taking the lock reads the user's FSM state in the same round trip (one Lua script: the state is read only once
the lock is held, as aiogram's own middleware does it, issue #1317): a tap costs two round trips to Redis — take
the lock with the state, give the lock back — instead of three. `LockedStateRedisStorage` hands that state to the
middleware's first read.

Most updates are over long before a renewal is due, so the renewal is a timer, not a task per update; when it is
due it starts one renewal, which sets the next timer. A renewal is never cancelled: redis-py can swallow a
cancellation that arrives while a command is in flight (redis/redis-py#2028, #2551; with redis 8.1 we measured 40
of 3,000 cancels of a looping `reacquire()` lost), and a renewer that survives its cancel keeps the user's lock
alive — and his update waiting for it — forever. Leaving the lock cancels the timer (no command in flight) and
waits for a renewal already running.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import AsyncGenerator
from contextvars import ContextVar

from aiogram.fsm.storage.base import BaseEventIsolation, KeyBuilder, StateType, StorageKey
from aiogram.fsm.storage.redis import RedisStorage
from redis.asyncio import Redis
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
LEASE_SECONDS = 5.0
RENEW_EVERY_SECONDS = 1.5
POLL_SECONDS = 0.02  # how often a waiting process looks at a held lock

# KEYS: lock, state; ARGV: token, lease ms. {1, state} when the lock was free (now ours), {0} when it is held.
_TAKE = """
if redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
    return {1, redis.call('get', KEYS[2])}
end
return {0}
"""
# KEYS: lock; ARGV: token, lease ms. 1 when the lock was still ours and is extended.
_RENEW = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('pexpire', KEYS[1], ARGV[2])
end
return 0
"""
# KEYS: lock; ARGV: token. 1 when the lock was still ours and is gone now.
_GIVE_BACK = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""

# The state read with the lock, for the middleware's read right after: (key, state) until read once.
_STATE_TAKEN_WITH_LOCK: ContextVar[tuple[StorageKey, str | None] | None] = ContextVar("state_taken_with_lock",
                                                                                       default=None)


class LockedStateRedisStorage(RedisStorage):
    """aiogram's RedisStorage whose first state read under a per-user lock is the one the lock brought along."""

    async def get_state(self, key: StorageKey) -> str | None:
        taken = _STATE_TAKEN_WITH_LOCK.get()
        if taken is not None and taken[0] == key:
            _STATE_TAKEN_WITH_LOCK.set(None)  # once: a later read sees what this update may have written since
            return taken[1]
        return await super().get_state(key)

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        taken = _STATE_TAKEN_WITH_LOCK.get()
        if taken is not None and taken[0] == key:
            _STATE_TAKEN_WITH_LOCK.set(None)
        await super().set_state(key, state)


class LeasedRedisEventIsolation(BaseEventIsolation):
    def __init__(self, redis: Redis, key_builder: KeyBuilder, lease: float = LEASE_SECONDS,
                 renew_every: float = RENEW_EVERY_SECONDS) -> None:
        self.redis = redis
        self.key_builder = key_builder
        self.lease = lease
        self.renew_every = renew_every
        self._take = redis.register_script(_TAKE)
        self._renew = redis.register_script(_RENEW)
        self._give_back = redis.register_script(_GIVE_BACK)

    def lease_ms(self) -> int:
        return int(self.lease * 1000)

    @contextlib.asynccontextmanager
    async def lock(self, key: StorageKey) -> AsyncGenerator[None, None]:
        name = self.key_builder.build(key, "lock")
        token = os.urandom(16).hex()
        state = await self._acquire(name, self.key_builder.build(key, "state"), token)
        _STATE_TAKEN_WITH_LOCK.set((key, state))
        lease = _Lease(self, name, token)
        try:
            yield
        finally:
            _STATE_TAKEN_WITH_LOCK.set(None)
            await lease.end()

    async def _acquire(self, name: str, state_key: str, token: str) -> str | None:
        while True:
            taken = await self._take(keys=[name, state_key], args=[token, self.lease_ms()])
            if taken[0] == 1:
                state = taken[1] if len(taken) > 1 else None
                return state.decode("utf-8") if isinstance(state, bytes) else state
            await asyncio.sleep(POLL_SECONDS)

    async def renew(self, name: str, token: str) -> bool:
        """False: the lock is no longer ours (its lease ran out)."""
        return bool(await self._renew(keys=[name], args=[token, self.lease_ms()]))

    async def give_back(self, name: str, token: str) -> bool:
        """False: the lock was no longer ours (its lease ran out) and is left as it is."""
        return bool(await self._give_back(keys=[name], args=[token]))

    async def close(self) -> None:
        return None


class _Lease:
    """One held lock: a timer that renews it while the update runs, and giving it back at the end."""

    def __init__(self, isolation: LeasedRedisEventIsolation, name: str, token: str) -> None:
        self.isolation = isolation
        self.name = name
        self.token = token
        self.loop = asyncio.get_running_loop()
        self.finished = False
        self.renewal: asyncio.Task[None] | None = None
        self.timer = self.loop.call_later(isolation.renew_every, self._due)

    def _due(self) -> None:
        self.renewal = self.loop.create_task(self._renew_once(), name="redis-lock-renewal")

    async def _renew_once(self) -> None:
        try:
            if not await self.isolation.renew(self.name, self.token):
                logger.warning("Per-user lock lost while the update was still running")
                return
        except RedisError as exc:  # a network blip: the lease still has time, try again at the next tick
            logger.warning("Could not renew a per-user lock: %r", exc)
        if not self.finished:
            self.timer = self.loop.call_later(self.isolation.renew_every, self._due)

    async def end(self) -> None:
        self.finished = True
        self.timer.cancel()
        if self.renewal is not None and not self.renewal.done():
            # The renewal finishes its command; a Redis that does not answer must not hold the update longer
            # than a lease (the renewal then ends on its own when the command fails).
            _, pending = await asyncio.wait({self.renewal}, timeout=self.isolation.lease)
            if pending:
                logger.warning("Renewal of per-user lock %s did not stop within %g s", self.name, self.isolation.lease)
        if not await self.isolation.give_back(self.name, self.token):
            # The lease ran out (the event loop was blocked too long) and another process may have taken the
            # user's next update already; nothing to give back.
            logger.warning("Per-user lock %s expired before the update finished", self.name)
