"""The team scheduler: a task inside the bot process that sends due notifications (tasks, reminders, summaries).

Every SCHEDULER_INTERVAL seconds — or at once when a commit that scheduled something calls
services.teams.flow.outbox.wake() (see services.teams.flow.events.TeamEvents.wake_after_commit) — it claims
what is due in the database for this process (every bot process runs a scheduler; the claim is atomic, so each
message goes to one of them, and a claim left by a dead process is taken over after a lease), marks each one
«sending» and commits right before it goes out (so nothing is ever sent twice), sends it through a
SendLimiter (≤ 30 messages/s overall, ≤ 1/s per chat), and records the outcome: sent; blocked (403: the user
is marked and later messages skip him); failed (a permanent 400); or back to pending for a later try (flood
control or network trouble that outlasted the request retries).

The buttons of a message are turned into a keyboard by the chat layer's builder, which the router assembly puts
in the dispatcher's workflow data as "outgoing_markup" (bot/ never imports handlers/ beyond that assembly).
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import socket
from collections import defaultdict
from collections.abc import Callable, Sequence

from aiogram import Bot, Dispatcher
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.types import InlineKeyboardMarkup
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.send_limiter import SendLimiter
from bot.settings import Settings
from services.attestation.engine.content import QuestionBank, load_bank
from services.clock import Clock
from services.teams.flow import outbox
from services.teams.flow.context import TeamContext
from services.teams.views import ButtonSpec, Outgoing

logger = logging.getLogger(__name__)
STOP_GRACE_SECONDS = 10.0
SENT, BLOCKED, FAILED, RETRY, RELEASE = "sent", "blocked", "failed", "retry", "release"
MARKUP_KEY = "outgoing_markup"  # where build_dispatcher keeps the keyboard builder

MarkupBuilder = Callable[[Sequence[ButtonSpec]], InlineKeyboardMarkup | None]


class NotificationScheduler:
    def __init__(self, bot: Bot, session_factory: async_sessionmaker, settings: Settings, *,
                 markup: MarkupBuilder, clock: Clock | None = None, limiter: SendLimiter | None = None,
                 bank: QuestionBank | None = None) -> None:
        self.bot = bot
        self.session_factory = session_factory
        self.markup = markup
        self.interval = settings.scheduler_interval
        self.tz = settings.tz
        self.clock = clock or Clock(settings.clock_offset_file)
        self.limiter = limiter or SendLimiter()
        self.bank = bank or load_bank()
        self._task: asyncio.Task[None] | None = None
        self._wake: asyncio.Event | None = None
        self._stopping = False
        self._record_lock = asyncio.Lock()
        # Who holds a claim: unique per process, and readable in the table when several processes run.
        self.owner = f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(3)}"

    # ---- lifecycle -------------------------------------------------------------------------------
    async def start(self) -> None:
        self._stopping = False
        self._wake = asyncio.Event()
        outbox.subscribe(self.wake)
        self._task = asyncio.create_task(self._loop(), name="team-scheduler")
        logger.info("Team scheduler started (every %g s)", self.interval)

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
            logger.warning("Team scheduler did not stop in %g s; cancelled", STOP_GRACE_SECONDS)
        self._task = None

    async def _loop(self) -> None:
        assert self._wake is not None
        while not self._stopping:
            self._wake.clear()
            try:
                await self.run_once()
            except Exception:  # a bad row or a database hiccup must not end the reminders for good
                logger.exception("Team scheduler round failed")
            if self._stopping:
                break
            try:
                await asyncio.wait_for(self._wake.wait(), self.interval)
            except TimeoutError:
                pass

    # ---- one round -------------------------------------------------------------------------------
    def _outbox(self, session: AsyncSession) -> outbox.TeamOutbox:
        return outbox.TeamOutbox(TeamContext.for_session(session, self.clock, self.tz, self.bank))

    async def run_once(self) -> int:
        """Claim and send everything due now; returns how many messages went out."""
        async with self.session_factory() as session:
            batch = await self._outbox(session).claim_due(self.owner)
            await session.commit()
        if not batch:
            return 0
        by_chat: dict[int, list[Outgoing]] = defaultdict(list)
        for item in batch:
            by_chat[item.user_id].append(item)
        sent = await asyncio.gather(*(self._send_chat(items) for items in by_chat.values()))
        logger.info("Team scheduler: %d of %d notification(s) sent", sum(sent), len(batch))
        return sum(sent)

    async def _send_chat(self, items: Sequence[Outgoing]) -> int:
        sent = 0
        blocked = False
        for item in items:
            if self._stopping:
                await self._record(item, RELEASE)
                continue
            if blocked:  # the same chat just answered 403; the rest would too
                await self._record(item, BLOCKED)
                continue
            await self.limiter.wait(item.user_id)
            if not await self._start_sending(item):
                continue  # our lease ran out and another process took it over
            outcome, error = await self._deliver(item)
            await self._record(item, outcome, error)
            sent += outcome == SENT
            blocked = outcome == BLOCKED
        return sent

    async def _deliver(self, item: Outgoing) -> tuple[str, str | None]:
        try:
            await self.bot.send_message(item.user_id, item.text, reply_markup=self.markup(item.buttons))
        except TelegramForbiddenError as exc:
            logger.info("Notification %d: user %d blocked the bot (%s)", item.notification_id, item.user_id,
                        exc.message)
            return BLOCKED, exc.message
        except TelegramBadRequest as exc:
            logger.error("Notification %d refused by Telegram: %s", item.notification_id, exc.message)
            return FAILED, exc.message
        except Exception as exc:  # flood control or network trouble that outlasted the request retries
            logger.warning("Notification %d not sent, will retry: %r", item.notification_id, exc)
            return RETRY, repr(exc)
        return SENT, None

    async def _start_sending(self, item: Outgoing) -> bool:
        async with self._record_lock, self.session_factory() as session:
            mine = await self._outbox(session).start_sending(item.notification_id, self.owner)
            await session.commit()
        if not mine:
            logger.warning("Notification %d was taken over by another process; not sent here", item.notification_id)
        return mine

    async def _record(self, item: Outgoing, outcome: str, error: str | None = None) -> None:
        # One writer at a time: SQLite has a single write lock, and these are tiny transactions.
        async with self._record_lock, self.session_factory() as session:
            box = self._outbox(session)
            if outcome == SENT:
                await box.sent(item.notification_id)
            elif outcome == BLOCKED:
                await box.blocked(item.notification_id, item.user_id)
            elif outcome == FAILED:
                await box.failed(item.notification_id, error or "")
            elif outcome == RETRY:
                await box.retry(item.notification_id, error or "")
            else:
                await box.release(item.notification_id)
            await session.commit()


async def start_scheduler(bot: Bot, dispatcher: Dispatcher, settings: Settings,
                          session_factory: async_sessionmaker) -> None:
    """Dispatcher startup hook."""
    markup = dispatcher.workflow_data.get(MARKUP_KEY)
    if markup is None:
        raise RuntimeError(f"The dispatcher has no {MARKUP_KEY!r}: build it with bot.app.build_dispatcher")
    scheduler = NotificationScheduler(bot, session_factory, settings, markup=markup)
    await scheduler.start()
    dispatcher["team_scheduler"] = scheduler


async def stop_scheduler(dispatcher: Dispatcher) -> None:
    """Dispatcher shutdown hook."""
    scheduler = dispatcher.workflow_data.pop("team_scheduler", None)
    if isinstance(scheduler, NotificationScheduler):
        await scheduler.stop()
