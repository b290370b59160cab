"""CPU per quiz tap: our Dispatcher against the least a bot on this stack must do, in one process, one run.

    python benchmarks/bench_tap.py [--users 100] [--rounds 12] [--pg postgresql+asyncpg://…] [--redis redis://…]
        [--sqlite-only] [--profile]

The floor: aiogram parses the update, a middleware opens a SQLAlchemy session on a WAL SQLite file (or the same
PostgreSQL), the handler inserts one answer row, commits and edits the message. Ours: `build_runtime` +
`build_dispatcher` + `build_bot` with its request middlewares and a Bot API session that answers locally. The
same users (all at once, each tapping again the moment the previous tap was handled) answer exam questions.

The bots are started side by side and take turns — a round of the floor, a round of the floor on SQLAlchemy's
stock engine, a round of ours, and so on — so a slow spell of this shared machine (seen here: the same pure-Python
loop taking 0.42 s, then 0.76 s) falls on all of them. The floor runs on our engine (db.engine), so what our
database tuning saves is in both and the ratio is what the rest of our bot costs; the stock floor shows the floor
the way SQLAlchemy's documentation builds it. Prints, per database: CPU ms per update (process time, summed over
the rounds) of each, ours ÷ floor (the sums, and the median and range of the rounds' own ratios), our updates/s,
and per update the SQL statements and (SQLite) the trips to aiosqlite's thread each bot made. `--profile` adds
profiled rounds of ours with the self time split by stage
(middlewares, handlers, services, database, rendering, FSM, aiogram, other).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import itertools
import pstats
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from quiz_cluster import (  # noqa: E402
    MAX_TAPS_PER_QUESTION,
    QUESTION_RE,
    TOKEN,
    PgDatabase,
    clear_redis,
    local_session,
    sqlite_database,
)

from bot.heap import freeze_startup_heap  # noqa: E402


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
    trips: float  # calls into aiosqlite's thread (SQLite only; 0 on PostgreSQL)


async def measure(feeder: Feeder, run: Callable[[], Any], count_statements: Callable[[], int]) -> Measured:
    before_updates, before_statements, before_trips = feeder.handled, count_statements(), TRIPS["n"]
    cpu0, wall0 = time.process_time(), time.perf_counter()
    await run()
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    updates = feeder.handled - before_updates
    return Measured(cpu / updates * 1000, updates, updates / wall, (count_statements() - before_statements) / updates,
                    (TRIPS["n"] - before_trips) / updates)


TRIPS = {"n": 0}  # one bot runs at a time, so one count serves them all


def count_trips() -> None:
    """Count every call into aiosqlite's thread (a statement, a commit, a rollback): what a statement costs most."""
    import aiosqlite

    real = aiosqlite.Connection._execute

    async def counted(self: Any, fn: Any, *args: Any, **kwargs: Any) -> Any:
        TRIPS["n"] += 1
        return await real(self, fn, *args, **kwargs)

    aiosqlite.Connection._execute = counted  # type: ignore[method-assign]


def statement_counter(engine: Any) -> Callable[[], int]:
    from sqlalchemy import event

    counter = {"n": 0}

    def count(*_args: Any) -> None:
        counter["n"] += 1

    event.listen(engine.sync_engine, "before_cursor_execute", count)
    return lambda: counter["n"]


class Contender(Protocol):
    """A bot ready to take taps: `round()` has every user tap through a share of the exam, `close()` frees it."""

    feeder: Feeder
    count_statements: Callable[[], int]

    async def round(self, users: list[int]) -> None: ...

    async def close(self) -> None: ...


# ---- the floor bot --------------------------------------------------------------------------------
FLOOR_TAPS_PER_ROUND = 2  # an exam question takes one tap or a few: the floor taps about as often
PROFILED_ROUNDS = 4
FLOOR_SCHEMA = ("CREATE TABLE IF NOT EXISTS {table} (user_id BIGINT NOT NULL, position INTEGER NOT NULL, "
                "value INTEGER NOT NULL, PRIMARY KEY (user_id, position))")


