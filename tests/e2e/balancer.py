"""A round-robin reverse proxy in front of several bot processes, like nginx or Caddy in production.

Each POST goes to the next backend in turn. A backend that refuses the connection (the request never reached
it) is skipped and the next one tried, as nginx's proxy_next_upstream does; a backend that dies while holding
the request makes the proxy answer 502, so Telegram (the stub) re-sends the update later. Every forwarded
request is recorded with the backend that answered it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import aiohttp
from aiohttp import web

# Headers that describe one hop's connection, never forwarded (RFC 9110 §7.6.1).
HOP_HEADERS = frozenset({"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "host",
                         "content-length"})


@dataclass(frozen=True)
class Routed:
    update_id: int | None
    backend: int | None  # index in backends; None when no backend took it
    status: int


class RoundRobinBalancer:
    def __init__(self, backends: list[str]) -> None:
        self.backends = backends  # base URLs, e.g. http://127.0.0.1:8081
        self.routed: list[Routed] = []
        self._next = 0
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None
        self.port = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/{path:.*}", self._proxy)
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=90))
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
        if self._session is not None:
            await self._session.close()

    def handled_by(self, backend: int) -> list[int]:
        """Update ids a backend answered with 2xx."""
        return [r.update_id for r in self.routed if r.backend == backend and 200 <= r.status < 300
                and r.update_id is not None]

    async def _proxy(self, request: web.Request) -> web.Response:
        assert self._session is not None
        body = await request.read()
        headers = {k: v for k, v in request.headers.items() if k.lower() not in HOP_HEADERS}
        update_id = _update_id(body)
        for _ in range(len(self.backends)):
            index = self._next % len(self.backends)
            self._next += 1
            url = self.backends[index] + request.rel_url.path_qs
            try:
                async with self._session.request(request.method, url, data=body, headers=headers) as upstream:
                    payload = await upstream.read()
                    out_headers = {k: v for k, v in upstream.headers.items() if k.lower() not in HOP_HEADERS}
                    self.routed.append(Routed(update_id, index, upstream.status))
                    return web.Response(status=upstream.status, body=payload, headers=out_headers)
            except aiohttp.ClientConnectorError:
                continue  # never reached the backend: safe to try the next one
            except (aiohttp.ClientError, TimeoutError):
                self.routed.append(Routed(update_id, index, 502))
                return web.Response(status=502, text="Bad Gateway")
        self.routed.append(Routed(update_id, None, 502))
        return web.Response(status=502, text="Bad Gateway")


def _update_id(body: bytes) -> int | None:
    try:
        value = json.loads(body).get("update_id")
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, int) else None
