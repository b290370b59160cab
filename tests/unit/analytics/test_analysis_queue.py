"""The line analyses wait in, and how many may run at once on a machine."""

from __future__ import annotations

import asyncio

import pytest

from services.analytics.capacity import MB, analysis_memory, default_concurrency, machine_memory
from services.analytics.queue import AnalysisQueue

GB = 1024 * MB


async def _settle() -> None:
    for _ in range(20):
        await asyncio.sleep(0)


async def test_at_most_n_run_the_rest_wait_first_come_first_served_and_see_their_place() -> None:
    queue = AnalysisQueue(2)
    release = {name: asyncio.Event() for name in "abcde"}
    order: list[str] = []
    places: dict[str, list[int]] = {name: [] for name in "abcde"}

    async def job(name: str) -> None:
        async def on_wait(place: int) -> None:
            places[name].append(place)

        async with queue.turn(on_wait):
            order.append(name)
            await release[name].wait()

    tasks = []
    for name in "abcde":
        tasks.append(asyncio.create_task(job(name)))
        await _settle()
    assert order == ["a", "b"] and queue.running == 2 and queue.waiting == 3
    assert places == {"a": [], "b": [], "c": [1], "d": [2], "e": [3]}

    release["b"].set()
    await _settle()
    assert order == ["a", "b", "c"]
    assert places["d"] == [2, 1] and places["e"] == [3, 2], "each waiting file hears its new place"
    for name in "acde":
        release[name].set()
    await asyncio.gather(*tasks)
    assert order == list("abcde") and queue.running == 0 and queue.waiting == 0


async def test_a_cancelled_waiter_leaves_the_line_and_a_cancelled_runner_frees_its_place() -> None:
    queue = AnalysisQueue(1)
    hold = asyncio.Event()
    places: list[int] = []

    async def runner() -> None:
        async with queue.turn():
            await hold.wait()

    async def waiter(record: bool) -> None:
        async def on_wait(place: int) -> None:
            if record:
                places.append(place)

        async with queue.turn(on_wait):
            pass

    first = asyncio.create_task(runner())
    await _settle()
    second = asyncio.create_task(waiter(False))
    await _settle()
    third = asyncio.create_task(waiter(True))
    await _settle()
    assert places == [2]
    second.cancel()
    await _settle()
    assert places == [2, 1] and queue.waiting == 1
    first.cancel()
    await asyncio.gather(first, second, third, return_exceptions=True)
    assert third.done() and not third.cancelled()
    assert queue.running == 0 and queue.waiting == 0


def test_a_queue_needs_a_place() -> None:
    with pytest.raises(ValueError):
        AnalysisQueue(0)


def test_default_concurrency_follows_memory_and_cores() -> None:
    assert analysis_memory(200) == 1200 * MB
    # Half of 24 GB holds ten analyses of a 200 MB table; two cores run two at once.
    assert default_concurrency(200, memory=24 * GB, cores=2) == 2
    assert default_concurrency(200, memory=24 * GB, cores=32) == 10
    assert default_concurrency(50, memory=24 * GB, cores=64) == 40
    assert default_concurrency(200, memory=1 * GB, cores=4) == 1, "a small VPS still runs one"
    assert default_concurrency(200, memory=0, cores=4) == 1
    memory = machine_memory()
    assert memory is None or memory > 64 * MB
    assert default_concurrency() >= 1


def test_the_settings_give_the_lines_width_and_the_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    from pydantic import ValidationError

    from bot.settings import Settings

    token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0"
    monkeypatch.setenv("ANALYSIS_CONCURRENCY", "")  # as .env.example leaves it: the machine decides
    unset = Settings(bot_token=token)  # type: ignore[arg-type]
    assert unset.analysis_concurrency is None and unset.analysis_slots == default_concurrency(200)
    assert unset.analysis_max_table_mb == 200
    monkeypatch.setenv("ANALYSIS_CONCURRENCY", "3")
    monkeypatch.setenv("ANALYSIS_MAX_TABLE_MB", "50")
    chosen = Settings(bot_token=token)  # type: ignore[arg-type]
    assert chosen.analysis_slots == 3 and chosen.analysis_max_table_mb == 50
    monkeypatch.setenv("ANALYSIS_CONCURRENCY", "0")
    with pytest.raises(ValidationError):
        Settings(bot_token=token)  # type: ignore[arg-type]
