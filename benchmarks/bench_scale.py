"""Quiz answers from many users through the real Dispatcher: SQLite vs PostgreSQL + Redis, one process vs two.

    python benchmarks/bench_scale.py [--users 200] [--questions 6]
        [--pg postgresql+asyncpg://postgres@127.0.0.1:5432/postgres] [--redis redis://127.0.0.1:6379/0]

Each simulated user opens an exam and answers its first question (not timed: a warm-up), then all users at
once answer `--questions` more by tapping what the bot's keyboard shows (or typing a number): every tap is one
update. A user sends the next update only after the previous one was handled, as a person does. Bot processes
are real OS processes running build_runtime + build_dispatcher with a Bot API session that answers locally (no
network), so the figures are the bot's own work: middlewares, handlers, database, FSM storage and the per-user lock.

- SQLite ×2: updates are routed by user (sticky), since the database FSM has no cross-process user lock;
- PostgreSQL + Redis ×2: updates of one user alternate between the processes (any process takes any update).

Prints updates/s, median and p95 handling latency (measured inside the process around feed_update) and each
configuration's throughput relative to SQLite ×1. Medians and ratios come from this one run.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import multiprocessing as mp
import os
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0"
BOT_ID = 123456789
QUESTION_RE = re.compile(r"Вопрос (\d+)/(\d+)")
MAX_TAPS_PER_QUESTION = 12


# ---- the bot process -----------------------------------------------------------------------------
def worker_main(conn: Connection, database_url: str, redis_url: str | None, redis_prefix: str) -> None:
    asyncio.run(_worker(conn, database_url, redis_url, redis_prefix))


async def _worker(conn: Connection, database_url: str, redis_url: str | None, redis_prefix: str) -> None:
    import logging

    from aiogram import Bot

    from bot.app import build_dispatcher, build_runtime, close_runtime
    from bot.settings import Settings

    logging.disable(logging.CRITICAL)
    settings = Settings(bot_token=TOKEN, database_url=database_url, redis_url=redis_url,  # type: ignore[arg-type]
                        redis_prefix=redis_prefix, throttle_rate=100_000, throttle_burst=100_000)
    runtime = build_runtime(settings)
    dp = build_dispatcher(runtime)
    session = _local_session()
    bot = Bot(TOKEN, session=session)
    loop = asyncio.get_running_loop()
    send_lock = asyncio.Lock()
    tasks: set[asyncio.Task[None]] = set()

    async def handle(update: dict[str, Any]) -> None:
        started = time.perf_counter()
        await dp.feed_raw_update(bot, update)
        latency = time.perf_counter() - started
        chat_id = _chat_of(update)
        async with send_lock:
            conn.send(("done", update["update_id"], latency, session.last_text.get(chat_id, ""),
                       session.last_buttons.get(chat_id, [])))

    conn.send(("ready",))
    while True:
        message = await loop.run_in_executor(None, conn.recv)
        if message[0] == "stop":
            break
        task = asyncio.create_task(handle(message[1]))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
    await asyncio.gather(*tasks)
    await close_runtime(runtime)
    conn.send(("stopped",))


def _local_session() -> Any:
    """A Bot API session that answers like Telegram without a network, remembering what each chat shows."""
    from datetime import UTC, datetime

    from aiogram.client.session.base import BaseSession
    from aiogram.methods import EditMessageReplyMarkup, EditMessageText, GetMe, SendMessage, SendPhoto
    from aiogram.types import Chat, Message, User

    me = User(id=BOT_ID, is_bot=True, first_name="Bench", username="bench_bot")

    class LocalSession(BaseSession):
        def __init__(self) -> None:
            super().__init__()
            self.ids = itertools.count(1000)
            self.last_text: dict[int, str] = {}
            self.last_buttons: dict[int, list[str]] = {}

        async def close(self) -> None:
            return None

        async def stream_content(self, *args: Any, **kwargs: Any) -> Any:  # pragma: no cover - never called
            yield b""

        async def make_request(self, bot: Any, method: Any, timeout: int | None = None) -> Any:
            if isinstance(method, GetMe):
                return me
            if isinstance(method, SendMessage | SendPhoto | EditMessageText | EditMessageReplyMarkup):
                chat_id = int(method.chat_id or 0)
                text = getattr(method, "text", None) or getattr(method, "caption", None)
                if text:
                    self.last_text[chat_id] = text
                markup = method.reply_markup
                buttons = [b.callback_data for row in getattr(markup, "inline_keyboard", []) or [] for b in row
                           if b.callback_data]
                self.last_buttons[chat_id] = buttons
                return Message(message_id=getattr(method, "message_id", None) or next(self.ids),
                               date=datetime.now(UTC), chat=Chat(id=chat_id, type="private"), from_user=me,
                               text=text)
            return True

    return LocalSession()


def _chat_of(update: dict[str, Any]) -> int:
    if "message" in update:
        return int(update["message"]["chat"]["id"])
    return int(update["callback_query"]["from"]["id"])


# ---- the coordinator -------------------------------------------------------------------------------
@dataclass
class Process:
    conn: Connection
    handle: Any
    waiting: dict[int, asyncio.Future[tuple[float, str, list[str]]]] = field(default_factory=dict)


class Cluster:
    """Bot processes and the routing of updates to them."""

    def __init__(self, database_url: str, redis_url: str | None, redis_prefix: str, processes: int) -> None:
        ctx = mp.get_context("spawn")
        self.processes: list[Process] = []
        for _ in range(processes):
            parent, child = ctx.Pipe()
            handle = ctx.Process(target=worker_main, args=(child, database_url, redis_url, redis_prefix))
            handle.start()
            self.processes.append(Process(parent, handle))
        self.update_ids = itertools.count(1)
        self.latencies: list[float] = []
        self.timing = False
        self._readers: list[asyncio.Task[None]] = []

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        for process in self.processes:
            assert (await loop.run_in_executor(None, process.conn.recv))[0] == "ready"
            self._readers.append(asyncio.create_task(self._read(process)))

    async def _read(self, process: Process) -> None:
        loop = asyncio.get_running_loop()
        while True:
            message = await loop.run_in_executor(None, process.conn.recv)
            if message[0] == "stopped":
                return
            _, update_id, latency, text, buttons = message
            if self.timing:
                self.latencies.append(latency)
            process.waiting.pop(update_id).set_result((latency, text, buttons))

    async def feed(self, process_index: int, update: dict[str, Any]) -> tuple[str, list[str]]:
        process = self.processes[process_index % len(self.processes)]
        future: asyncio.Future[tuple[float, str, list[str]]] = asyncio.get_running_loop().create_future()
        process.waiting[update["update_id"]] = future
        process.conn.send(("update", update))
        _, text, buttons = await future
        return text, buttons

    async def stop(self) -> None:
        for process in self.processes:
            process.conn.send(("stop",))
        await asyncio.gather(*self._readers)
        for process in self.processes:
            process.handle.join(30)


@dataclass
class SimUser:
    user_id: int
    cluster: Cluster
    sticky: bool
    sent: int = 0
    text: str = ""
    buttons: list[str] = field(default_factory=list)

    def _profile(self) -> dict[str, Any]:
        return {"id": self.user_id, "is_bot": False, "first_name": f"Менеджер {self.user_id}", "language_code": "ru"}

    async def _feed(self, update: dict[str, Any]) -> None:
        route = self.user_id if self.sticky else self.sent
        self.sent += 1
        self.text, self.buttons = await self.cluster.feed(route, update)

    async def send(self, text: str) -> None:
        update_id = next(self.cluster.update_ids)
        entities = [{"type": "bot_command", "offset": 0, "length": len(text)}] if text.startswith("/") else []
        await self._feed({"update_id": update_id, "message": {
            "message_id": update_id, "date": int(time.time()), "text": text, "entities": entities,
            "chat": {"id": self.user_id, "type": "private"}, "from": self._profile()}})

    async def press(self, data: str) -> None:
        update_id = next(self.cluster.update_ids)
        await self._feed({"update_id": update_id, "callback_query": {
            "id": str(update_id), "from": self._profile(), "chat_instance": "bench", "data": data,
            "message": {"message_id": 1, "date": int(time.time()), "text": "…",
                        "chat": {"id": self.user_id, "type": "private"}}}})

    def question(self) -> int | None:
        match = QUESTION_RE.search(self.text)
        return int(match.group(1)) if match else None

    async def answer_one(self) -> None:
        """Tap through the current question the way its keyboard allows until the next one shows."""
        start = self.question()
        tapped: set[str] = set()
        for _ in range(MAX_TAPS_PER_QUESTION):
            if self.question() != start:
                return
            options = [b for b in self.buttons if b.startswith("qz:") and ":o:" in b and b not in tapped]
            done = next((b for b in self.buttons if b.startswith("qz:") and ":d:" in b), None)
            if done is not None and tapped:
                await self.press(done)
            elif options:
                tapped.add(options[0])
                await self.press(options[0])
            else:
                await self.send("1")  # a numeric question: any number is an answer
        raise RuntimeError(f"user {self.user_id} is stuck on question {start}: {self.text[:200]!r} {self.buttons}")


async def run_config(name: str, database_url: str, redis_url: str | None, processes: int, users: int,
                     questions: int) -> dict[str, Any]:
    prefix = f"bench-{os.getpid()}-{time.time_ns()}"
    cluster = Cluster(database_url, redis_url, prefix, processes)
    await cluster.start()
    sticky = redis_url is None
    people = [SimUser(10_000 + n, cluster, sticky) for n in range(users)]
    await asyncio.gather(*(p.send("/exam") for p in people))
    await asyncio.gather(*(p.answer_one() for p in people))  # warm-up: caches, connections, pools
    cluster.timing = True
    started = time.perf_counter()
    for _ in range(questions):
        await asyncio.gather(*(p.answer_one() for p in people))
    elapsed = time.perf_counter() - started
    cluster.timing = False
    await cluster.stop()
    latencies = sorted(cluster.latencies)
    return {"name": name, "updates": len(latencies), "rate": len(latencies) / elapsed,
            "p50": statistics.median(latencies) * 1000, "p95": latencies[int(len(latencies) * 0.95) - 1] * 1000}


# ---- databases -----------------------------------------------------------------------------------
def sqlite_database(folder: Path) -> str:
    from bot.migrations import upgrade

    url = f"sqlite+aiosqlite:///{folder / f'bench-{time.time_ns()}.db'}"
    upgrade(url)
    return url


class PgDatabase:
    def __init__(self, server_url: str) -> None:
        from sqlalchemy import create_engine
        from sqlalchemy.engine import make_url

        self.server = make_url(server_url)
        self.name = f"bench_{os.getpid()}_{time.time_ns()}"
        self.admin = create_engine(self.server.set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")

    def __enter__(self) -> str:
        from sqlalchemy import text

        from bot.migrations import upgrade

        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{self.name}"'))
        url = self.server.set(database=self.name).render_as_string(hide_password=False)
        upgrade(url)
        return url

    def __exit__(self, *exc: object) -> None:
        from sqlalchemy import text

        with self.admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))
        self.admin.dispose()


async def clear_redis(redis_url: str) -> None:
    from redis.asyncio import Redis

    redis = Redis.from_url(redis_url)
    keys = [key async for key in redis.scan_iter(match=f"bench-{os.getpid()}-*", count=1000)]
    if keys:
        await redis.delete(*keys)
    await redis.aclose()


def print_table(results: list[dict[str, Any]], users: int, questions: int) -> None:
    base = results[0]["rate"]
    print(f"\n{users} users × {questions} questions each, {os.cpu_count()} CPU cores (the database servers share them)")
    print(f"{'configuration':<26}{'updates':>9}{'updates/s':>12}{'median ms':>11}{'p95 ms':>9}{'vs SQLite ×1':>14}")
    for r in results:
        print(f"{r['name']:<26}{r['updates']:>9}{r['rate']:>12.0f}{r['p50']:>11.1f}{r['p95']:>9.1f}"
              f"{r['rate'] / base:>13.2f}×")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--questions", type=int, default=6)
    parser.add_argument("--pg", default=os.environ.get("TEST_DATABASE_URL")
                        or "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--redis", default=os.environ.get("TEST_REDIS_URL") or "redis://127.0.0.1:6379/0")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as folder:
        for processes in (1, 2):
            url = sqlite_database(Path(folder))
            results.append(asyncio.run(run_config(f"SQLite ×{processes}", url, None, processes, args.users,
                                                  args.questions)))
            print(f"done: {results[-1]['name']}", flush=True)
    for processes in (1, 2):
        with PgDatabase(args.pg) as url:
            results.append(asyncio.run(run_config(f"PostgreSQL + Redis ×{processes}", url, args.redis, processes,
                                                  args.users, args.questions)))
        asyncio.run(clear_redis(args.redis))
        print(f"done: {results[-1]['name']}", flush=True)
    print_table(results, args.users, args.questions)


if __name__ == "__main__":
    main()