def stock_engine(database_url: str) -> Any:
    """SQLAlchemy's engine as its documentation makes it (WAL switched on): no adapter or pool of ours."""
    from sqlalchemy import event
    from sqlalchemy.ext.asyncio import create_async_engine

    engine = create_async_engine(database_url)
    if database_url.startswith("sqlite"):
        def wal(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()

        event.listen(engine.sync_engine, "connect", wal)
    return engine


class Floor(Contender):
    """aiogram parses the update, a middleware opens a session, the handler inserts a row, commits, edits.
    `stock`: on SQLAlchemy's stock engine; otherwise on ours (db.engine: the one-trip SQLite adapter, one pooled
    connection), which leaves our database tuning out of the comparison."""

    def __init__(self, taps_per_round: int, stock: bool = False) -> None:
        self.taps_per_round = taps_per_round
        self.stock = stock
        self.position: dict[int, int] = {}

    async def start(self, database_url: str, users: list[int]) -> Floor:
        from aiogram import BaseMiddleware, Bot, Dispatcher
        from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup
        from sqlalchemy import text
        from sqlalchemy.ext.asyncio import async_sessionmaker

        from db.engine import create_engine

        self.engine = engine = stock_engine(database_url) if self.stock else create_engine(database_url)
        table = "floor_answers_stock" if self.stock else "floor_answers"
        async with engine.begin() as conn:
            await conn.execute(text(FLOOR_SCHEMA.format(table=table)))
            await conn.execute(text(f"DELETE FROM {table}"))
        sessions = async_sessionmaker(engine, expire_on_commit=False)
        insert = text(f"INSERT INTO {table} (user_id, position, value) VALUES (:u, :p, :v)")

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
                InlineKeyboardButton(text=f"Вариант {n}", callback_data=f"f:{int(position) + 1}:{n}")
                for n in range(4)]])
            assert query.message is not None
            await query.message.edit_text(f"Вопрос {int(position) + 1}", reply_markup=keyboard)  # type: ignore[union-attr]

        local = local_session()
        self.bot = Bot(TOKEN, session=local)
        self.feeder = Feeder(lambda update: dp.feed_raw_update(self.bot, update), local)
        self.count_statements = statement_counter(engine)
        self.position = {u: 0 for u in users}
        await self.round(users)  # warm-up
        return self

    async def round(self, users: list[int]) -> None:
        async def user(user_id: int) -> None:
            for _ in range(self.taps_per_round):
                await self.feeder.press(user_id, f"f:{self.position[user_id]}:1")
                self.position[user_id] += 1

        await asyncio.gather(*(user(u) for u in users))

    async def close(self) -> None:
        await self.engine.dispose()


# ---- ours -----------------------------------------------------------------------------------------
class Ours(Contender):
    """`build_runtime` + `build_dispatcher` + `build_bot`: users answer exam questions, a question a round."""

    async def start(self, database_url: str, redis_url: str | None, users: list[int]) -> Ours:
        import logging

        from bot.app import build_bot, build_dispatcher, build_runtime
        from bot.settings import Settings

        logging.disable(logging.CRITICAL)
        self.redis_url = redis_url
        settings = Settings(bot_token=TOKEN, database_url=database_url, redis_url=redis_url,  # type: ignore[arg-type]
                            redis_prefix=f"bench-{time.time_ns()}", throttle_rate=100_000, throttle_burst=100_000)
        self.runtime = build_runtime(settings)
        dp = build_dispatcher(self.runtime)
        local = local_session()
        bot = build_bot(settings, local)
        self.feeder = Feeder(lambda update: dp.feed_raw_update(bot, update), local)
        self.count_statements = statement_counter(self.runtime.engine)
        await asyncio.gather(*(self.feeder.send(u, "/exam") for u in users))
        await self.round(users)  # warm-up: caches, connections
        return self

    async def round(self, users: list[int]) -> None:
        await asyncio.gather(*(answer_question(self.feeder, u) for u in users))

    async def close(self) -> None:
        from bot.app import close_runtime

        await close_runtime(self.runtime)
        if self.redis_url:
            await clear_redis(self.redis_url)


