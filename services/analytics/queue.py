"""At most N analyses at once in this process; the rest wait in line, first come first served.

A 2 MB ZIP can hold a 190 MB CSV that takes over a gigabyte of memory to analyse, so analyses must not all run
at once. `AnalysisQueue.turn()` waits for a free place; while it waits, it reports the caller's place in line
(1 = next) through `on_wait` each time that place changes, so the chat can show it and edit it as the line moves.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

OnWait = Callable[[int], Awaitable[None]]


class _Ticket:
    __slots__ = ("admitted", "moved")

    def __init__(self) -> None:
        self.admitted = False
        self.moved = asyncio.Event()


class AnalysisQueue:
    def __init__(self, slots: int) -> None:
        if slots < 1:
            raise ValueError("an analysis queue needs at least one place")
        self.slots = slots
        self._running = 0
        self._line: list[_Ticket] = []

    @property
    def running(self) -> int:
        return self._running

    @property
    def waiting(self) -> int:
        return len(self._line)

    @asynccontextmanager
    async def turn(self, on_wait: OnWait | None = None) -> AsyncIterator[None]:
        """Hold one of the places for the duration of the `async with` block."""
        await self._enter(on_wait)
        try:
            yield
        finally:
            self._leave()

    async def _enter(self, on_wait: OnWait | None) -> None:
        if self._running < self.slots and not self._line:
            self._running += 1
            return
        ticket = _Ticket()
        self._line.append(ticket)
        shown = 0
        try:
            while not ticket.admitted:
                ticket.moved.clear()  # before reporting: a move during the report is not lost
                place = self._line.index(ticket) + 1
                if on_wait is not None and place != shown:
                    shown = place
                    await on_wait(place)
                if not ticket.admitted:
                    await ticket.moved.wait()
        except BaseException:
            # Cancelled (or the report failed) while in line: give the place back if it was already given.
            if ticket.admitted:
                self._leave()
            else:
                self._line.remove(ticket)
                self._moved()
            raise

    def _leave(self) -> None:
        self._running -= 1
        if self._line and self._running < self.slots:
            ticket = self._line.pop(0)
            ticket.admitted = True
            self._running += 1
            ticket.moved.set()
        self._moved()

    def _moved(self) -> None:
        for ticket in self._line:
            ticket.moved.set()
