"""Assembly of Bot and Dispatcher and the polling runner."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.base import BaseSession
from aiogram.client.telegram import PRODUCTION, TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage, DefaultKeyBuilder
from aiogram.fsm.storage.memory import SimpleEventIsolation
from aiogram.utils.callback_answer import CallbackAnswerMiddleware
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from bot.analyses import install_analyses
from bot.commit_before_send import CommitBeforeSendMiddleware
from bot.heap import freeze_startup_heap
from bot.middlewares.db_session import DbSessionMiddleware
from bot.middlewares.services import ServicesMiddleware
from bot.middlewares.throttling import ThrottlingMiddleware
from bot.middlewares.user import UserMiddleware
from bot.not_modified import NotModifiedIsSuccessMiddleware
from bot.request_retry import RetryRequestMiddleware
from bot.scheduler import start_scheduler, stop_scheduler
from bot.settings import Settings
from bot.startup import BackgroundCalls, essential, register_commands
from db.engine import create_engine, create_session_factory
from db.fsm_storage import SqlStorage
from handlers import analysis_markup, drill_markup, install, outgoing_markup
from services.clock import Clock
from services.wiring import AppDeps

logger = logging.getLogger(__name__)
SHUTDOWN_GRACE_SECONDS = 20.0
REDIS_CONNECTIONS = 100  # per process; more updates at once wait for one
REDIS_CONNECTION_WAIT_SECONDS = 20.0


@dataclass
class Runtime:
    settings: Settings
    engine: AsyncEngine
    session_factory: async_sessionmaker
    storage: BaseStorage
    events_isolation: BaseEventIsolation


def build_bot(settings: Settings, session: BaseSession | None = None) -> Bot:
    """The Bot with our request middlewares; `session` replaces the aiohttp one (benchmarks answer locally)."""
    if session is None:
        api = (
            TelegramAPIServer.from_base(settings.telegram_api_server, is_local=settings.telegram_api_local)
            if settings.telegram_api_server
            else PRODUCTION
        )
        session = AiohttpSession(api=api)
    session.middleware(CommitBeforeSendMiddleware())
    session.middleware(NotModifiedIsSuccessMiddleware())
    session.middleware(RetryRequestMiddleware())
    return Bot(
        token=settings.bot_token.get_secret_value(),
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )


def build_runtime(settings: Settings) -> Runtime:
    engine = create_engine(settings.database_url)
    session_factory = create_session_factory(engine)
    storage, isolation = build_fsm(settings, session_factory)
    return Runtime(settings, engine, session_factory, storage, isolation)


def build_fsm(settings: Settings, session_factory: async_sessionmaker) -> tuple[BaseStorage, BaseEventIsolation]:
    """FSM storage and per-user update lock: in Redis when REDIS_URL is set (shared by every bot process),
    otherwise in the database with an in-process lock (one process only)."""
    if not settings.redis_url:
        return SqlStorage(session_factory), SimpleEventIsolation()
    from redis.asyncio import BlockingConnectionPool, Redis

    from bot.redis_isolation import LeasedRedisEventIsolation, LockedStateRedisStorage

    keys = DefaultKeyBuilder(prefix=settings.redis_prefix)
    # A burst of updates (the morning drill going out to hundreds) must wait its turn for a connection: redis-py's
    # default pool refuses the 101st concurrent user with «Too many connections», and that update failed.
    pool = BlockingConnectionPool.from_url(settings.redis_url, max_connections=REDIS_CONNECTIONS,
                                           timeout=REDIS_CONNECTION_WAIT_SECONDS)
    redis_storage = LockedStateRedisStorage(redis=Redis(connection_pool=pool), key_builder=keys)
    return redis_storage, LeasedRedisEventIsolation(redis_storage.redis, keys)


async def close_runtime(runtime: Runtime) -> None:
    await runtime.storage.close()
    await runtime.events_isolation.close()
    await runtime.engine.dispose()


def build_dispatcher(runtime: Runtime) -> Dispatcher:
    dp = Dispatcher(storage=runtime.storage, events_isolation=runtime.events_isolation)
    deps = AppDeps.load(clock=Clock(runtime.settings.clock_offset_file), tz=runtime.settings.tz,
                        local_bot_api=runtime.settings.telegram_api_local,
                        analysis=install_analyses(dp, runtime.settings, analysis_markup))
    dp["settings"] = runtime.settings
    dp["session_factory"] = runtime.session_factory
    dp["outgoing_markup"] = outgoing_markup  # the scheduler turns notification buttons into keyboards with it
    dp["drill_markup"] = drill_markup  # … and a day's drill question into its answer buttons
    throttling = ThrottlingMiddleware(rate=runtime.settings.throttle_rate, burst=runtime.settings.throttle_burst)
    sessions, users, services = (DbSessionMiddleware(runtime.session_factory), UserMiddleware(),
                                 ServicesMiddleware(deps))
    for observer in (dp.message, dp.callback_query):
        observer.outer_middleware(throttling)
        observer.outer_middleware(sessions)
        observer.outer_middleware(users)
        observer.middleware(services)
    dp.callback_query.middleware(CallbackAnswerMiddleware())
    install(dp)  # the screen layer, the error handler, the routers
    dp.startup.register(_on_startup)
    dp.startup.register(start_scheduler)
    dp.shutdown.register(_on_shutdown)
    dp.shutdown.register(stop_scheduler)
    return dp


async def _on_startup(bot: Bot, dispatcher: Dispatcher) -> None:
    # A Telegram outage at start-up must not keep the bot down: the menu is registered later if need be.
    await register_commands(bot, BackgroundCalls.of(dispatcher))


async def _on_shutdown(dispatcher: Dispatcher) -> None:
    # Let updates already being handled finish before the storage and the database go away.
    in_flight = set(getattr(dispatcher, "_handle_update_tasks", set()))
    if in_flight:
        logger.info("Waiting for %d update(s) in progress", len(in_flight))
        await asyncio.wait(in_flight, timeout=SHUTDOWN_GRACE_SECONDS)


async def run_polling(settings: Settings) -> None:
    runtime = build_runtime(settings)
    bot = build_bot(settings)
    dp = build_dispatcher(runtime)
    background = BackgroundCalls.of(dp)
    try:
        await essential(lambda: bot.delete_webhook(drop_pending_updates=False), "deleteWebhook", background)
        freeze_startup_heap()
        await dp.start_polling(bot, polling_timeout=25, handle_signals=True)
    finally:
        await background.stop()
        # start_polling closes it on a normal stop; a failure before polling (a bad token) must not leave it open.
        await bot.session.close()
        await close_runtime(runtime)
        logger.info("Bot stopped")
