"""Webhook mode: an aiohttp server that takes updates from Telegram instead of polling for them.

Several such processes may run behind one load balancer over one PostgreSQL and one Redis: the FSM and the
per-user lock live in Redis, so any process can take the next update of any conversation. An update is
answered only after it has been handled (not in the background), so a process killed mid-update leaves it
unacknowledged and Telegram re-sends it — to another process, through the balancer.

GET /healthz answers 200 with a tiny JSON while the database (and Redis, when used) answer, 503 otherwise.
SIGTERM stops accepting connections, lets updates in progress finish, then stops the scheduler and exits.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import web
from sqlalchemy import text

from bot.app import SHUTDOWN_GRACE_SECONDS, Runtime, build_bot, build_dispatcher, build_runtime, close_runtime
from bot.heap import freeze_startup_heap
from bot.settings import Settings
from bot.startup import BackgroundCalls, essential, until_stopped

logger = logging.getLogger(__name__)
HEALTH_TIMEOUT_SECONDS = 3.0
RUNTIME_KEY = web.AppKey("runtime", Runtime)


@dataclass(frozen=True)
class WebhookConfig:
    url: str  # the public address Telegram posts to (the balancer's)
    secret: str
    host: str
    port: int
    path: str  # where this process listens for the posts

    @classmethod
    def from_settings(cls, settings: Settings) -> WebhookConfig:
        if not settings.webhook_url or settings.webhook_secret is None:
            raise ValueError("webhook mode needs WEBHOOK_URL and WEBHOOK_SECRET")
        return cls(url=settings.webhook_url, secret=settings.webhook_secret.get_secret_value(),
                   host=settings.webhook_host, port=settings.webhook_port, path=settings.webhook_listen_path)


class InFlight:
    """Counts webhook requests being handled, so shutdown can wait for them."""

    def __init__(self) -> None:
        self.count = 0
        self._idle = asyncio.Event()
        self._idle.set()

    @web.middleware
    async def middleware(self, request: web.Request,
                         handler: Callable[[web.Request], Awaitable[web.StreamResponse]]) -> web.StreamResponse:
        self.count += 1
        self._idle.clear()
        try:
            return await handler(request)
        finally:
            self.count -= 1
            if self.count == 0:
                self._idle.set()

    async def wait_idle(self, timeout: float) -> bool:
        try:
            await asyncio.wait_for(self._idle.wait(), timeout)
        except TimeoutError:
            return False
        return True


async def healthz(request: web.Request) -> web.Response:
    runtime = request.app[RUNTIME_KEY]
    checks: dict[str, str] = {}
    try:
        async with asyncio.timeout(HEALTH_TIMEOUT_SECONDS):
            async with runtime.engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
            checks["database"] = "ok"
            redis = getattr(runtime.storage, "redis", None)
            if redis is not None:
                await redis.ping()
                checks["redis"] = "ok"
    except Exception as exc:  # any failure means "do not send me traffic", whatever its kind
        logger.warning("Health check failed: %r", exc)
        return web.json_response({"status": "unavailable", **checks}, status=503)
    return web.json_response({"status": "ok", **checks})


def build_webhook_app(runtime: Runtime, bot: Bot, dp: Dispatcher, config: WebhookConfig) -> web.Application:
    in_flight = InFlight()
    app = web.Application(middlewares=[in_flight.middleware])
    app[RUNTIME_KEY] = runtime
    handler = SimpleRequestHandler(dp, bot, handle_in_background=False, secret_token=config.secret)
    # Not handler.register(): it would close the bot's session on shutdown before updates in progress finish.
    app.router.add_post(config.path, handler.handle)
    app.router.add_get("/healthz", healthz)
    workflow: dict[str, Any] = {**dp.workflow_data, "bot": bot, "dispatcher": dp, "app": app}

    async def start_dispatcher(_: web.Application) -> None:
        await dp.emit_startup(**workflow)

    async def drain_then_stop(_: web.Application) -> None:
        # Runs after the listening socket is closed: let updates in progress finish, then stop the scheduler.
        if in_flight.count:
            logger.info("Waiting for %d update(s) in progress", in_flight.count)
        if not await in_flight.wait_idle(SHUTDOWN_GRACE_SECONDS):
            logger.warning("%d update(s) still running after %g s", in_flight.count, SHUTDOWN_GRACE_SECONDS)
        await dp.emit_shutdown(**workflow)

    app.on_startup.append(start_dispatcher)
    app.on_shutdown.append(drain_then_stop)
    return app


async def register_webhook(bot: Bot, dp: Dispatcher, config: WebhookConfig) -> None:
    """Every process does it on start: the same URL and secret again is harmless, and no process is special."""
    await bot.set_webhook(config.url, secret_token=config.secret, allowed_updates=dp.resolve_used_update_types(),
                          drop_pending_updates=False)
    logger.info("Webhook registered; listening for updates")


async def run_webhook(settings: Settings) -> None:
    config = WebhookConfig.from_settings(settings)
    runtime = build_runtime(settings)
    bot = build_bot(settings)
    dp = build_dispatcher(runtime)
    app = build_webhook_app(runtime, bot, dp, config)
    runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=SHUTDOWN_GRACE_SECONDS)
    background = BackgroundCalls.of(dp)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    try:
        await runner.setup()
        freeze_startup_heap()
        await web.TCPSite(runner, config.host, config.port).start()
        logger.info("Webhook server on %s:%d%s", config.host, config.port, config.path)
        # Telegram having a bad minute must not keep the process down: it serves as soon as the webhook is set.
        await until_stopped(essential(lambda: register_webhook(bot, dp, config), "setWebhook", background), stop)
        await stop.wait()
        logger.info("Stopping: no new updates are taken")
    finally:
        await background.stop()
        await runner.cleanup()
        await bot.session.close()
        await close_runtime(runtime)
        logger.info("Bot stopped")
