"""Runs the real bot (`python -m bot run`) as a subprocess against the stub Bot API server.

The process runs with cwd = its own temporary directory, so a developer's `.env` in the repo root can't leak
settings (a real token, a Redis URL) into a test; the repo root is put on PYTHONPATH so `python -m bot` is this
checkout's code. Output (stdout + stderr) goes to `bot.log` in that directory; restarts append to the same log,
separated by a marker line. The harness checks nothing about the bot's behaviour: tests do that via the stub.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from bot.settings import Settings
from tests.stubapi import StubBotApi

REPO_ROOT = Path(__file__).resolve().parents[2]
# Settings the bot reads; inherited values are dropped so only what the test sets reaches the process.
BOT_SETTINGS = tuple(name.upper() for name in Settings.model_fields)
READY_TIMEOUT = 30.0
STOP_TIMEOUT = 15.0


class BotProcess:
    def __init__(self, stub: StubBotApi, workdir: Path, *, database_url: str | None = None,
                 extra_env: Mapping[str, str | None] | None = None, argv: Sequence[str] | None = None) -> None:
        self.stub = stub
        self.workdir = workdir
        self.database_url = database_url or f"sqlite+aiosqlite:///{workdir / 'bot.db'}"
        self.extra_env = dict(extra_env or {})
        self.argv = list(argv) if argv is not None else [sys.executable, "-m", "bot", "run"]
        self.log_path = workdir / "bot.log"
        self.starts = 0
        self._process: asyncio.subprocess.Process | None = None
        self._exit_logged = False

    # --- environment -------------------------------------------------------------------------------
    def env(self) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items() if key not in BOT_SETTINGS}
        env.update(
            BOT_TOKEN=self.stub.token,
            TELEGRAM_API_SERVER=self.stub.base_url,
            DATABASE_URL=self.database_url,
            LOG_LEVEL="DEBUG",
            PYTHONUNBUFFERED="1",
            PYTHONPATH=os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")])),
        )
        for key, value in self.extra_env.items():
            if value is None:
                env.pop(key, None)
            else:
                env[key] = value
        return env

    # --- lifecycle ---------------------------------------------------------------------------------
    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.returncode is None

    @property
    def returncode(self) -> int | None:
        return self._process.returncode if self._process else None

    @property
    def webhook_mode(self) -> bool:
        return bool(self.extra_env.get("WEBHOOK_URL"))

    async def start(self, wait_ready: bool = True, timeout: float = READY_TIMEOUT) -> None:
        """Launch the process; with wait_ready, return once it has called getUpdates on the stub (or, in webhook
        mode, once its setWebhook call was answered: it listens by then)."""
        if self.running:
            raise RuntimeError("the bot process is already running")
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.starts += 1
        mark = self.stub.mark()
        with self.log_path.open("ab") as log:
            log.write(f"\n===== start #{self.starts}: {' '.join(self.argv)} =====\n".encode())
            log.flush()
            self._exit_logged = False
            self._process = await asyncio.create_subprocess_exec(
                *self.argv, cwd=self.workdir, env=self.env(), stdout=log, stderr=asyncio.subprocess.STDOUT,
                stdin=asyncio.subprocess.DEVNULL,
            )
        if wait_ready:
            await self.wait_ready(since=mark, timeout=timeout)

    async def wait_ready(self, *, since: int, timeout: float = READY_TIMEOUT) -> None:
        method = "setWebhook" if self.webhook_mode else "getUpdates"

        def ready_or_exited() -> bool:
            calls = self.stub.calls(method, since=since)
            if method == "setWebhook":
                calls = [call for call in calls if not call.pending]
            return bool(calls) or not self.running

        try:
            await self.stub.wait_for(ready_or_exited, timeout, f"the bot to call {method}")
        except AssertionError:
            raise AssertionError(
                f"the bot did not call {method} within {timeout:g} s\n{self.log_tail()}"
            ) from None
        if not self.running:
            await self._reap()
            raise AssertionError(f"the bot exited with code {self.returncode} before {method}\n{self.log_tail()}")

    async def kill9(self) -> int | None:
        """SIGKILL, like a crash or an OOM kill: nothing gets to clean up. Returns the exit code (-9)."""
        if self.running:
            assert self._process is not None
            self._process.send_signal(signal.SIGKILL)
        return await self._reap()

    async def terminate(self, timeout: float = STOP_TIMEOUT) -> int | None:
        """SIGTERM and wait for the exit; SIGKILL if it hangs past `timeout`. Returns the exit code."""
        if self.running:
            assert self._process is not None
            self._process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self._process.wait(), timeout)
            except TimeoutError:
                self._append_log(f"===== no exit {timeout:g} s after SIGTERM: killed =====")
                self._process.kill()
        return await self._reap()

    async def wait_exit(self, timeout: float = STOP_TIMEOUT) -> int | None:
        if self._process is None:
            return None
        await asyncio.wait_for(self._process.wait(), timeout)
        return self._process.returncode

    async def _reap(self) -> int | None:
        if self._process is None:
            return None
        code = await self._process.wait()
        if not self._exit_logged:
            self._exit_logged = True
            self._append_log(f"===== exited with code {code} =====")
        return code

    # --- logs --------------------------------------------------------------------------------------
    def _append_log(self, line: str) -> None:
        with self.log_path.open("a", encoding="utf-8") as log:
            log.write(f"\n{line}\n")

    def log_text(self) -> str:
        if not self.log_path.exists():
            return ""
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def log_tail(self, lines: int = 80) -> str:
        tail = self.log_text().splitlines()[-lines:]
        return f"--- tail of {self.log_path}\n" + "\n".join(tail)


def free_port() -> int:
    """A TCP port free right now on 127.0.0.1, for a bot process's webhook server."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def webhook_env(public_url: str, port: int, secret: str) -> dict[str, str]:
    """Settings of a bot process in webhook mode, listening on 127.0.0.1:port at the public URL's path."""
    return {"WEBHOOK_URL": public_url, "WEBHOOK_SECRET": secret, "WEBHOOK_HOST": "127.0.0.1",
            "WEBHOOK_PORT": str(port)}
