"""The simulated side of benchmarks/bench_scale.py (and bench_tap.py's users): bot processes fed over pipes, users
who answer exam questions by what the bot shows, and the databases they run on.

Bot processes are real OS processes running build_runtime + build_dispatcher with a Bot API session that answers
locally (no network), so what they spend is the bot's own work.
"""

from __future__ import annotations

import asyncio
import itertools
import multiprocessing as mp
import os
import random
import re
import sys
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
EXAM_QUESTIONS = 20  # services.attestation.engine.exam.EXAM_SIZE
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
    session = local_session()
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


def local_session() -> Any:
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
