"""Quiz answers from many users through the real Dispatcher: SQLite vs PostgreSQL + Redis, one process vs two.

    python benchmarks/bench_scale.py [--users 200] [--rounds 4] [--questions 3] [--paced-questions 3]
        [--think 3,10] [--pg postgresql+asyncpg://postgres@127.0.0.1:5432/postgres] [--redis redis://127.0.0.1:6379/0]

Each simulated user opens an exam and answers its first question (not timed: a warm-up), then answers more by
tapping what the bot's keyboard shows (or typing a number): every tap is one update. A user sends the next
update only after the previous one was handled, as a person does. Two loads per configuration:

- flat out: all users at once answer `--questions` questions, each tapping again the moment the bot replied —
  the process's capacity (updates/s), with latency that is mostly queueing (users / capacity). The four
  configurations are all started first and then take turns, `--rounds` rounds each, so a slow spell of this
  shared machine (seen here: the same configuration 300 updates/s in one round and 470 in the next) falls on all
  of them; the rates are the median of the rounds, and ×2 ÷ ×1 is taken round by round;
- human pace: then `--paced-questions` more, each user waiting a random `--think` seconds (reading the
  question) before every tap — the latency a person would notice at that load (the rate here is what 200
  such users send, not a capacity).

Bot processes are real OS processes running build_runtime + build_dispatcher with a Bot API session that
answers locally (no network), so the figures are the bot's own work: middlewares, handlers, database, FSM
storage and the per-user lock.

- SQLite ×2: updates are routed by user (sticky), since the database FSM has no cross-process user lock;
- PostgreSQL + Redis ×2: updates of one user alternate between the processes (any process takes any update).

Prints updates/s, median and p95 handling latency (measured inside the process around feed_update, so the
time an update waits for the per-user lock or the database counts), each configuration's capacity relative
to SQLite ×1, and (on Linux) the CPU per update of the bot processes, the PostgreSQL and Redis servers and this
simulator, read from /proc. Every process shares the same cores, so ×2 ÷ ×1 cannot exceed what ×1's CPU per
update leaves room for; that ceiling is printed beside the measured ratio. Medians and ratios come from this
one run.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from process_cpu import COMPONENTS, cpu_between, cpu_snapshot
from quiz_cluster import EXAM_QUESTIONS, Cluster, PgDatabase, SimUser, clear_redis, sqlite_database


@dataclass
class Figures:
    updates: int
    rate: float
    p50_ms: float
    p95_ms: float


# ---- configurations and rounds ---------------------------------------------------------------------
@dataclass
class Round:
    figures: Figures
    cpu_ms: dict[str, float]  # per update, by component


@dataclass
class Config:
    name: str
    engine: str
    processes: int
    cluster: Cluster
    people: list[SimUser]
    rounds: list[Round] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    paced: Figures | None = None

    def rate(self) -> float:
        return statistics.median(r.figures.rate for r in self.rounds)

    def cpu_ms(self, component: str) -> float:
        return statistics.median(r.cpu_ms[component] for r in self.rounds)


async def start_config(name: str, engine: str, database_url: str, redis_url: str | None, processes: int,
                       users: int, first_user: int) -> Config:
    prefix = f"bench-{os.getpid()}-{time.time_ns()}"
    cluster = Cluster(database_url, redis_url, prefix, processes)
    await cluster.start()
    sticky = redis_url is None
    people = [SimUser(first_user + n, cluster, sticky) for n in range(users)]
    await asyncio.gather(*(p.send("/exam") for p in people))
    await asyncio.gather(*(p.answer_one() for p in people))  # warm-up: caches, connections, pools
    return Config(name, engine, processes, cluster, people)


async def flat_out_round(config: Config, questions: int) -> None:
    bots = {process.handle.pid for process in config.cluster.processes}
    before = cpu_snapshot(bots)
    figures, latencies = await _timed(config.cluster, config.people, questions)
    spent = cpu_between(before, cpu_snapshot(bots))
    config.rounds.append(Round(figures, {name: seconds * 1000 / figures.updates for name, seconds in spent.items()}))
    config.latencies.extend(latencies)


async def paced_run(config: Config, questions: int, think: tuple[float, float]) -> None:
    for person in config.people:
        person.think = think
    config.paced, _ = await _timed(config.cluster, config.people, questions)


async def _timed(cluster: Cluster, people: list[SimUser], questions: int) -> tuple[Figures, list[float]]:
    cluster.latencies = []
    cluster.timing = True
    started = time.perf_counter()
    await asyncio.gather(*(p.answer(questions) for p in people))
    elapsed = time.perf_counter() - started
    cluster.timing = False
    latencies = sorted(cluster.latencies)
    return _figures(latencies, elapsed), latencies


def _figures(latencies: list[float], elapsed: float | None) -> Figures:
    latencies = sorted(latencies)
    return Figures(len(latencies), len(latencies) / elapsed if elapsed else 0.0, statistics.median(latencies) * 1000,
                   latencies[max(int(len(latencies) * 0.95) - 1, 0)] * 1000)



def ratio_ceiling(one: Config, cores: int) -> float:
    """What ×2 ÷ ×1 the cores allow at ×1's CPU per update: ×1 is held by its bot process (one core at most) or by
    all the cores; ×2's bots may use two cores, and every process shares the same cores."""
    bot = one.cpu_ms("bot processes")
    everything = sum(one.cpu_ms(name) for name in COMPONENTS)
    if not bot:
        return float("nan")
    return min(2 / bot, cores / everything) / min(1 / bot, cores / everything)


