"""One morning's daily drill for many users, and the database after a month of drills.

    python benchmarks/bench_drill.py [--users 10000] [--days 30] [--pg postgresql+asyncpg://…] [--no-sqlite]

The morning: every user has the drill on at 09:30 (Moscow) on weekdays, three questions a day. The real scheduler
(bot.scheduler.NotificationScheduler with its drill lane) plans, claims, renders, marks «sending», sends and
records every drill against a Bot API session that answers locally. Sending runs on a virtual clock: the
SendLimiter books each message's slot exactly as in production (≤ 30 messages/s overall, ≤ 1/s per chat), but
its sleeps return at once, so the rate-limited duration is read off the booked slots instead of waited for; the
real time measured is what the database and the rendering cost. The estimate of the morning adds the two
(claiming and rendering a batch happen between batches; recording a sent drill overlaps the wait for the next
slot while it takes less than 1/30 s).

The month comes first: each user's drills of the `--days` − 1 days before the measured morning are played
through the drill engine (the selection rule's order — due reviews first, then new questions — and the FSRS
reviews, 80 % of the answers right) and written as the bot writes them: a run per drill day, a review per answer,
a card per question asked; so the morning (the month's last day, a weekday) works on a month of history. Printed
after it: rows and bytes per table, and per user.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import random
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from quiz_cluster import PgDatabase, sqlite_database  # noqa: E402

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0"
FIRST_DAY = datetime(2026, 3, 2, 6, 30, tzinfo=UTC)  # a Monday, 09:30 in Moscow
FIRST_USER = 10_000_000
DRILL_TABLES = ("drill_settings", "drill_runs", "drill_reviews", "drill_cards")


# ---- the virtual clock of the limiter --------------------------------------------------------------------
@dataclass
class VirtualTime:
    """The limiter's clock: frozen while a batch is booked, moved to the batch's last slot afterwards."""

    now: float = 0.0
    latest: float = 0.0  # the latest send slot booked

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.latest = max(self.latest, self.now + seconds)
        await asyncio.sleep(0)

    def batch_sent(self) -> None:
        self.now = max(self.now, self.latest)


def local_session() -> Any:
    """A Bot API session that answers sendMessage like Telegram, without a network."""
    from aiogram.client.session.base import BaseSession
    from aiogram.methods import SendMessage
    from aiogram.types import Chat, Message, User

    me = User(id=42, is_bot=True, first_name="Bench", username="bench_bot")

    class LocalSession(BaseSession):
        def __init__(self) -> None:
            super().__init__()
            self.ids = itertools.count(1000)
            self.sent = 0

        async def close(self) -> None:
            return None

        async def stream_content(self, *args: Any, **kwargs: Any) -> Any:  # pragma: no cover - never called
            yield b""

        async def make_request(self, bot: Any, method: Any, timeout: int | None = None) -> Any:
            if isinstance(method, SendMessage):
                self.sent += 1
                return Message(message_id=next(self.ids), date=datetime.now(UTC), text=method.text,
                               chat=Chat(id=int(method.chat_id), type="private"), from_user=me)
            return True

    return LocalSession()


# ---- seeding -------------------------------------------------------------------------------------------
def sync_engine(url: str) -> Any:
    from sqlalchemy import create_engine

    from tests.databases import sync_url

    return create_engine(sync_url(url))


def seed_users(url: str, users: int, morning: datetime) -> None:
    from sqlalchemy import insert

    from db.models import DrillSettings, User
    from services.attestation.drill.engine.calendar import DEFAULT_MINUTE, WEEKDAYS

    engine = sync_engine(url)
    ids = range(FIRST_USER, FIRST_USER + users)
    with engine.begin() as conn:
        conn.execute(insert(User), [{"id": uid, "first_name": f"Менеджер {uid}"} for uid in ids])
        conn.execute(insert(DrillSettings), [
            {"user_id": uid, "enabled": True, "minute": DEFAULT_MINUTE, "days": WEEKDAYS, "zone": "Europe/Moscow",
             "per_day": 3, "leaderboard": False, "next_at": morning, "updated_at": morning} for uid in ids])
    engine.dispose()


# ---- the morning ---------------------------------------------------------------------------------------
@dataclass
class Timer:
    seconds: float = 0.0
    calls: int = 0

    def wrap(self, fn: Any) -> Any:
        async def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return await fn(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - start
                self.calls += 1
        return timed


@dataclass
class Morning:
    sent: int
    rounds: int
    real_seconds: float
    claim: Timer
    start_sending: Timer
    record: Timer
    send_seconds: float  # virtual: the last booked slot
    statuses: dict[str, int] = field(default_factory=dict)


async def run_morning(url: str, morning: datetime) -> Morning:
    from aiogram import Bot

    from bot.scheduler import DrillLane, NotificationScheduler
    from bot.send_limiter import SendLimiter
    from bot.settings import Settings
    from db.engine import create_engine, create_session_factory
    from handlers import drill_markup, outgoing_markup
    from services.clock import Clock

    engine = create_engine(url)
    settings = Settings(bot_token=TOKEN, database_url=url)  # type: ignore[arg-type]
    virtual = VirtualTime()
    limiter = SendLimiter(overall=30, per_chat=1.0, clock=virtual.clock, sleep=virtual.sleep)
    clock = Clock(None, real_now=lambda: morning + timedelta(seconds=1 + virtual.now))
    bot = Bot(TOKEN, session=local_session())
    scheduler = NotificationScheduler(bot, create_session_factory(engine), settings, markup=outgoing_markup,
                                      drill_markup=drill_markup, clock=clock, limiter=limiter)
    lane = next(lane for lane in scheduler.lanes if isinstance(lane, DrillLane))
    claim, starting, record = Timer(), Timer(), Timer()
    lane.claim = claim.wrap(lane.claim)  # type: ignore[method-assign]
    lane.start_sending = starting.wrap(lane.start_sending)  # type: ignore[method-assign]
    lane.record = record.wrap(lane.record)  # type: ignore[method-assign]
    sent = rounds = 0
    started = time.perf_counter()
    while True:
        done = await scheduler.run_once()
        virtual.batch_sent()
        rounds += 1
        sent += done
        if not done and not scheduler._more:
            break
    real = time.perf_counter() - started
    from sqlalchemy import text

    async with engine.connect() as conn:
        statuses = dict((await conn.execute(text("select status, count(*) from drill_runs group by status"))).all())
    await bot.session.close()
    await engine.dispose()
    return Morning(sent, rounds, real, claim, starting, record, virtual.now, statuses)


# ---- the month ------------------------------------------------------------------------------------------
def play_month(url: str, users: int, days: int, seed: int = 7) -> dict[str, int]:
    """Write `days` days of drills (from FIRST_DAY) for every user as the bot would; returns rows per table."""
    from fsrs import Rating
    from sqlalchemy import insert

    from db.models import DrillCard, DrillReview, DrillRun
    from services.attestation.drill.engine.memory import CardState, review
    from services.attestation.engine.content import load_bank

    bank = load_bank()
    questions = [(q.id, q.topic_id) for topic in bank.topics for q in topic.questions]
    rng = random.Random(seed)
    drill_days = [d for d in (FIRST_DAY.date() + timedelta(days=n) for n in range(days)) if d.weekday() < 5]
    engine = sync_engine(url)
    counts = dict.fromkeys(("drill_runs", "drill_reviews", "drill_cards"), 0)
    run_id = itertools.count(1)
    for chunk_start in range(0, users, 1000):
        runs, reviews, cards = [], [], []
        for uid in range(FIRST_USER + chunk_start, FIRST_USER + min(users, chunk_start + 1000)):
            order = questions[:]
            rng.shuffle(order)
            fresh = iter(order)
            state: dict[str, CardState] = {}
            for day in drill_days:
                slot = datetime(day.year, day.month, day.day, 6, 30, tzinfo=UTC)
                due = sorted((c for c in state.values() if c.due.date() <= day), key=lambda c: c.due)[:3]
                picked = [(c.question_id, c.topic_id) for c in due]
                picked += list(itertools.islice(fresh, 3 - len(picked)))
                rid = next(run_id)
                right_count = 0
                for position, (qid, tid) in enumerate(picked):
                    right = rng.random() < 0.8
                    right_count += right
                    done = review(state.get(qid), qid, tid, Rating.Good if right else Rating.Again, slot)
                    state[qid] = done.card
                    reviews.append({"user_id": uid, "run_id": rid, "position": position, "question_id": qid,
                                    "topic_id": tid, "correct": right, "rating": int(done.rating),
                                    "elapsed_days": done.elapsed_days, "interval_days": done.card.interval_days,
                                    "duration_ms": rng.randint(3000, 40000), "reviewed_at": slot,
                                    "answered_at": slot + timedelta(seconds=rng.randint(5, 3600))})
                runs.append({"id": rid, "user_id": uid, "day": day, "due_at": slot, "status": "done",
                             "questions": [q for q, _ in picked], "seed": rng.randrange(2**31), "position": 2,
                             "answered": len(picked), "correct": right_count, "tries": 1, "claimed_at": slot,
                             "claimed_by": "bench:1:abcdef", "sent_at": slot, "shown_at": slot,
                             "message_id": rng.randrange(10**6), "finished_at": slot + timedelta(minutes=3)})
            cards += [{"user_id": uid, "question_id": c.question_id, "topic_id": c.topic_id, "state": c.state,
                       "step": c.step, "stability": c.stability, "difficulty": c.difficulty, "due": c.due,
                       "last_review": c.last_review, "interval_days": c.interval_days, "reps": c.reps,
                       "lapses": c.lapses} for c in state.values()]
        with engine.begin() as conn:
            conn.execute(insert(DrillRun), runs)
            conn.execute(insert(DrillReview), reviews)
            conn.execute(insert(DrillCard), cards)
        counts["drill_runs"] += len(runs)
        counts["drill_reviews"] += len(reviews)
        counts["drill_cards"] += len(cards)
    if engine.dialect.name == "postgresql":  # the runs were written with their ids: move the sequence past them
        from sqlalchemy import text

        with engine.begin() as conn:
            conn.execute(text("select setval(pg_get_serial_sequence('drill_runs', 'id'), max(id)) from drill_runs"))
    engine.dispose()
    return counts


def table_bytes(url: str) -> tuple[dict[str, int], int]:
    """Bytes per drill table (with its indexes) and the whole database."""
    from sqlalchemy import text

    engine = sync_engine(url)
    sizes: dict[str, int] = {}
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
            try:
                objects = text("select name, tbl_name from sqlite_master where type in ('table', 'index')")
                owner = {name: table for name, table in conn.execute(objects).all()}
                for name, size in conn.execute(text("select name, sum(pgsize) from dbstat group by name")).all():
                    table = owner.get(name, name)
                    if table in DRILL_TABLES:
                        sizes[table] = sizes.get(table, 0) + int(size)
            except Exception:  # dbstat is not compiled into every SQLite
                pass
            pages = conn.execute(text("PRAGMA page_count")).scalar_one()
            page = conn.execute(text("PRAGMA page_size")).scalar_one()
            total = int(pages) * int(page)
        else:
            for table in DRILL_TABLES:
                sizes[table] = int(conn.execute(text("select pg_total_relation_size(:t)"), {"t": table}).scalar_one())
            total = int(conn.execute(text("select pg_database_size(current_database())")).scalar_one())
    engine.dispose()
    return sizes, total


# ---- report ----------------------------------------------------------------------------------------------
def mb(size: int) -> str:
    return f"{size / 1_000_000:,.1f} MB"


def report(name: str, users: int, morning: Morning, days: int, rows: dict[str, int],
           sizes: dict[str, int], total: int) -> None:
    per = morning.sent or 1
    estimate = morning.send_seconds + morning.claim.seconds
    print(f"\n== {name}: one morning's drill for {users:,} users ==")
    print(f"drills sent                      {morning.sent:>10,}   (runs: {morning.statuses})")
    print(f"scheduler rounds                 {morning.rounds:>10,}")
    print(f"plan + claim + render (real)     {morning.claim.seconds:>10.1f} s   "
          f"({morning.claim.seconds / per * 1000:.2f} ms a drill)")
    print(f"mark «sending» + record (real)   {morning.start_sending.seconds + morning.record.seconds:>10.1f} s   "
          f"({(morning.start_sending.seconds + morning.record.seconds) / per * 1000:.2f} ms a drill, "
          f"< {1000 / 30:.1f} ms keeps up with the limit)")
    print(f"all database and CPU work        {morning.real_seconds:>10.1f} s")
    print(f"sending at 30 messages/s         {morning.send_seconds:>10.1f} s   (virtual clock: the limiter's slots)")
    print(f"estimated morning, first to last {estimate:>10.1f} s   ({estimate / 60:.1f} min)")
    print(f"\n== {name}: the database after {days} days ({rows['drill_runs'] // max(users, 1)} drills a user) ==")
    print(f"{'table':<16}{'rows':>12}{'size':>12}{'bytes/row':>11}")
    for table in DRILL_TABLES:
        count = rows.get(table, users if table == "drill_settings" else 0)
        size = sizes.get(table)
        shown = mb(size) if size is not None else "n/a"
        per_row = f"{size / count:,.0f}" if size and count else "n/a"
        print(f"{table:<16}{count:>12,}{shown:>12}{per_row:>11}")
    drill = sum(sizes.values())
    print(f"drill tables                    {mb(drill):>12}   ({drill / max(users, 1) / 1000:.1f} KB a user)")
    print(f"whole database                  {mb(total):>12}")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--pg", help="a PostgreSQL server URL (a database is created and dropped there)")
    parser.add_argument("--no-sqlite", action="store_true", help="only the PostgreSQL run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        targets: list[tuple[str, Any]] = [] if args.no_sqlite else [("SQLite", None)]
        if args.pg:
            targets.append(("PostgreSQL", PgDatabase(args.pg)))
        for name, pg in targets:
            url = await asyncio.to_thread(pg.__enter__) if pg else await asyncio.to_thread(sqlite_database,
                                                                                            Path(folder))
            try:
                # A month of drills first, so the morning measured (the month's last day) works on real history.
                morning_at = FIRST_DAY + timedelta(days=args.days - 1)
                await asyncio.to_thread(seed_users, url, args.users, morning_at)
                rows = await asyncio.to_thread(play_month, url, args.users, args.days - 1)
                morning = await run_morning(url, morning_at)
                rows["drill_runs"] += morning.sent
                sizes, total = await asyncio.to_thread(table_bytes, url)
                report(name, args.users, morning, args.days, rows, sizes, total)
            finally:
                if pg:
                    await asyncio.to_thread(pg.__exit__, None, None, None)


if __name__ == "__main__":
    asyncio.run(main())



