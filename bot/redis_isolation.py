"""One user's updates, one at a time, across every bot process: a per-user lock in Redis held as a lease.

aiogram's RedisEventIsolation holds its lock for a fixed 60 s timeout, so a process killed mid-update leaves
that user waiting a minute (every process would sit on his next update). Here the lock lives only LEASE
seconds and is renewed while the update is being handled: a live handler keeps it as long as it needs, and a
dead process's lock is gone within a few seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncGenerator

from aiogram.fsm.storage.base import BaseEventIsolation, KeyBuilder, StorageKey
from redis.asyncio import Redis
from redis.exceptions import LockError

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
        renewal = asyncio.create_task(self._renew(lock), name="redis-lock-renewal")
        try:
            yield
        finally:
            renewal.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await renewal
            try:
                await lock.release()
            except LockError:
                # The lease ran out (the event loop was blocked too long) and another process may have taken
                # the user's next update already; nothing to release.
                logger.warning("Per-user lock %s expired before the update finished", lock.name)

    async def _renew(self, lock: object) -> None:
        while True:
            await asyncio.sleep(self.renew_every)
            try:
                await lock.reacquire()  # type: ignore[attr-defined]
            except LockError:
                logger.warning("Per-user lock lost while the update was still running")
                return

    async def close(self) -> None:
        return None
