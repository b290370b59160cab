"""CPU per quiz tap: our Dispatcher against the least a bot on this stack must do, in one process, one run.

    python benchmarks/bench_tap.py [--users 100] [--questions 5] [--pg postgresql+asyncpg://…] [--redis redis://…]
        [--profile]

The floor: aiogram parses the update, a middleware opens a SQLAlchemy session on a WAL SQLite file (or the same
PostgreSQL), the handler inserts one answer row, commits and edits the message. Ours: `build_runtime` +
`build_dispatcher` + `build_bot` with its request middlewares and a Bot API session that answers locally. The
same users (all at once, each tapping again the moment the previous tap was handled) answer exam questions.

Prints, per database: CPU ms per update (process time: what the taps cost the CPU, steadier than wall time on a
noisy machine) for the floor — measured before and after ours, the lower kept — and for ours, our updates/s,
SQL statements per update, and the ratio. `--profile` adds one profiled run of ours with the self time split by
stage (middlewares, handlers, services, database, rendering, FSM, aiogram, other).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import itertools
import pstats
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_scale import (  # noqa: E402
    MAX_TAPS_PER_QUESTION,
    QUESTION_RE,
    TOKEN,
    PgDatabase,
    _local_session,
    clear_redis,
    sqlite_database,
)


# ---- feeding updates in process ------------------------------------------------------------------
@dataclass
class Feeder:
    """Feeds raw updates to a dispatcher and reads back what the chat shows (the local session keeps it)."""

    feed: Callable[[dict[str, Any]], Any]
    session: Any
    ids: Any = field(default_factory=lambda: itertools.count(1))
    handled: int = 0

    async def send(self, user_id: int, text: str) -> None:
        update_id = next(self.ids)
        entities = [{"type": "bot_command", "offset": 0, "length": len(text)}] if text.startswith("/") else []
        await self._feed({"update_id": update_id, "message": {
            "message_id": update_id, "date": int(time.time()), "text": text, "entities": entities,
            "chat": {"id": user_id, "type": "private"}, "from": _person(user_id)}})

    async def press(self, user_id: int, data: str) -> None:
        update_id = next(self.ids)
        await self._feed({"update_id": update_id, "callback_query": {
            "id": str(update_id), "from": _person(user_id), "chat_instance": "bench", "data": data,
            "message": {"message_id": self.session.last_message.get(user_id, 1), "date": int(time.time()), "text": "…",
                        "chat": {"id": user_id, "type": "private"}}}})

    async def _feed(self, update: dict[str, Any]) -> None:
        await self.feed(update)
        self.handled += 1


def _person(user_id: int) -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": f"Менеджер {user_id}", "language_code": "ru"}


async def answer_question(feeder: Feeder, user_id: int) -> None:
    """Tap through the current exam question the way its keyboard allows until the next one shows."""
    def shown() -> tuple[str, list[str]]:
        return feeder.session.last_text.get(user_id, ""), feeder.session.last_buttons.get(user_id, [])

    def position(text: str) -> str | None:
        match = QUESTION_RE.search(text)
        return match.group(1) if match else None

    start = position(shown()[0])
    tapped: set[str] = set()
    for _ in range(MAX_TAPS_PER_QUESTION):
        text, buttons = shown()
        if position(text) != start:
            return
        options = [b for b in buttons if b.startswith("qz:") and ":o:" in b and b not in tapped]
        done = next((b for b in buttons if b.startswith("qz:") and ":d:" in b), None)
        if done is not None and tapped:
            await feeder.press(user_id, done)
        elif options:
            tapped.add(options[0])
            await feeder.press(user_id, options[0])
        else:
            await feeder.send(user_id, "1")  # a numeric question: any number is an answer
    raise RuntimeError(f"user {user_id} is stuck on question {start}: {shown()}")


@dataclass
class Measured:
    cpu_ms: float
    updates: int
    rate: float
    statements: float


async def measure(feeder: Feeder, run: Callable[[], Any], count_statements: Callable[[], int]) -> Measured:
    before_updates, before_statements = feeder.handled, count_statements()
    cpu0, wall0 = time.process_time(), time.perf_counter()
    await run()
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    updates = feeder.handled - before_updates
    return Measured(cpu / updates * 1000, updates, updates / wall, (count_statements() - before_statements) / updates)


def statement_counter(engine: Any) -> Callable[[], int]:
    from sqlalchemy import event

    counter = {"n": 0}

    def count(*_args: Any) -> None:
        counter["n"] += 1

    event.listen(engine.sync_engine, "before_cursor_execute", count)
    return lambda: counter["n"]


# ---- the floor bot --------------------------------------------------------------------------------
FLOOR_SCHEMA = ("CREATE TABLE IF NOT EXISTS floor_answers (user_id BIGINT NOT NULL, position INTEGER NOT NULL, "
                "value INTEGER NOT NULL, PRIMARY KEY (user_id, position))")


async def run_floor(database_url: str, users: list[int], taps: int) -> Measured:
    from aiogram import BaseMiddleware, Bot, Dispatcher
    from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import async_sessionmaker

    from db.engine import create_engine

    engine = create_engine(database_url)
    async with engine.begin() as conn:
        await conn.execute(text(FLOOR_SCHEMA))
        await conn.execute(text("DELETE FROM floor_answers"))
    sessions = async_sessionmaker(engine, expire_on_commit=False)
    insert = text("INSERT INTO floor_answers (user_id, position, value) VALUES (:u, :p, :v)")

    class Session(BaseMiddleware):
        async def __call__(self, handler: Any, event: Any, data: dict[str, Any]) -> Any:
            async with sessions() as session:
                data["session"] = session
                return await handler(event, data)

    dp = Dispatcher()
    dp.callback_query.outer_middleware(Session())

    @dp.callback_query()
    async def tap(query: CallbackQuery, session: Any) -> None:
        _, position, value = (query.data or "").split(":")
        await session.execute(insert, {"u": query.from_user.id, "p": int(position), "v": int(value)})
        await session.commit()
        keyboard = InlineKeyboardMarkup(inline_keyboard=[[
            InlineKeyboardButton(text=f"Вариант {n}", callback_data=f"f:{int(position) + 1}:{n}") for n in range(4)]])
        assert query.message is not None
        await query.message.edit_text(f"Вопрос {int(position) + 1}/{taps}", reply_markup=keyboard)  # type: ignore[union-attr]

    local = _local_session()
    bot = Bot(TOKEN, session=local)
    feeder = Feeder(lambda update: dp.feed_raw_update(bot, update), local)
    counter = statement_counter(engine)

    async def user(user_id: int, positions: range) -> None:
        for position in positions:
            await feeder.press(user_id, f"f:{position}:1")

    await asyncio.gather(*(user(u, range(0, 1)) for u in users))  # warm-up
    result = await measure(feeder, lambda: asyncio.gather(*(user(u, range(1, taps + 1)) for u in users)), counter)
    await engine.dispose()
    return result


# ---- ours -----------------------------------------------------------------------------------------
async def run_ours(database_url: str, redis_url: str | None, users: list[int], questions: int,
                   profile: cProfile.Profile | None = None) -> Measured:
    import logging

    from bot.app import build_bot, build_dispatcher, build_runtime, close_runtime
    from bot.settings import Settings

    logging.disable(logging.CRITICAL)
    settings = Settings(bot_token=TOKEN, database_url=database_url, redis_url=redis_url,  # type: ignore[arg-type]
                        redis_prefix=f"bench-{time.time_ns()}", throttle_rate=100_000, throttle_burst=100_000)
    runtime = build_runtime(settings)
    dp = build_dispatcher(runtime)
    local = _local_session()
    bot = build_bot(settings, local)
    feeder = Feeder(lambda update: dp.feed_raw_update(bot, update), local)
    counter = statement_counter(runtime.engine)

    await asyncio.gather(*(feeder.send(u, "/exam") for u in users))
    await asyncio.gather(*(answer_question(feeder, u) for u in users))  # warm-up: caches, connections

    async def answers() -> None:
        async def one_user(user_id: int) -> None:
            for _ in range(questions):
                await answer_question(feeder, user_id)

        await asyncio.gather(*(one_user(u) for u in users))

    if profile is not None:
        profile.enable()
    result = await measure(feeder, answers, counter)
    if profile is not None:
        profile.disable()
    await close_runtime(runtime)
    if redis_url:
        await clear_redis(redis_url)
    return result


# ---- stages ----------------------------------------------------------------------------------------
STAGES = (  # first match wins; by the file a function lives in
    ("our middlewares", ("/bot/middlewares/", "/bot/request_retry", "/bot/commit_before_send", "/handlers/screen")),
    ("FSM", ("/db/fsm_storage", "/aiogram/fsm/", "/bot/redis_isolation", "/redis/")),
    ("rendering", ("/handlers/attestation/keyboards", "/services/attestation/engine/render", "/fluent/",
                   "/services/texts", "/aiogram/utils/keyboard")),
    ("handlers", ("/handlers/",)),
    ("services", ("/services/",)),
    ("database", ("/sqlalchemy/", "/aiosqlite/", "sqlite3", "/asyncpg/", "/db/")),
    ("aiogram + pydantic", ("/aiogram/", "/pydantic/", "/pydantic_core/")),
)


OTHER = "other (asyncio, stdlib)"


def stage_breakdown(profile: cProfile.Profile) -> list[tuple[str, float]]:
    stats = pstats.Stats(profile)
    totals: dict[str, float] = {}
    for (filename, _line, _name), (_cc, _nc, tottime, _ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        stage = next((name for name, marks in STAGES if any(mark in filename for mark in marks)), OTHER)
        totals[stage] = totals.get(stage, 0.0) + tottime
    whole = sum(totals.values()) or 1.0
    return sorted(((name, value / whole * 100) for name, value in totals.items()), key=lambda item: -item[1])


# ---- main -------------------------------------------------------------------------------------------
@dataclass
class Row:
    name: str
    floor: Measured
    ours: Measured


async def compare(name: str, database_url: str, redis_url: str | None, users: list[int], questions: int) -> Row:
    taps = questions * 2  # an exam question takes one tap or a few; the floor taps about as often
    floor_before = await run_floor(database_url, users, taps)
    ours = await run_ours(database_url, redis_url, users, questions)
    floor_after = await run_floor(database_url, users, taps)
    floor = min(floor_before, floor_after, key=lambda m: m.cpu_ms)
    return Row(name, floor, ours)


def print_rows(rows: list[Row]) -> None:
    print(f"{'database':<22}{'floor ms/upd':>13}{'ours ms/upd':>13}{'ratio':>8}{'ours upd/s':>12}"
          f"{'ours SQL/upd':>14}{'floor SQL/upd':>15}")
    for row in rows:
        ratio = row.ours.cpu_ms / row.floor.cpu_ms
        print(f"{row.name:<22}{row.floor.cpu_ms:>13.2f}{row.ours.cpu_ms:>13.2f}{ratio:>7.1f}×"
              f"{row.ours.rate:>12.0f}{row.ours.statements:>14.1f}{row.floor.statements:>15.1f}")


def answers_tcp(port: int) -> bool:
    import socket

    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


async def main_async(args: argparse.Namespace) -> None:
    users = [20_000 + n for n in range(args.users)]
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as folder:
        # Migrations run alembic's own event loop: in a thread, not inside this one.
        url = await asyncio.to_thread(sqlite_database, Path(folder))
        rows.append(await compare("SQLite (WAL file)", url, None, users, args.questions))
        if args.profile:
            profile = cProfile.Profile()
            url = await asyncio.to_thread(sqlite_database, Path(folder))
            await run_ours(url, None, users, args.questions, profile)
    if answers_tcp(5432) and answers_tcp(6379) and not args.sqlite_only:
        database = PgDatabase(args.pg)
        url = await asyncio.to_thread(database.__enter__)
        try:
            rows.append(await compare("PostgreSQL + Redis", url, args.redis, users, args.questions))
        finally:
            await asyncio.to_thread(database.__exit__, None, None, None)
    else:
        print("PostgreSQL + Redis: skipped (nothing answers on 127.0.0.1:5432 and :6379, or --sqlite-only)")
    print(f"\n{args.users} users answering {args.questions} exam questions each, all at once, in one process")
    print_rows(rows)
    if args.profile:
        print("\nWhere ours spends its CPU (self time by stage, one profiled run on SQLite):")
        for name, share in stage_breakdown(profile):
            print(f"  {name:<28}{share:>6.1f} %")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--questions", type=int, default=5)
    parser.add_argument("--pg", default="postgresql+asyncpg://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--profile", action="store_true", help="also one profiled run of ours, split by stage")
    args = parser.parse_args()
    asyncio.run(main_async(args))


if __name__ == "__main__":
    main()
