"""A fake Telegram Bot API server on 127.0.0.1 that tests drive; it answers like the real API.

Methods live at `{base_url}/bot{token}/{method}` and files at `{base_url}/file/bot{token}/{file_path}`, which is
what aiogram's `TelegramAPIServer.from_base(base_url)` expects. Every request is recorded as a CallRecord.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import secrets
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiohttp import web

from .core import LOCAL_LIMIT, UPLOAD_LIMIT, StubCore
from .errors import ENTITY_TOO_LARGE, NOT_FOUND, UNAUTHORIZED, ApiError, gateway_page, injected_error
from .params import ApiRequest, read_request
from .registry import find_handler
from .simulate import UserSimulation
from .state import CallbackQuery, CallRecord, ChatMessage, now
from .waiting import Waiting
from .webhook import DeliveryAttempt

logger = logging.getLogger(__name__)


@dataclass
class _Fault:
    method: str
    times: int
    code: int | None  # None: drop the connection instead of answering
    retry_after: int
    description: str | None
    page: bool = False  # answer with the front-end proxy's HTML page instead of a Bot API JSON body


RANDOM_FAULT_KINDS = ("429", "502page")


@dataclass
class _RandomFaults:
    """`fail_randomly`'s settings. Each method draws from its own stream seeded by (seed, method), so the n-th
    call of a method fails or not whatever the interleaving with other methods (getUpdates' count varies)."""

    rate: float
    seed: int | str
    methods: frozenset[str] | None
    exclude: frozenset[str]
    kinds: tuple[str, ...]
    retry_after: int

    def __post_init__(self) -> None:
        self._streams: dict[str, random.Random] = {}

    def draw(self, method: str) -> _Fault | None:
        if (self.methods is not None and method not in self.methods) or method in self.exclude:
            return None
        stream = self._streams.get(method)
        if stream is None:
            stream = self._streams[method] = random.Random(f"{self.seed}/{method}")
        # Both draws happen on every call, so whether call n fails does not depend on earlier kinds.
        fails, kind = stream.random() < self.rate, stream.choice(self.kinds)
        if not fails:
            return None
        if kind == "429":
            return _Fault(method, 0, 429, self.retry_after, None)
        return _Fault(method, 0, int(kind.removesuffix("page")), 0, None, page=True)


class StubBotApi(UserSimulation, Waiting):
    def __init__(self, *, bot_id: int = 7_000_000_001, token: str | None = None,
                 username: str = "sales_coach_test_bot", first_name: str = "Sales Coach",
                 strict_ampersand: bool = True, local_mode: bool = False, files_dir: Path | None = None,
                 callback_ttl: float | None = None) -> None:
        self.core = StubCore(
            bot_id=bot_id, token=token or f"{bot_id}:AAE{secrets.token_urlsafe(24)}", username=username,
            first_name=first_name, strict_ampersand=strict_ampersand, local_mode=local_mode, files_dir=files_dir,
            callback_ttl=callback_ttl,
        )
        self.core.webhook.run_reply = self._run_webhook_reply
        self._faults: list[_Fault] = []
        self._random: _RandomFaults | None = None
        # Faults fail_randomly injected, by (method as the bot spelled it, kind): "429" or "502page".
        self.random_faults: Counter[tuple[str, str]] = Counter()
        self._delays: dict[str, list[float]] = {}
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self.stub_failures: list[str] = []

    # --- lifecycle ---------------------------------------------------------------------------------
    @property
    def token(self) -> str:
        return self.core.token

    @property
    def base_url(self) -> str:
        if self._port is None:
            raise RuntimeError("StubBotApi is not started")
        return f"http://127.0.0.1:{self._port}"

    async def start(self) -> None:
        limit = LOCAL_LIMIT if self.core.local_mode else UPLOAD_LIMIT
        app = web.Application(client_max_size=limit + 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_method)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self._port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        # Waiting long polls return at once so shutdown does not hang on them.
        self.core.updates.close()
        await self.core.webhook.stop()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> StubBotApi:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # --- fault injection ---------------------------------------------------------------------------
    def fail_next(self, method: str, code: int = 429, retry_after: int = 1, times: int = 1,
                  description: str | None = None) -> None:
        """Answer the next `times` calls of `method` with an error (429 flood wait, 5xx, 403, …)."""
        self._faults.append(_Fault(method.lower(), times, code, retry_after, description))

    def disconnect_next(self, method: str, times: int = 1) -> None:
        """Drop the connection on the next `times` calls of `method`: the client sees a network error."""
        self._faults.append(_Fault(method.lower(), times, None, 0, None))

    def gateway_page_next(self, method: str, code: int = 502, times: int = 1) -> None:
        """Answer the next `times` calls of `method` the way Telegram's front-end proxy does when the Bot API
        behind it is down: the status with an nginx HTML page, not JSON (aiogram raises ClientDecodeError)."""
        self._faults.append(_Fault(method.lower(), times, code, 0, None, page=True))

    def clear_faults(self, method: str | None = None) -> None:
        """Forget injected errors not yet used (all of them, or those of one method): Telegram is back."""
        self._faults = [f for f in self._faults if method is not None and f.method != method.lower()]

    def delay_next(self, method: str, seconds: float, times: int = 1) -> None:
        """Answer the next `times` calls of `method` normally but only after `seconds`: a slow Telegram, which
        keeps the bot's update in progress meanwhile (the call shows as pending)."""
        self._delays.setdefault(method.lower(), []).extend([seconds] * times)

    def fail_randomly(self, rate: float = 0.10, *, seed: int | str = 0, methods: Iterable[str] | None = None,
                      exclude: Iterable[str] = (), kinds: Iterable[str] = RANDOM_FAULT_KINDS,
                      retry_after: int = 1) -> None:
        """From now on each call of an eligible method (all of them, or `methods`, minus `exclude`) fails with
        probability `rate`, independently of every other call: a 429 flood wait of `retry_after` seconds or the
        front-end's HTML error page ("502page"; "500page"…"504page" also work), picked at random among `kinds`.
        Neither kind executes the call, as with Telegram. Targeted faults (`fail_next`…) go first. Injected calls
        are marked, so `api_errors()` skips them; `random_faults` counts them per method and kind."""
        kinds = tuple(kinds)
        unknown = [k for k in kinds if k != "429" and not (k.endswith("page") and k[:3].isdigit() and k[0] == "5")]
        if not kinds or unknown or not 0 <= rate < 1:
            raise ValueError(f"fail_randomly: rate must be in [0, 1) and kinds among 429, 5xxpage; got {rate}, {kinds}")
        self._random = _RandomFaults(
            rate=rate, seed=seed, methods=None if methods is None else frozenset(m.lower() for m in methods),
            exclude=frozenset(m.lower() for m in exclude), kinds=kinds, retry_after=retry_after,
        )

    def stop_failing_randomly(self) -> None:
        self._random = None

    def random_fault_summary(self) -> str:
        """`random_faults` per method, most first, with the method's calls, e.g.
        "sendMessage: 7 of 60 calls (429 ×3, 502page ×4)"; then the methods that met no fault."""
        by_method: dict[str, Counter[str]] = {}
        for (method, kind), count in self.random_faults.items():
            by_method.setdefault(method, Counter())[kind] += count
        calls = Counter(r.method for r in self.core.calls)
        lines = [f"{method}: {sum(kinds.values())} of {calls[method]} calls ("
                 + ", ".join(f"{kind} ×{n}" for kind, n in sorted(kinds.items())) + ")"
                 for method, kinds in sorted(by_method.items(), key=lambda item: -sum(item[1].values()))]
        spared = sorted(f"{method} ×{n}" for method, n in calls.items() if method not in by_method)
        if spared:
            lines.append("no fault: " + ", ".join(spared))
        return "\n".join(lines) or "no faults injected"

    def _take_fault(self, method: str) -> _Fault | None:
        for fault in self._faults:
            if fault.method == method.lower() and fault.times > 0:
                fault.times -= 1
                return fault
        if self._random is not None:
            fault = self._random.draw(method.lower())
            if fault is not None:
                self.random_faults[(method, "429" if fault.code == 429 else f"{fault.code}page")] += 1
            return fault
        return None

    # --- records -----------------------------------------------------------------------------------
    def mark(self) -> int:
        """A point in the stub's history: `calls(since=stub.mark())` later returns only newer calls."""
        return self.core.next_seq()

    def calls(self, method: str | None = None, *, since: int = 0) -> list[CallRecord]:
        return [r for r in self.core.calls
                if r.seq > since and (method is None or r.method.lower() == method.lower())]

    def api_errors(self, *, include_injected: bool = False) -> list[CallRecord]:
        """Calls the stub refused (not counting faults a test injected, nor polling conflicts on restart)."""
        return [r for r in self.core.calls
                if not r.pending and not r.ok and (include_injected or not r.injected) and r.status != 409]

    def assert_no_api_errors(self) -> None:
        errors = self.api_errors()
        if errors:
            listed = "\n".join(f"#{r.seq} {r.method} {json.dumps(r.params, ensure_ascii=False)[:300]} → "
                               f"{r.status} {r.description}" for r in errors)
            raise AssertionError(f"the bot made {len(errors)} call(s) Telegram would refuse:\n{listed}")

    def messages(self, chat_id: int, *, include_deleted: bool = False) -> list[ChatMessage]:
        chat = self.chat(chat_id)
        return list(chat.messages.values()) if include_deleted else chat.visible()

    def bot_messages(self, chat_id: int) -> list[ChatMessage]:
        return self.chat(chat_id).bot_messages()

    def last_bot_message(self, chat_id: int) -> ChatMessage | None:
        messages = self.bot_messages(chat_id)
        return messages[-1] if messages else None

    @property
    def answered_callbacks(self) -> list[CallbackQuery]:
        return [q for q in self.core.callbacks.values() if q.answered]

    @property
    def unanswered_callbacks(self) -> list[CallbackQuery]:
        return [q for q in self.core.callbacks.values() if not q.answered]

    @property
    def webhook_attempts(self) -> list[DeliveryAttempt]:
        """Every POST of an update to the bot's webhook, failed ones included, oldest first."""
        return list(self.core.webhook.attempts)

    def commands(self, scope: str = "default", language_code: str = "") -> list[dict[str, str]]:
        return self.core.commands.get((scope, language_code), [])

    @property
    def pending_updates(self) -> list[dict[str, Any]]:
        return self.core.updates.pending

    # --- HTTP --------------------------------------------------------------------------------------
    async def _handle_method(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        if request.match_info["token"] != self.token:
            return web.json_response(ApiError(401, UNAUTHORIZED).payload(), status=401)
        try:
            api_request = await read_request(request, method)
        except web.HTTPRequestEntityTooLarge:
            return web.json_response(ApiError(413, ENTITY_TOO_LARGE).payload(), status=413)
        monotonic, wall = now()
        record = CallRecord(
            seq=self.core.next_seq(), method=method, params=api_request.params,
            uploads={name: upload.file_name for name, upload in api_request.uploads.items()},
            time=monotonic, wall_time=wall,
        )
        self.core.calls.append(record)
        self.core.notify()
        fault = self._take_fault(method)
        if fault is not None and fault.code is None:
            record.status, record.injected = 599, True
            record.response = {"ok": False, "description": "connection dropped by the test"}
            self.core.notify()
            if request.transport is not None:
                request.transport.close()
            return web.Response()
        if fault is not None and fault.page:
            page = gateway_page(fault.code or 502)
            record.status, record.injected = fault.code or 502, True
            record.response = {"ok": False, "description": f"HTML page: {fault.code} (not JSON)"}
            self.core.notify()
            return web.Response(status=record.status, text=page, content_type="text/html")
        delays = self._delays.get(method.lower())
        if delays:
            await asyncio.sleep(delays.pop(0))
        status, body = await self._answer(api_request, fault)
        record.status, record.response, record.injected = status, body, fault is not None
        self.core.notify()
        return web.json_response(body, status=status, dumps=lambda obj: json.dumps(obj, ensure_ascii=False))

    async def _run_webhook_reply(self, api_request: ApiRequest) -> None:
        """A method the bot returned in its answer to a webhook POST: recorded and executed like any call."""
        monotonic, wall = now()
        record = CallRecord(seq=self.core.next_seq(), method=api_request.method, params=api_request.params,
                            uploads={}, time=monotonic, wall_time=wall, via_webhook_reply=True)
        self.core.calls.append(record)
        record.status, record.response = await self._answer(api_request, None)
        self.core.notify()

    async def _answer(self, api_request: ApiRequest, fault: _Fault | None) -> tuple[int, dict[str, Any]]:
        try:
            if fault is not None:
                raise injected_error(fault.code or 500, fault.retry_after, fault.description)
            handler = find_handler(api_request.method)
            if handler is None:
                raise ApiError(404, NOT_FOUND)
            result = await handler(self.core, api_request)
            return 200, {"ok": True, "result": result}
        except ApiError as exc:
            return exc.code, exc.payload()
        except Exception as exc:  # a bug in the stub must surface in the test, not as a hung bot
            logger.exception("stub failed on %s", api_request.method)
            self.stub_failures.append(f"{api_request.method}: {exc!r}")
            return 500, {"ok": False, "error_code": 500, "description": f"Internal Server Error (stub bug: {exc!r})"}

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return web.json_response(ApiError(404, NOT_FOUND).payload(), status=404)
        stored = self.core.files.by_path(request.match_info["path"])
        if stored is None:
            return web.json_response(ApiError(404, NOT_FOUND).payload(), status=404)
        return web.Response(body=stored.data, content_type=stored.mime_type or "application/octet-stream")
