"""Quiz answers from many users through the real Dispatcher: SQLite vs PostgreSQL + Redis, one process vs two.

    python benchmarks/bench_scale.py [--users 200] [--questions 6] [--paced-questions 3] [--think 3,10]
        [--pg postgresql+asyncpg://postgres@127.0.0.1:5432/postgres] [--redis redis://127.0.0.1:6379/0]

Each simulated user opens an exam and answers its first question (not timed: a warm-up), then answers more by
tapping what the bot's keyboard shows (or typing a number): every tap is one update. A user sends the next
update only after the previous one was handled, as a person does. Two loads per configuration:

- flat out: all users at once answer `--questions` questions, each tapping again the moment the bot replied —
  the process's capacity (updates/s), with latency that is mostly queueing (users / capacity);
- human pace: then `--paced-questions` more, each user waiting a random `--think` seconds (reading the
  question) before every tap — the latency a person would notice at that load (the rate here is what 200
  such users send, not a capacity).

Bot processes
are real OS processes running build_runtime + build_dispatcher with a Bot API session that answers locally (no
network), so the figures are the bot's own work: middlewares, handlers, database, FSM storage and the per-user lock.

- SQLite ×2: updates are routed by user (sticky), since the database FSM has no cross-process user lock;
- PostgreSQL + Redis ×2: updates of one user alternate between the processes (any process takes any update).

Prints updates/s, median and p95 handling latency (measured inside the process around feed_update, so the
time an update waits for the per-user lock or the database counts) and each configuration's capacity relative
to SQLite ×1. Medians and ratios come from this one run.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import multiprocessing as mp
import os
import random
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
# A handled update comes back in milliseconds (seconds when flat out); silence this long means the bot hung.
REPLY_TIMEOUT_SECONDS = 60.0


# ---- the bot process -----------------------------------------------------------------------------
def worker_main(conn: Connection, database_url: str, redis_url: str | None, redis_prefix: str) -> None:
    asyncio.run(_worker(conn, database_url, redis_url, redis_prefix))


async def _worker(conn: Connection, database_url: str, redis_url: str | None, redis_prefix: str) -> None:
    import logging

    from bot.app import build_bot, build_dispatcher, build_runtime, close_runtime
    from bot.heap import freeze_startup_heap
    from bot.settings import Settings

    logging.disable(logging.CRITICAL)
    settings = Settings(bot_token=TOKEN, database_url=database_url, redis_url=redis_url,  # type: ignore[arg-type]
                        redis_prefix=redis_prefix, throttle_rate=100_000, throttle_burst=100_000)
    runtime = build_runtime(settings)
    dp = build_dispatcher(runtime)
    session = _local_session()
    bot = build_bot(settings, session)
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
                       session.last_buttons.get(chat_id, []), session.last_message.get(chat_id)))

    # Updates are read in the event loop when the pipe has them, as polling reads them off its socket: a worker
    # thread per update (run_in_executor) would cost the bot process CPU that no real bot spends.
    inbox: asyncio.Queue[tuple[Any, ...]] = asyncio.Queue()

    def readable() -> None:
        while conn.poll():
            inbox.put_nowait(conn.recv())

    loop.add_reader(conn.fileno(), readable)
    freeze_startup_heap()  # as `python -m bot run` does once started
    conn.send(("ready",))
    while True:
        message = await inbox.get()
        if message[0] == "stop":
            break
        task = asyncio.create_task(handle(message[1]))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
    loop.remove_reader(conn.fileno())
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
            self.last_message: dict[int, int] = {}  # the message showing the buttons: where a person taps

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
                message_id = getattr(method, "message_id", None) or next(self.ids)
                if buttons:
                    self.last_message[chat_id] = message_id
                return Message(message_id=message_id, date=datetime.now(UTC), chat=Chat(id=chat_id, type="private"),
                               from_user=me, text=text)
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
    waiting: dict[int, asyncio.Future[tuple[float, str, list[str], int | None]]] = field(default_factory=dict)


class Cluster:
    """Bot processes and the routing of updates to them."""

    def __init__(self, database_url: str, redis_url: str | None, redis_prefix: str, processes: int) -> None:
        ctx = mp.get_context("spawn")
        self.processes: list[Process] = []
        for _ in range(processes):
            parent, child = ctx.Pipe()
            handle = ctx.Process(target=worker_main, args=(child, database_url, redis_url, redis_prefix),
                                 daemon=True)
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
        # Replies are read in the event loop when the pipe has them (no thread per reply): this process shares
        # the machine's 2 cores with the bot processes, and what it spends they don't get.
        loop = asyncio.get_running_loop()
        stopped = loop.create_future()

        def readable() -> None:
            while not stopped.done() and process.conn.poll():
                message = process.conn.recv()
                if message[0] == "stopped":
                    stopped.set_result(None)
                    return
                _, update_id, latency, text, buttons, message_id = message
                if self.timing:
                    self.latencies.append(latency)
                process.waiting.pop(update_id).set_result((latency, text, buttons, message_id))

        loop.add_reader(process.conn.fileno(), readable)
        try:
            await stopped
        finally:
            loop.remove_reader(process.conn.fileno())

    async def feed(self, process_index: int, update: dict[str, Any]) -> tuple[str, list[str], int | None]:
        """What the chat shows after the update: text, buttons, and the message the buttons are on."""
        process = self.processes[process_index % len(self.processes)]
        future: asyncio.Future[tuple[float, str, list[str], int | None]] = asyncio.get_running_loop().create_future()
        process.waiting[update["update_id"]] = future
        process.conn.send(("update", update))
        try:
            _, text, buttons, message_id = await asyncio.wait_for(future, REPLY_TIMEOUT_SECONDS)
        except TimeoutError:
            raise RuntimeError(f"update {update['update_id']} was not handled in {REPLY_TIMEOUT_SECONDS:g} s: "
                               "the bot process hung") from None
        return text, buttons, message_id

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
    think: tuple[float, float] | None = None
    sent: int = 0
    text: str = ""
    buttons: list[str] = field(default_factory=list)
    message_id: int = 1  # the message showing the buttons: a tap lands there (only the live copy answers)

    def _profile(self) -> dict[str, Any]:
        return {"id": self.user_id, "is_bot": False, "first_name": f"Менеджер {self.user_id}", "language_code": "ru"}

    async def _feed(self, update: dict[str, Any]) -> None:
        if self.think is not None:
            await asyncio.sleep(random.uniform(*self.think))
        route = self.user_id if self.sticky else self.sent
        self.sent += 1
        self.text, self.buttons, shown = await self.cluster.feed(route, update)
        self.message_id = shown or self.message_id

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
            "message": {"message_id": self.message_id, "date": int(time.time()), "text": "…",
                        "chat": {"id": self.user_id, "type": "private"}}}})

    def question(self) -> int | None:
        match = QUESTION_RE.search(self.text)
        return int(match.group(1)) if match else None

    async def answer(self, questions: int) -> None:
        for _ in range(questions):
            await self.answer_one()

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


@dataclass
class Figures:
    updates: int
    rate: float
    p50_ms: float
    p95_ms: float


@dataclass
class ConfigResult:
    name: str
    flat_out: Figures
    paced: Figures


async def run_config(name: str, database_url: str, redis_url: str | None, processes: int, users: int,
                     questions: int, paced_questions: int, think: tuple[float, float]) -> ConfigResult:
    prefix = f"bench-{os.getpid()}-{time.time_ns()}"
    cluster = Cluster(database_url, redis_url, prefix, processes)
    await cluster.start()
    sticky = redis_url is None
    people = [SimUser(10_000 + n, cluster, sticky) for n in range(users)]
    await asyncio.gather(*(p.send("/exam") for p in people))
    await asyncio.gather(*(p.answer_one() for p in people))  # warm-up: caches, connections, pools
    flat_out = await _timed(cluster, people, questions)
    for person in people:
        person.think = think
    paced = await _timed(cluster, people, paced_questions)
    await cluster.stop()
    return ConfigResult(name, flat_out, paced)


async def _timed(cluster: Cluster, people: list[SimUser], questions: int) -> Figures:
    cluster.latencies = []
    cluster.timing = True
    started = time.perf_counter()
    await asyncio.gather(*(p.answer(questions) for p in people))
    elapsed = time.perf_counter() - started
    cluster.timing = False
    latencies = sorted(cluster.latencies)
    return Figures(len(latencies), len(latencies) / elapsed, statistics.median(latencies) * 1000,
                   latencies[int(len(latencies) * 0.95) - 1] * 1000)


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


def print_tables(results: list[ConfigResult], args: argparse.Namespace) -> None:
    base = results[0].flat_out.rate
    print(f"\n{args.users} users, {os.cpu_count()} CPU cores shared by the bot processes and the database servers")
    print(f"\nFlat out: {args.questions} questions each, every tap sent the moment the previous reply arrived")
    print(f"{'configuration':<26}{'updates':>9}{'updates/s':>12}{'median ms':>11}{'p95 ms':>9}{'vs SQLite ×1':>14}")
    for r in results:
        f = r.flat_out
        print(f"{r.name:<26}{f.updates:>9}{f.rate:>12.0f}{f.p50_ms:>11.1f}{f.p95_ms:>9.1f}{f.rate / base:>13.2f}×")
    low, high = args.think
    print(f"\nHuman pace: {args.paced_questions} questions each, {low:g}–{high:g} s of reading before every tap")
    print(f"{'configuration':<26}{'updates':>9}{'updates/s':>12}{'median ms':>11}{'p95 ms':>9}")
    for r in results:
        f = r.paced
        print(f"{r.name:<26}{f.updates:>9}{f.rate:>12.0f}{f.p50_ms:>11.1f}{f.p95_ms:>9.1f}")


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def think_range(text: str) -> tuple[float, float]:
    low, high = (float(part) for part in text.split(","))
    if not 0 <= low <= high:
        raise argparse.ArgumentTypeError("--think wants LOW,HIGH seconds with 0 ≤ LOW ≤ HIGH")
    return low, high


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=positive, default=200)
    parser.add_argument("--questions", type=positive, default=6)
    parser.add_argument("--paced-questions", type=positive, default=3)
    parser.add_argument("--think", type=think_range, default=(3.0, 10.0), metavar="LOW,HIGH")
    parser.add_argument("--pg", default=os.environ.get("TEST_DATABASE_URL")
                        or "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--redis", default=os.environ.get("TEST_REDIS_URL") or "redis://127.0.0.1:6379/0")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as folder:
        for processes in (1, 2):
            url = sqlite_database(Path(folder))
            results.append(asyncio.run(run_config(f"SQLite ×{processes}", url, None, processes, args.users,
                                                  args.questions, args.paced_questions, args.think)))
            print(f"done: {results[-1].name}", flush=True)
    for processes in (1, 2):
        with PgDatabase(args.pg) as url:
            results.append(asyncio.run(run_config(f"PostgreSQL + Redis ×{processes}", url, args.redis, processes,
                                                  args.users, args.questions, args.paced_questions, args.think)))
        asyncio.run(clear_redis(args.redis))
        print(f"done: {results[-1].name}", flush=True)
    print_tables(results, args)


if __name__ == "__main__":
    main()
