"""Webhook delivery the way Telegram does it: each pending update is POSTed to the registered URL.

An update leaves the queue only when the bot answers 2xx; a non-2xx answer, a refused connection or a timeout
is recorded (getWebhookInfo shows it as last_error_message) and the same update is tried again after a delay
that grows with each failure. Up to `max_connections` updates are in flight at once, as with Telegram, so two
updates of one chat may reach two bot processes at the same time. A 2xx answer may carry a method call
(JSON or multipart with a `method` field); the stub executes it like Telegram does.

Deliberate difference: plain http:// URLs are accepted (tests listen on 127.0.0.1 without TLS) and delays
between retries are short (tenths of a second rather than Telegram's seconds to minutes).
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import aiohttp

from .errors import bad_request
from .params import ApiRequest
from .updates import UpdateQueue

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
DEFAULT_MAX_CONNECTIONS = 40

ReplyRunner = Callable[[ApiRequest], Awaitable[Any]]


@dataclass(frozen=True)
class DeliveryAttempt:
    """One POST of one update: the HTTP status the bot answered, or the error when there was no answer."""

    update_id: int
    url: str
    status: int | None
    error: str | None
    wall_time: float

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


class WebhookDelivery:
    def __init__(self, updates: UpdateQueue, notify: Callable[[], None], run_reply: ReplyRunner) -> None:
        self.updates = updates
        self.notify = notify
        self.run_reply = run_reply
        self.url = ""
        self.secret: str | None = None
        self.max_connections = DEFAULT_MAX_CONNECTIONS
        self.retry_delay = 0.1
        self.max_retry_delay = 1.0
        self.timeout = 60.0
        self.attempts: list[DeliveryAttempt] = []
        self.last_error: tuple[int, str] | None = None
        self._workers: list[asyncio.Task[None]] = []
        self._session: aiohttp.ClientSession | None = None
        self._in_flight: set[int] = set()
        self._not_before: dict[int, float] = {}
        self._failures: dict[int, int] = {}

    # --- configuration (setWebhook / deleteWebhook) ------------------------------------------------
    async def configure(self, url: str, secret: str | None, max_connections: int | None) -> None:
        if url and not url.startswith(("https://", "http://")):
            raise bad_request("Bad Request: bad webhook: HTTPS url must be provided for webhook")
        if secret is not None and secret != "" and not _SECRET.match(secret):
            raise bad_request("Bad Request: secret token contains unallowed characters")
        if max_connections is not None and not 1 <= max_connections <= 100:
            raise bad_request("Bad Request: bad webhook: max_connections must be between 1 and 100")
        await self.stop()
        self.url, self.secret = url, secret or None
        self.max_connections = max_connections or DEFAULT_MAX_CONNECTIONS
        self.last_error = None
        if url:
            self._session = aiohttp.ClientSession()
            self._workers = [asyncio.create_task(self._work(), name=f"stub-webhook-{n}")
                             for n in range(self.max_connections)]

    async def stop(self) -> None:
        for worker in self._workers:
            worker.cancel()
        await asyncio.gather(*self._workers, return_exceptions=True)
        self._workers = []
        self._in_flight.clear()
        if self._session is not None:
            await self._session.close()
            self._session = None

    def info(self) -> dict[str, Any]:
        data: dict[str, Any] = {"url": self.url, "has_custom_certificate": False,
                                "pending_update_count": len(self.updates.pending)}
        if self.url:
            data["max_connections"] = self.max_connections
        if self.last_error is not None:
            data["last_error_date"], data["last_error_message"] = self.last_error
        return data

    # --- delivery ----------------------------------------------------------------------------------
    async def _work(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            arrival = self.updates.arrival
            update, wait = self._next(loop.time())
            if update is None:
                try:
                    await asyncio.wait_for(arrival.wait(), wait)
                except TimeoutError:
                    pass
                continue
            update_id = int(update["update_id"])
            self._in_flight.add(update_id)
            try:
                delivered = await self._post(update)
            finally:
                self._in_flight.discard(update_id)
            if delivered:
                self.updates.take(update_id)
                self._failures.pop(update_id, None)
                self._not_before.pop(update_id, None)
            else:
                failures = self._failures[update_id] = self._failures.get(update_id, 0) + 1
                delay = min(self.retry_delay * 2 ** (failures - 1), self.max_retry_delay)
                self._not_before[update_id] = loop.time() + delay
            self.notify()

    def _next(self, now: float) -> tuple[dict[str, Any] | None, float | None]:
        """The oldest update free to send now, else how long until a retry falls due (None: until one arrives)."""
        soonest: float | None = None
        for update in self.updates.deliverable():
            update_id = int(update["update_id"])
            if update_id in self._in_flight:
                continue
            due = self._not_before.get(update_id, 0.0)
            if due <= now:
                return update, None
            soonest = due - now if soonest is None else min(soonest, due - now)
        return None, soonest

    async def _post(self, update: dict[str, Any]) -> bool:
        assert self._session is not None
        url = self.url
        headers = {"Content-Type": "application/json"}
        if self.secret:
            headers[SECRET_HEADER] = self.secret
        body = json.dumps(update, ensure_ascii=False).encode()
        try:
            async with self._session.post(url, data=body, headers=headers,
                                          timeout=aiohttp.ClientTimeout(total=self.timeout)) as response:
                reply = await _reply_method(response) if 200 <= response.status < 300 else None
                status, reason = response.status, response.reason or ""
        except TimeoutError:
            return self._failed(update, url, "Read timeout expired")
        except aiohttp.ClientError as exc:
            return self._failed(update, url, "Connection refused" if isinstance(exc, aiohttp.ClientConnectorError)
                                else f"Connection error: {exc.__class__.__name__}")
        if not 200 <= status < 300:
            return self._failed(update, url, f"Wrong response from the webhook: {status} {reason}".strip(), status)
        self.attempts.append(DeliveryAttempt(int(update["update_id"]), url, status, None, time.time()))
        if reply is not None:
            await self.run_reply(reply)
        return True

    def _failed(self, update: dict[str, Any], url: str, message: str, status: int | None = None) -> bool:
        now = time.time()
        self.attempts.append(DeliveryAttempt(int(update["update_id"]), url, status, message, now))
        self.last_error = (int(now), message)
        return False


async def _reply_method(response: aiohttp.ClientResponse) -> ApiRequest | None:
    """A method call the bot put in its answer to the webhook, if any."""
    if response.content_type == "multipart/form-data":
        params: dict[str, Any] = {}
        reader = aiohttp.MultipartReader.from_response(response)
        while (part := await reader.next()) is not None:
            if isinstance(part, aiohttp.BodyPartReader) and part.name:
                params[part.name] = (await part.read()).decode("utf-8")
    elif response.content_type == "application/json":
        params = await response.json()
    else:
        return None
    if not isinstance(params, dict) or not params.get("method"):
        return None
    method = str(params.pop("method"))
    return ApiRequest(method=method, params=params)
