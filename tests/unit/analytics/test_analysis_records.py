"""Kept files (bounded, compressed, the sender's only, gone after a day) and the record of analyses: an analysis
nobody runs any more is claimed once, whatever the number of processes looking."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from db.models import Analysis, AnalysisFile
from db.repositories.analyses import AnalysisRepository
from db.repositories.users import TelegramProfile, UserRepository
from services.analytics.files import KEEP_LIMIT, KEEP_PER_USER, AnalysisFiles
from services.analytics.flow import Analyses
from services.analytics.recovery import LEASE, Recovery
from services.analytics.runtime import AnalysisRuntime
from services.analytics.session import AnalysisRequest, RunOutcome
from services.clock import Clock

ANNA, BORIS = 501, 502


class Later(Clock):
    """A clock a test moves forward."""

    def __init__(self) -> None:
        super().__init__()
        self.shift = timedelta(0)

    def now(self) -> datetime:
        return datetime.now(UTC) + self.shift


async def _users(session_factory) -> None:  # type: ignore[no-untyped-def]
    async with session_factory() as session:
        for user_id in (ANNA, BORIS):
            await UserRepository(session).upsert(TelegramProfile(id=user_id, first_name="X", last_name=None,
                                                                 username=None, language_code="ru"))
        await session.commit()


async def test_kept_files_are_bounded_compressed_private_and_gone_after_a_day(session_factory) -> None:  # type: ignore[no-untyped-def]
    await _users(session_factory)
    clock = Later()
    table = ("Клиент;Дата;Сумма\n" + "ООО Ромашка;01.03.2023;100\n" * 20_000).encode()
    async with session_factory() as session:
        files = AnalysisFiles(AnalysisRepository(session), clock)
        assert await files.keep(ANNA, "big.csv", "tg", b"x" * (KEEP_LIMIT + 1)) is None
        ids = [await files.keep(ANNA, f"{n}.csv", f"tg{n}", table) for n in range(KEEP_PER_USER + 1)]
        await session.commit()
        stored = list(await session.scalars(select(AnalysisFile).where(AnalysisFile.user_id == ANNA)))
        assert sorted(row.id for row in stored) == ids[1:], "a new file pushes out the oldest"
        assert all(len(row.data) * 20 < len(table) and row.size == len(table) for row in stored)
        kept = await files.load(ANNA, ids[-1])
        assert kept is not None and kept.data == table and kept.name == "3.csv" and kept.telegram_file_id == "tg3"
        assert await files.load(BORIS, ids[-1]) is None, "someone else's file is as good as gone"
        assert await files.load(ANNA, ids[0]) is None and await files.load(ANNA, None) is None
        clock.shift = timedelta(hours=23)
        assert await files.cleanup() == 0
        clock.shift = timedelta(days=1, seconds=1)
        assert await files.cleanup() == KEEP_PER_USER
        await session.commit()


async def test_an_analysis_another_process_runs_is_left_alone_until_its_heartbeat_lapses(
        session_factory) -> None:  # type: ignore[no-untyped-def]
    await _users(session_factory)
    clock = Later()
    other = AnalysisRuntime.create(slots=1, single_process=False)  # alive, behind the same balancer
    mine = AnalysisRuntime.create(slots=1, single_process=False)
    async with session_factory() as session:
        running = await Analyses(AnalysisRepository(session), other, clock).begin(
            ANNA, ANNA, AnalysisRequest.for_file("f", "a.csv"))
    async with session_factory() as session:
        assert await Recovery(AnalysisRepository(session), mine, clock).interrupted(at_start=True) == []
        clock.shift = LEASE / 2
        await Recovery(AnalysisRepository(session), other, clock).beat()  # the other process is alive
        await session.commit()
        clock.shift = LEASE
        assert await Recovery(AnalysisRepository(session), mine, clock).interrupted() == []
        clock.shift = LEASE * 2  # … and then it is not
        first = Recovery(AnalysisRepository(session), mine, clock)
        second = Recovery(AnalysisRepository(session), AnalysisRuntime.create(slots=1), clock)
        claimed = await first.interrupted() + await second.interrupted(at_start=True)
        await session.commit()
        assert [(n.analysis_id, n.chat_id, n.can_rerun) for n in claimed] == [(running, ANNA, False)]
        row = await session.get(Analysis, running)
        assert row is not None and row.outcome == "interrupted" and row.notified_at is not None


async def test_at_the_start_of_the_only_process_every_other_process_is_dead_but_its_own_runs_are_not(
        session_factory) -> None:  # type: ignore[no-untyped-def]
    await _users(session_factory)
    clock = Later()
    previous = AnalysisRuntime.create(slots=1)
    now = AnalysisRuntime.create(slots=1)
    async with session_factory() as session:
        old = await Analyses(AnalysisRepository(session), previous, clock).begin(
            BORIS, BORIS, AnalysisRequest.for_file("f", "b.csv"))
        analyses = Analyses(AnalysisRepository(session), now, clock)
        ours = await analyses.begin(ANNA, ANNA, AnalysisRequest.for_file("g", "a.csv"))
        failed = await analyses.begin(ANNA, ANNA, AnalysisRequest.for_file("h", "c.csv"))
        await analyses.fail(failed)
        done = await analyses.begin(ANNA, ANNA, AnalysisRequest.for_file("i", "d.csv"))
        await analyses.finish(done, RunOutcome(AnalysisRequest.for_file("i", "d.csv"), error="bad"))
        await session.commit()
        clock.shift = LEASE * 3  # even a lapsed heartbeat: this process still runs `ours`
        notices = await Recovery(AnalysisRepository(session), now, clock).interrupted(at_start=True)
        assert [n.analysis_id for n in notices] == [old]
        assert now.live == {ours}
        outcomes = {row.id: row.outcome for row in await session.execute(select(Analysis.id, Analysis.outcome))}
        assert outcomes == {old: "interrupted", ours: None, failed: "failed", done: "error"}