@dataclass
class Side:
    cpu: float = 0.0
    wall: float = 0.0
    updates: int = 0
    statements: int = 0
    trips: int = 0
    per_round: list[float] = field(default_factory=list)

    def add(self, measured: Measured) -> None:
        self.cpu += measured.cpu_ms * measured.updates
        self.wall += measured.updates / measured.rate
        self.updates += measured.updates
        self.statements += round(measured.statements * measured.updates)
        self.trips += round(measured.trips * measured.updates)
        self.per_round.append(measured.cpu_ms)

    def result(self) -> Measured:
        return Measured(self.cpu / self.updates, self.updates, self.updates / self.wall,
                        self.statements / self.updates, self.trips / self.updates)


async def side_by_side(bots: dict[str, Contender], users: list[int], rounds: int,
                       profile: cProfile.Profile | None = None) -> dict[str, Side]:
    """The bots take turns, a round each, so a slow spell of the machine falls on all of them alike."""
    sides = {name: Side() for name in bots}
    for _ in range(rounds):
        for name, bot in bots.items():
            if profile is not None and name == "ours":
                profile.enable()
            sides[name].add(await measure(bot.feeder, lambda b=bot: b.round(users), bot.count_statements))
            if profile is not None and name == "ours":
                profile.disable()
    return sides


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
    floor: Measured  # on our engine
    stock_floor: Measured  # on SQLAlchemy's stock engine
    ours: Measured
    ratios: list[float]  # ours / floor, round by round


async def compare(name: str, database_url: str, redis_url: str | None, users: list[int], rounds: int,
                  profile: cProfile.Profile | None = None) -> Row:
    bots: dict[str, Contender] = {
        "floor": await Floor(FLOOR_TAPS_PER_ROUND).start(database_url, users),
        "stock floor": await Floor(FLOOR_TAPS_PER_ROUND, stock=True).start(database_url, users),
        "ours": await Ours().start(database_url, redis_url, users),
    }
    freeze_startup_heap()  # as the bot process does once it has started (bot/heap.py); for all the bots alike
    try:
        sides = await side_by_side(bots, users, rounds, profile)
    finally:
        for bot in bots.values():
            await bot.close()
    ratios = [o / f for f, o in zip(sides["floor"].per_round, sides["ours"].per_round, strict=True)]
    return Row(name, sides["floor"].result(), sides["stock floor"].result(), sides["ours"].result(), ratios)


def print_rows(rows: list[Row]) -> None:
    print(f"{'':<20}{'CPU ms per update':^38}{'ours ÷ floor':^36}")
    print(f"{'database':<20}{'floor':>10}{'stock floor':>14}{'ours':>14}{'sum':>9}{'rounds (median, range)':>27}"
          f"{'ours upd/s':>12}")
    for row in rows:
        spread = f"{statistics.median(row.ratios):.2f}× ({min(row.ratios):.2f}–{max(row.ratios):.2f})"
        print(f"{row.name:<20}{row.floor.cpu_ms:>10.2f}{row.stock_floor.cpu_ms:>14.2f}{row.ours.cpu_ms:>14.2f}"
              f"{row.ours.cpu_ms / row.floor.cpu_ms:>8.2f}×{spread:>27}{row.ours.rate:>12.0f}")
    print(f"\n{'per update':<20}{'SQL statements':^36}{'trips to the SQLite thread':^36}")
    print(f"{'database':<20}{'floor':>10}{'stock floor':>14}{'ours':>12}{'floor':>12}{'stock floor':>14}{'ours':>10}")
    for row in rows:
        trips = (f"{row.floor.trips:>12.1f}{row.stock_floor.trips:>14.1f}{row.ours.trips:>10.1f}"
                 if row.ours.trips else f"{'—':>12}{'—':>14}{'—':>10}")
        print(f"{row.name:<20}{row.floor.statements:>10.1f}{row.stock_floor.statements:>14.1f}"
              f"{row.ours.statements:>12.1f}{trips}")
    print("\nfloor: the floor bot on our engine (db.engine: its pool, SQLite driver and pings are in both; its "
          "INSERT and commit\nrun as a plain bot writes them, in aiosqlite's thread, ours IN_PLACE); stock floor: the "
          "same bot on\nSQLAlchemy's stock engine. Ours ÷ stock floor: "
          + ", ".join(f"{row.name} {row.ours.cpu_ms / row.stock_floor.cpu_ms:.2f}×" for row in rows))


