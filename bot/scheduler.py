"""The scheduler: a task inside the bot process that sends what is due — the teams' notifications (tasks,
reminders, summaries, drill invitations) and each user's daily drill.

Every SCHEDULER_INTERVAL seconds — or at once when a commit that scheduled something calls
services.teams.flow.outbox.wake() (see services.teams.flow.events.TeamEvents.wake_after_commit), or right away
when the last round found more waiting than one batch — it runs one round per lane: it claims what is due in
the database for this process (every bot process runs a scheduler; the claim is atomic, so each message goes to
one of them, and a claim left by a dead process is taken over after a lease), marks each one «sending» and
commits right before it goes out (so nothing is ever sent twice), sends it through a SendLimiter (≤ 30 messages/s
overall, ≤ 1/s per chat, shared by the lanes), and records the outcome: sent; blocked (403: the user is marked
and later messages skip him); failed (a permanent 400); or back to pending for a later try (flood control or
network trouble that outlasted the request retries).

Lanes: `TeamLane` (services.teams.flow.outbox) and `DrillLane` (services.attestation.drill.flow.outbox: it also
plans each user's drill for the day; quiet hours and «only the same day» are its rules). The keyboards are built
by the chat layer's builders, which the router assembly puts in the dispatcher's workflow data as
"outgoing_markup" and "drill_markup" (bot/ never imports handlers/ beyond that assembly).
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import socket
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol
from zoneinfo import ZoneInfo

from aiogram import Bot, Dispatcher
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.types import InlineKeyboardMarkup
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.send_limiter import SendLimiter
from bot.settings import Settings
from services.attestation.drill.flow.context import DrillContext
from services.attestation.drill.flow.outbox import DrillOutbox
from services.attestation.drill.views import QuestionView
from services.attestation.engine.content import QuestionBank, load_bank
from services.clock import Clock
from services.teams.flow import outbox
from services.teams.flow.context import TeamContext
from services.teams.views import ButtonSpec

logger = logging.getLogger(__name__)
STOP_GRACE_SECONDS = 10.0
SENT, BLOCKED, FAILED, RETRY, RELEASE = "sent", "blocked", "failed", "retry", "release"
MARKUP_KEY = "outgoing_markup"  # where build_dispatcher keeps the keyboard builder
DRILL_MARKUP_KEY = "drill_markup"  # … and the drill question's

MarkupBuilder = Callable[[Sequence[ButtonSpec]], InlineKeyboardMarkup | None]
DrillMarkupBuilder = Callable[[QuestionView], InlineKeyboardMarkup | None]


@dataclass(frozen=True)
class Delivery:
    """One claimed message: the lane's row id, the chat, what to send."""

    key: int
    user_id: int
    text: str
    markup: InlineKeyboardMarkup | None


@dataclass(frozen=True)
class Claimed:
    deliveries: list[Delivery]
    full: bool  # a whole batch was taken: more may be waiting, so the next round starts at once


class Lane(Protocol):
    name: str

    async def claim(self, session: AsyncSession, owner: str) -> Claimed: ...

    async def start_sending(self, session: AsyncSession, key: int, owner: str) -> bool: ...

    async def record(self, session: AsyncSession, item: Delivery, outcome: str, error: str | None,
                     message_id: int | None) -> None: ...


@dataclass
class TeamLane:
    """Team notifications (services.teams.flow.outbox)."""

    clock: Clock
    tz: ZoneInfo
    bank: QuestionBank
    markup: MarkupBuilder
    name: str = "notification"

    def _box(self, session: AsyncSession) -> outbox.TeamOutbox:
        return outbox.TeamOutbox(TeamContext.for_session(session, self.clock, self.tz, self.bank))

    async def claim(self, session: AsyncSession, owner: str) -> Claimed:
        batch = await self._box(session).claim_due(owner)
        return Claimed([Delivery(o.notification_id, o.user_id, o.text, self.markup(o.buttons)) for o in batch], False)

    async def start_sending(self, session: AsyncSession, key: int, owner: str) -> bool:
        return await self._box(session).start_sending(key, owner)

    async def record(self, session: AsyncSession, item: Delivery, outcome: str, error: str | None,
                     message_id: int | None) -> None:
        box = self._box(session)
        if outcome == SENT:
            await box.sent(item.key)
        elif outcome == BLOCKED:
            await box.blocked(item.key, item.user_id)
        elif outcome == FAILED:
            await box.failed(item.key, error or "")
        elif outcome == RETRY:
            await box.retry(item.key, error or "")
        else:
            await box.release(item.key)


