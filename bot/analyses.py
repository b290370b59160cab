"""The analyses' keeper: a task inside the bot process that looks after analyses between updates.

Every `HEARTBEAT` it renews the heartbeat of the analyses this process runs, finds the ones nobody runs any more
(their process died: services/analytics/recovery.py) and tells each user once, with one tap to run it again on the
kept file (or a request to send the file again), and now and then deletes the files kept longer than a day.
The first round runs at start-up, before the first update: that is when the previous process's analyses are
found. The notice's button comes from the chat layer, which the router assembly hands over (`install_analyses`);
bot/ never imports handlers/ beyond that assembly.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

from aiogram import Bot, Dispatcher
from aiogram.types import InlineKeyboardMarkup
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import async_sessionmaker

from bot.settings import Settings
from db.repositories.analyses import AnalysisRepository
from services.analytics.recovery import HEARTBEAT, InterruptedNotice, Recovery
from services.analytics.runtime import AnalysisRuntime
from services.clock import Clock

logger = logging.getLogger(__name__)
RUNTIME_KEY = "analysis_runtime"
MARKUP_KEY = "analysis_markup"
KEEPER_KEY = "analysis_keeper"
CLEANUP_EVERY = 20  # rounds: the kept files are looked at every 5 minutes

RerunMarkup = Callable[[int], InlineKeyboardMarkup]


def single_process(settings: Settings) -> bool:
    """Polling (Telegram lets one process poll) or SQLite (one process a file): no other process can be alive."""
    return not settings.webhook_url or make_url(settings.database_url).get_backend_name() == "sqlite"


def install_analyses(dispatcher: Dispatcher, settings: Settings, markup: RerunMarkup) -> AnalysisRuntime:
    """The process's analysis runtime (line, budget) from the settings, and the keeper started with the bot."""
    runtime = AnalysisRuntime.create(slots=settings.analysis_slots, max_table_mb=settings.analysis_max_table_mb,
                                     single_process=single_process(settings))
    dispatcher[RUNTIME_KEY] = runtime
    dispatcher[MARKUP_KEY] = markup
    dispatcher.startup.register(start_analysis_keeper)
    dispatcher.shutdown.register(stop_analysis_keeper)
    logger.info("Analyses: at most %d at once, tables up to %d MB", runtime.queue.slots,
                settings.analysis_max_table_mb)
    return runtime


class AnalysisKeeper:
    def __init__(self, bot: Bot, session_factory: async_sessionmaker, runtime: AnalysisRuntime, clock: Clock,
                 markup: RerunMarkup) -> None:
        self.bot = bot
        self.session_factory = session_factory
        self.runtime = runtime
        self.clock = clock
        self.markup = markup
        self._task: asyncio.Task[None] | None = None
        self._rounds = 0

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="analysis-keeper")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        at_start = True
        while True:
            try:
                await self.round(at_start=at_start)
                at_start = False
            except asyncio.CancelledError:
                raise
            except Exception:  # the database may be away for a moment; the next round tries again
                logger.exception("Analysis keeper round failed")
            await asyncio.sleep(HEARTBEAT.total_seconds())

    async def round(self, *, at_start: bool = False) -> list[InterruptedNotice]:
        """One look: heartbeat, interrupted analyses claimed and committed, then their users told."""
        async with self.session_factory() as session:
            recovery = Recovery(AnalysisRepository(session), self.runtime, self.clock)
            await recovery.beat()
            notices = await recovery.interrupted(at_start=at_start)
            if at_start or self._rounds % CLEANUP_EVERY == 0:
                deleted = await recovery.cleanup()
                if deleted:
                    logger.info("Deleted %d kept analysis file(s) older than a day", deleted)
            await session.commit()
        self._rounds += 1
        for notice in notices:
            await self._tell(notice)
        return notices

    async def _tell(self, notice: InterruptedNotice) -> None:
        markup = self.markup(notice.analysis_id) if notice.can_rerun else None
        try:
            await self.bot.send_message(notice.chat_id, notice.text, reply_markup=markup)
        except Exception as exc:  # blocked, or Telegram away past the retries: the notice is not repeated
            logger.warning("Could not tell chat %s about interrupted analysis %s: %s", notice.chat_id,
                           notice.analysis_id, exc)
        else:
            logger.info("Told chat %s that analysis %s was interrupted", notice.chat_id, notice.analysis_id)


async def start_analysis_keeper(bot: Bot, dispatcher: Dispatcher, settings: Settings,
                                session_factory: async_sessionmaker) -> None:
    """Dispatcher startup hook."""
    keeper = AnalysisKeeper(bot, session_factory, dispatcher[RUNTIME_KEY], Clock(settings.clock_offset_file),
                            dispatcher[MARKUP_KEY])
    keeper.start()
    dispatcher[KEEPER_KEY] = keeper


async def stop_analysis_keeper(dispatcher: Dispatcher) -> None:
    """Dispatcher shutdown hook."""
    keeper = dispatcher.workflow_data.pop(KEEPER_KEY, None)
    if isinstance(keeper, AnalysisKeeper):
        await keeper.stop()