def answers_tcp(port: int) -> bool:
    import socket

    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


async def main_async(args: argparse.Namespace) -> None:
    users = [20_000 + n for n in range(args.users)]
    count_trips()
    rows: list[Row] = []
    profile = cProfile.Profile() if args.profile else None
    server_profile = cProfile.Profile() if args.profile else None
    with tempfile.TemporaryDirectory() as folder:
        # Migrations run alembic's own event loop: in a thread, not inside this one.
        url = await asyncio.to_thread(sqlite_database, Path(folder))
        rows.append(await compare("SQLite (WAL file)", url, None, users, args.rounds))
        if profile is not None:
            url = await asyncio.to_thread(sqlite_database, Path(folder))
            await compare("profiled", url, None, users, PROFILED_ROUNDS, profile)
    if answers_tcp(5432) and answers_tcp(6379) and not args.sqlite_only:
        database = PgDatabase(args.pg)
        url = await asyncio.to_thread(database.__enter__)
        try:
            rows.append(await compare("PostgreSQL + Redis", url, args.redis, users, args.rounds))
        finally:
            await asyncio.to_thread(database.__exit__, None, None, None)
        if server_profile is not None:  # on a database of its own: the users above are through their exams
            database = PgDatabase(args.pg)
            url = await asyncio.to_thread(database.__enter__)
            try:
                await compare("profiled", url, args.redis, users, PROFILED_ROUNDS, server_profile)
            finally:
                await asyncio.to_thread(database.__exit__, None, None, None)
    else:
        print("PostgreSQL + Redis: skipped (nothing answers on 127.0.0.1:5432 and :6379, or --sqlite-only)")
    print(f"\n{args.users} users tapping all at once, in one process; {args.rounds} rounds in turn — a round of the "
          f"floor ({FLOOR_TAPS_PER_ROUND} taps a user), one of the stock floor, one of ours (an exam question a "
          "user); CPU summed per bot")
    print_rows(rows)
    if profile is not None:
        print("\nWhere ours spends its CPU (self time by stage, profiled rounds):")
        breakdowns = [("SQLite", stage_breakdown(profile))]
        if server_profile is not None and server_profile.getstats():
            breakdowns.append(("PostgreSQL + Redis", stage_breakdown(server_profile)))
        print(f"  {'stage':<28}" + "".join(f"{name:>20}" for name, _ in breakdowns))
        for stage, _ in breakdowns[0][1]:
            shares = [dict(breakdown).get(stage, 0.0) for _, breakdown in breakdowns]
            print(f"  {stage:<28}" + "".join(f"{share:>18.1f} %" for share in shares))



def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=12, help="rounds of each side, taken in turn (at most 17)")
    parser.add_argument("--pg", default="postgresql+asyncpg://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--profile", action="store_true", help="also one profiled run of ours, split by stage")
    args = parser.parse_args()
    asyncio.run(main_async(args))


if __name__ == "__main__":
    main()
