"""One user's updates, one at a time, across every bot process: a per-user lock in Redis held as a lease.

aiogram's RedisEventIsolation holds its lock for a fixed 60 s timeout, so a process killed mid-update leaves
that user waiting a minute (every process would sit on his next update). Here the lock lives only LEASE
seconds and is renewed while the update is being handled: a live handler keeps it as long as it needs, and a
dead process's lock is gone within a few seconds.

The renewer is stopped by an event, never cancelled: redis-py can swallow a cancellation that arrives while a
command is in flight (redis/redis-py#2028, #2551; with redis 8.1 we measured 40 of 3,000 cancels of a looping
`reacquire()` lost), and a renewer that survives its cancel keeps the user's lock alive — and his update
waiting for it — forever.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncGenerator

from aiogram.fsm.storage.base import BaseEventIsolation, KeyBuilder, StorageKey
from redis.asyncio import Redis
from redis.exceptions import LockError, RedisError

logger = logging.getLogger(__name__)
LEASE_SECONDS = 5.0
RENEW_EVERY_SECONDS = 1.5
POLL_SECONDS = 0.02  # how often a waiting process looks at a held lock


class LeasedRedisEventIsolation(BaseEventIsolation):
    def __init__(self, redis: Redis, key_builder: KeyBuilder, lease: float = LEASE_SECONDS,
                 renew_every: float = RENEW_EVERY_SECONDS) -> None:
        self.redis = redis
        self.key_builder = key_builder
        self.lease = lease
        self.renew_every = renew_every

    @contextlib.asynccontextmanager
    async def lock(self, key: StorageKey) -> AsyncGenerator[None, None]:
        lock = self.redis.lock(self.key_builder.build(key, "lock"), timeout=self.lease, sleep=POLL_SECONDS)
        await lock.acquire()
        finished = asyncio.Event()
        renewal = asyncio.create_task(self._renew(lock, finished), name="redis-lock-renewal")
        try:
            yield
        finally:
            finished.set()
            # The renewer stops after the command in flight, if any; a Redis that does not answer must not hold
            # the update longer than a lease (the renewer then exits on its own when the command fails).
            _, pending = await asyncio.wait({renewal}, timeout=self.lease)
            if pending:
                logger.warning("Renewal of per-user lock %s did not stop within %g s", lock.name, self.lease)
            try:
                await lock.release()
            except LockError:
                # The lease ran out (the event loop was blocked too long) and another process may have taken
                # the user's next update already; nothing to release.
                logger.warning("Per-user lock %s expired before the update finished", lock.name)

    async def _renew(self, lock: object, finished: asyncio.Event) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(finished.wait(), self.renew_every)
            if finished.is_set():
                return
            try:
                await lock.reacquire()  # type: ignore[attr-defined]
            except LockError:
                logger.warning("Per-user lock lost while the update was still running")
                return
            except RedisError as exc:  # a network blip: the lease still has time, try again at the next tick
                logger.warning("Could not renew a per-user lock: %r", exc)

    async def close(self) -> None:
        return None