@dataclass
class DrillLane:
    """Each user's daily drill (services.attestation.drill.flow.outbox): planned, then claimed and sent."""

    clock: Clock
    tz: ZoneInfo
    bank: QuestionBank
    markup: DrillMarkupBuilder
    name: str = "drill"

    def _box(self, session: AsyncSession) -> DrillOutbox:
        return DrillOutbox(DrillContext.for_session(session, self.bank, self.clock, self.tz))

    async def claim(self, session: AsyncSession, owner: str) -> Claimed:
        box = self._box(session)
        planned = await box.plan()
        batch = await box.claim_due(owner)
        full = planned >= box.plan_limit or box.claimed >= box.claim_limit
        return Claimed([Delivery(o.run_id, o.user_id, o.question.text, self.markup(o.question)) for o in batch],
                       full)

    async def start_sending(self, session: AsyncSession, key: int, owner: str) -> bool:
        return await self._box(session).start_sending(key, owner)

    async def record(self, session: AsyncSession, item: Delivery, outcome: str, error: str | None,
                     message_id: int | None) -> None:
        box = self._box(session)
        if outcome == SENT:
            await box.sent(item.key, message_id)
        elif outcome == BLOCKED:
            await box.blocked(item.key, item.user_id)
        elif outcome == FAILED:
            await box.failed(item.key, error or "")
        elif outcome == RETRY:
            await box.retry(item.key, error or "")
        else:
            await box.release(item.key)


