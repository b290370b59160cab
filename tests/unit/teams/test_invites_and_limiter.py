"""Invite codes and QR pictures; the send limiter's spacing (on a simulated clock, no real waiting)."""

from __future__ import annotations

import asyncio
import io
import itertools
from collections.abc import Awaitable

from PIL import Image

from bot.send_limiter import SendLimiter
from services.teams.engine.invites import START_PREFIX, invite_url, looks_like_code, new_code, qr_png


def test_codes_are_unguessable_and_fit_a_start_parameter() -> None:
    codes = {new_code() for _ in range(500)}
    assert len(codes) == 500
    for code in list(codes)[:50]:
        url = invite_url("sales_coach_bot", code)
        payload = url.split("?start=", 1)[1]
        assert len(payload) <= 64 and looks_like_code(code)
        # What the /start join_<code> handler accepts: the prefix, then a well-formed code.
        assert payload.startswith(START_PREFIX) and looks_like_code(payload.removeprefix(START_PREFIX))
    assert not looks_like_code("abc") and not looks_like_code("x" * 16 + "!")


def test_qr_png_is_a_scannable_size_picture() -> None:
    image = Image.open(io.BytesIO(qr_png(invite_url("sales_coach_bot", new_code()))))
    assert image.format == "PNG" and image.size[0] == image.size[1] and image.size[0] >= 250


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0
        self.sent: list[tuple[float, int]] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds


async def test_one_message_a_second_per_chat_and_thirty_overall() -> None:
    fake = FakeTime()
    limiter = SendLimiter(overall=30, per_chat=1, clock=fake.clock, sleep=fake.sleep)
    for chat in [1, 1, 1, *range(100, 160)]:
        await limiter.wait(chat)
        fake.sent.append((fake.now, chat))
    same_chat = [t for t, chat in fake.sent if chat == 1]
    assert all(b - a >= 1.0 for a, b in itertools.pairwise(same_chat))
    times = [t for t, _ in fake.sent]
    for start in times:
        assert sum(1 for t in times if start <= t < start + 1.0) <= 30


class VirtualTime:
    """Simulated time for concurrent waiters: sleeping tasks wake in order of their wake-up time."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleepers: list[tuple[float, asyncio.Future[None]]] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.sleepers.append((self.now + seconds, future))
        await future

    async def run(self, *jobs: Awaitable[None]) -> None:
        tasks = [asyncio.ensure_future(job) for job in jobs]
        while not all(task.done() for task in tasks):
            for _ in range(10):  # let every task run until it sleeps or ends
                await asyncio.sleep(0)
            if self.sleepers:
                self.sleepers.sort(key=lambda item: item[0])
                wake_at, future = self.sleepers.pop(0)
                self.now = max(self.now, wake_at)
                future.set_result(None)
        await asyncio.gather(*tasks)


async def test_a_busy_chat_does_not_hold_up_the_others() -> None:
    virtual = VirtualTime()
    limiter = SendLimiter(overall=30, per_chat=1, clock=virtual.clock, sleep=virtual.sleep)
    sent: dict[str, float] = {}

    async def send(name: str, chat: int) -> None:
        await limiter.wait(chat)
        sent[name] = virtual.now

    await virtual.run(send("first to 1", 1), send("second to 1", 1), send("to 2", 2))
    assert sent["first to 1"] == 0.0 and sent["second to 1"] >= 1.0
    assert sent["to 2"] < 0.1  # not queued behind chat 1's second message