def print_tables(configs: list[Config], args: argparse.Namespace) -> None:
    cores = os.cpu_count() or 1
    base = configs[0].rate()
    print(f"\n{args.users} users, {cores} CPU cores shared by the bot processes, the database servers and this "
          "simulator of Telegram and its users")
    print(f"\nFlat out: {args.rounds} rounds in turn, {args.questions} questions each per round, every tap sent the "
          "moment the previous reply arrived")
    print(f"{'':<26}{'updates/s':>22}{'':>20}{'':>14}  {'CPU ms per update':<40}")
    print(f"{'configuration':<26}{'median (range)':>22}{'median ms':>11}{'p95 ms':>9}{'vs SQLite ×1':>14}  "
          + "".join(f"{name:>14}" for name in COMPONENTS))
    for config in configs:
        rates = [r.figures.rate for r in config.rounds]
        whole = _figures(config.latencies, None)
        spread = f"{config.rate():.0f} ({min(rates):.0f}–{max(rates):.0f})"
        print(f"{config.name:<26}{spread:>22}{whole.p50_ms:>11.1f}{whole.p95_ms:>9.1f}{config.rate() / base:>13.2f}×  "
              + "".join(f"{config.cpu_ms(name):>14.2f}" for name in COMPONENTS))
    print("\n×2 ÷ ×1, round by round, and what the cores allow at ×1's CPU per update (×1 is held by its one bot "
          "process, ×2 by the cores all the processes share)")
    for engine in dict.fromkeys(c.engine for c in configs):
        one, two = (next(c for c in configs if c.engine == engine and c.processes == n) for n in (1, 2))
        ratios = [b.figures.rate / a.figures.rate for a, b in zip(one.rounds, two.rounds, strict=True)]
        print(f"  {engine:<24}{statistics.median(ratios):>6.2f}× ({min(ratios):.2f}–{max(ratios):.2f})"
              f"   the cores allow {ratio_ceiling(one, cores):.2f}×")
    low, high = args.think
    print(f"\nHuman pace: {args.paced_questions} questions each, {low:g}–{high:g} s of reading before every tap")
    print(f"{'configuration':<26}{'updates':>9}{'updates/s':>12}{'median ms':>11}{'p95 ms':>9}")
    for config in configs:
        f = config.paced
        assert f is not None
        print(f"{config.name:<26}{f.updates:>9}{f.rate:>12.0f}{f.p50_ms:>11.1f}{f.p95_ms:>9.1f}")


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
    parser.add_argument("--rounds", type=positive, default=4, help="flat-out rounds of each configuration, in turn")
    parser.add_argument("--questions", type=positive, default=3, help="questions each user answers per round")
    parser.add_argument("--paced-questions", type=positive, default=3)
    parser.add_argument("--think", type=think_range, default=(3.0, 10.0), metavar="LOW,HIGH")
    parser.add_argument("--pg", default=os.environ.get("TEST_DATABASE_URL")
                        or "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--redis", default=os.environ.get("TEST_REDIS_URL") or "redis://127.0.0.1:6379/0")
    args = parser.parse_args()
    if 1 + args.rounds * args.questions + args.paced_questions > EXAM_QUESTIONS:
        parser.error(f"an exam has {EXAM_QUESTIONS} questions: 1 (warm-up) + rounds × questions + paced questions "
                     "must fit")
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as folder, contextlib.ExitStack() as databases:
        # Migrations run before the event loop (alembic runs its own); every configuration starts, then they take
        # turns, so a slow spell of this shared machine falls on all of them.
        plan = [(f"SQLite ×{n}", "SQLite", sqlite_database(Path(folder)), None, n) for n in (1, 2)]
        plan += [(f"PostgreSQL + Redis ×{n}", "PostgreSQL + Redis", databases.enter_context(PgDatabase(args.pg)),
                  args.redis, n) for n in (1, 2)]
        configs = asyncio.run(run_all(plan, args))
        asyncio.run(clear_redis(args.redis))
    print_tables(configs, args)


async def run_all(plan: list[tuple[str, str, str, str | None, int]], args: argparse.Namespace) -> list[Config]:
    configs = []
    for n, (name, engine, url, redis_url, processes) in enumerate(plan):
        configs.append(await start_config(name, engine, url, redis_url, processes, args.users, 10_000 + n * 100_000))
    for number in range(1, args.rounds + 1):
        for config in configs:
            await flat_out_round(config, args.questions)
        print(f"done: round {number} of {args.rounds}", flush=True)
    for config in configs:
        await paced_run(config, args.paced_questions, args.think)
        await config.cluster.stop()
        print(f"done: human pace, {config.name}", flush=True)
    return configs


if __name__ == "__main__":
    main()