class NotificationScheduler:
    def __init__(self, bot: Bot, session_factory: async_sessionmaker, settings: Settings, *,
                 markup: MarkupBuilder, clock: Clock | None = None, limiter: SendLimiter | None = None,
                 bank: QuestionBank | None = None, drill_markup: DrillMarkupBuilder | None = None) -> None:
        """Without `drill_markup` the daily drill is not sent (a scheduler for the team notifications only)."""
        self.bot = bot
        self.session_factory = session_factory
        self.interval = settings.scheduler_interval
        self.clock = clock or Clock(settings.clock_offset_file)
        self.limiter = limiter or SendLimiter()
        bank = bank or load_bank()
        self.lanes: list[Lane] = [TeamLane(self.clock, settings.tz, bank, markup)]
        if drill_markup is not None:
            self.lanes.append(DrillLane(self.clock, settings.tz, bank, drill_markup))
        self._task: asyncio.Task[None] | None = None
        self._wake: asyncio.Event | None = None
        self._stopping = False
        self._more = False
        self._record_lock = asyncio.Lock()
        # Who holds a claim: unique per process, and readable in the table when several processes run.
        self.owner = f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(3)}"

    # ---- lifecycle -------------------------------------------------------------------------------
    async def start(self) -> None:
        self._stopping = False
        self._wake = asyncio.Event()
        outbox.subscribe(self.wake)
        self._task = asyncio.create_task(self._loop(), name="scheduler")
        logger.info("Scheduler started (every %g s; lanes: %s)", self.interval,
                    ", ".join(lane.name for lane in self.lanes))

    def wake(self) -> None:
        if self._wake is not None:
            self._wake.set()

    async def stop(self) -> None:
        """Finish the message being sent, put the rest of the batch back, and exit."""
        outbox.unsubscribe(self.wake)
        self._stopping = True
        self.wake()
        if self._task is None:
            return
        try:
            await asyncio.wait_for(self._task, STOP_GRACE_SECONDS)
        except TimeoutError:
            logger.warning("Scheduler did not stop in %g s; cancelled", STOP_GRACE_SECONDS)
        self._task = None

    async def _loop(self) -> None:
        assert self._wake is not None
        while not self._stopping:
            self._wake.clear()
            try:
                await self.run_once()
            except Exception:  # a bad row or a database hiccup must not end the reminders for good
                logger.exception("Scheduler round failed")
                self._more = False
            if self._stopping:
                break
            if self._more:
                continue  # a full batch went out: more are waiting now
            try:
                await asyncio.wait_for(self._wake.wait(), self.interval)
            except TimeoutError:
                pass

    # ---- one round -------------------------------------------------------------------------------
    async def run_once(self) -> int:
        """Claim and send everything due now, lane by lane; returns how many messages went out."""
        sent = 0
        self._more = False
        for lane in self.lanes:
            if self._stopping:
                break
            async with self.session_factory() as session:
                claimed = await lane.claim(session, self.owner)
                await session.commit()
            self._more = self._more or claimed.full
            if claimed.deliveries:
                sent += await self._send_batch(lane, claimed.deliveries)
        return sent

    async def _send_batch(self, lane: Lane, batch: Sequence[Delivery]) -> int:
        by_chat: dict[int, list[Delivery]] = defaultdict(list)
        for item in batch:
            by_chat[item.user_id].append(item)
        sent = sum(await asyncio.gather(*(self._send_chat(lane, items) for items in by_chat.values())))
        logger.info("Scheduler (%s): %d of %d message(s) sent", lane.name, sent, len(batch))
        return sent

    async def _send_chat(self, lane: Lane, items: Sequence[Delivery]) -> int:
        sent = 0
        blocked = False
        for item in items:
            if self._stopping:
                await self._record(lane, item, RELEASE)
                continue
            if blocked:  # the same chat just answered 403; the rest would too
                await self._record(lane, item, BLOCKED)
                continue
            await self.limiter.wait(item.user_id)
            if not await self._start_sending(lane, item):
                continue  # our lease ran out and another process took it over
            outcome, error, message_id = await self._deliver(lane, item)
            await self._record(lane, item, outcome, error, message_id)
            sent += outcome == SENT
            blocked = outcome == BLOCKED
        return sent

    async def _deliver(self, lane: Lane, item: Delivery) -> tuple[str, str | None, int | None]:
        try:
            message = await self.bot.send_message(item.user_id, item.text, reply_markup=item.markup)
        except TelegramForbiddenError as exc:
            logger.info("%s %d: user %d blocked the bot (%s)", lane.name, item.key, item.user_id, exc.message)
            return BLOCKED, exc.message, None
        except TelegramBadRequest as exc:
            logger.error("%s %d refused by Telegram: %s", lane.name, item.key, exc.message)
            return FAILED, exc.message, None
        except Exception as exc:  # flood control or network trouble that outlasted the request retries
            logger.warning("%s %d not sent, will retry: %r", lane.name, item.key, exc)
            return RETRY, repr(exc), None
        return SENT, None, getattr(message, "message_id", None)

    async def _start_sending(self, lane: Lane, item: Delivery) -> bool:
        async with self._record_lock, self.session_factory() as session:
            mine = await lane.start_sending(session, item.key, self.owner)
            await session.commit()
        if not mine:
            logger.warning("%s %d was taken over by another process; not sent here", lane.name, item.key)
        return mine

    async def _record(self, lane: Lane, item: Delivery, outcome: str, error: str | None = None,
                      message_id: int | None = None) -> None:
        # One writer at a time: SQLite has a single write lock, and these are tiny transactions.
        async with self._record_lock, self.session_factory() as session:
            await lane.record(session, item, outcome, error, message_id)
            await session.commit()


async def start_scheduler(bot: Bot, dispatcher: Dispatcher, settings: Settings,
                          session_factory: async_sessionmaker) -> None:
    """Dispatcher startup hook."""
    markup = dispatcher.workflow_data.get(MARKUP_KEY)
    if markup is None:
        raise RuntimeError(f"The dispatcher has no {MARKUP_KEY!r}: build it with bot.app.build_dispatcher")
    scheduler = NotificationScheduler(bot, session_factory, settings, markup=markup,
                                      drill_markup=dispatcher.workflow_data.get(DRILL_MARKUP_KEY))
    await scheduler.start()
    dispatcher["team_scheduler"] = scheduler


async def stop_scheduler(dispatcher: Dispatcher) -> None:
    """Dispatcher shutdown hook."""
    scheduler = dispatcher.workflow_data.pop("team_scheduler", None)
    if isinstance(scheduler, NotificationScheduler):
        await scheduler.stop()
