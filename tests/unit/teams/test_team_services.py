"""Team services against a real database migrated by alembic (SQLite, or PostgreSQL with TEST_DATABASE_URL):
access, joins, the outbox's guarantees."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, update

from db.models import Attempt, ScheduledNotification, User
from db.repositories.attempts import AttemptRepository, DrawnQuestion
from db.repositories.teams import NotificationRepository, TeamRepository
from db.repositories.users import TelegramProfile, UserRepository
from services.attestation.engine.content import load_bank
from services.clock import Clock, as_utc
from services.notice import Notice, Refusal
from services.teams.engine.notifications import plan_assignment
from services.teams.engine.status import AssignmentFact, OpenExam, open_exams
from services.teams.flow import outbox
from services.teams.flow.assignments import AssignmentWizard, Draft
from services.teams.flow.context import TeamContext
from services.teams.flow.events import TeamEvents
from services.teams.flow.outbox import BLOCKED, CLAIM_LEASE, TeamOutbox, schedule_exam_result
from services.teams.flow.reports import TeamReports
from services.teams.flow.service import TeamService, check_team_name
from services.teams.views import Done, InviteView, JoinOffer, TeamCard
from tests.databases import is_postgres

MSK = ZoneInfo("Europe/Moscow")
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
OWNER, ANNA, BORIS, STRANGER = 1, 2, 3, 4


class Time:
    def __init__(self) -> None:
        self.now = START

    def clock(self) -> Clock:
        return Clock(None, real_now=lambda: self.now)


@pytest.fixture
def time() -> Time:
    return Time()


@pytest.fixture
async def ctx_factory(session_factory, time: Time):  # type: ignore[no-untyped-def]
    async with session_factory() as session:
        for uid, name in ((OWNER, "Ольга"), (ANNA, "Анна"), (BORIS, "Борис"), (STRANGER, "Мэллори")):
            await UserRepository(session).upsert(TelegramProfile(uid, name))
        await session.commit()

    def make(session) -> TeamContext:  # type: ignore[no-untyped-def]
        return TeamContext.for_session(session, time.clock(), MSK, load_bank())

    return make


async def make_team(session_factory, ctx_factory, members=(ANNA, BORIS)) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    async with session_factory() as session:
        service = TeamService(ctx_factory(session))
        card = await service.create(OWNER, "Продажи", "bot")
        assert isinstance(card, TeamCard)
        code = (await TeamRepository(session).current_invite(card.team_id)).code  # type: ignore[union-attr]
        for uid in members:
            assert isinstance(await service.join(uid, code), Done)
        await session.commit()
    return card.team_id, code


async def assign(session_factory, ctx_factory, team_id: int, kind: str = "exam", everyone: bool = True,  # type: ignore[no-untyped-def]
                 topics: tuple[str, ...] = ()) -> None:
    async with session_factory() as session:
        wizard = AssignmentWizard(ctx_factory(session), TeamEvents(session))
        draft = Draft(team_id, kind, topics, (START + timedelta(days=3)).isoformat(), ())
        assert isinstance(await wizard.create(OWNER, draft, team_id, everyone), Done)
        await session.commit()


async def finish_exam(session_factory, user_id: int, percent: int, finished_at: datetime) -> int:  # type: ignore[no-untyped-def]
    async with session_factory() as session:
        repo = AttemptRepository(session)
        attempt = await repo.create(user_id, "exam", [])
        await repo.finish(attempt.id, percent // 5, percent, percent >= 80)
        await session.execute(update(Attempt).where(Attempt.id == attempt.id).values(finished_at=finished_at))
        await session.commit()
        return attempt.id


async def claim(session_factory, ctx_factory, owner: str = "process-1") -> list:  # type: ignore[no-untyped-def]
    """What a scheduler round does before its Telegram calls: claim what is due, mark each «sending»."""
    async with session_factory() as session:
        outbox = TeamOutbox(ctx_factory(session))
        outgoing = await outbox.claim_due(owner)
        await session.commit()
        for item in outgoing:
            assert await outbox.start_sending(item.notification_id, owner)
        await session.commit()
    return outgoing


async def refused(call: Awaitable[object]) -> Notice:
    """What a refusal tells the user (services raise `Refusal`; the chat layer shows its text)."""
    with pytest.raises(Refusal) as refusal:
        await call
    return Notice(refusal.value.text)


async def statuses(session_factory) -> dict[str, str]:  # type: ignore[no-untyped-def]
    async with session_factory() as session:
        rows = (await session.execute(select(ScheduledNotification.key, ScheduledNotification.status))).all()
    return dict(rows)


def test_team_names_are_checked() -> None:
    assert check_team_name("  Отдел   продаж ") == ("Отдел продаж", None)
    assert check_team_name("!!!")[0] is None
    assert check_team_name("я" * 65)[0] is None


def test_plan_skips_the_day_before_reminder_for_a_deadline_within_a_day() -> None:
    far = AssignmentFact(7, 1, "exam", (), START + timedelta(days=3), START, (ANNA,))
    assert sorted(n.key for n in plan_assignment(far, OWNER, START)) == \
        ["assigned:7:2", "overdue:7:2", "remind:7:2", "summary:7"]
    near = AssignmentFact(8, 1, "exam", (), START + timedelta(hours=20), START, (ANNA,))
    assert sorted(n.key for n in plan_assignment(near, OWNER, START)) == ["assigned:8:2", "overdue:8:2", "summary:8"]


async def test_join_rules(session_factory, ctx_factory) -> None:  # type: ignore[no-untyped-def]
    team_id, code = await make_team(session_factory, ctx_factory, members=(ANNA,))
    async with session_factory() as session:
        service = TeamService(ctx_factory(session))
        assert "Вы уже в команде" in (await service.join_offer(ANNA, code)).text
        assert "Вы уже в команде" in (await service.join(ANNA, code)).text
        assert "вы её владелец" in (await service.join_offer(OWNER, code)).text
        assert isinstance(await service.join_offer(BORIS, code), JoinOffer)
        assert "недействительно" in (await service.join_offer(BORIS, "A" * 22)).text
        assert "недействительно" in (await service.join_offer(BORIS, "../../etc")).text
        await service.regenerate(OWNER, team_id, "bot")
        assert "недействительно" in (await service.join(BORIS, code)).text
        assert len(await TeamRepository(session).active_members(team_id)) == 1


async def test_every_owner_action_checks_ownership(session_factory, ctx_factory) -> None:  # type: ignore[no-untyped-def]
    team_id, _ = await make_team(session_factory, ctx_factory)
    async with session_factory() as session:
        ctx = ctx_factory(session)
        service, wizard = TeamService(ctx), AssignmentWizard(ctx, TeamEvents(session))
        draft = Draft(team_id, "exam", (), (START + timedelta(days=3)).isoformat(), ())
        refusals = [
            await refused(service.card(ANNA, team_id, "bot")), await refused(service.invite(STRANGER, team_id, "bot")),
            await refused(service.regenerate(STRANGER, team_id, "bot")),
            await refused(service.members(STRANGER, team_id)),
            await refused(service.remove(STRANGER, team_id, ANNA)), await refused(service.delete(ANNA, team_id)),
            await refused(service.card(OWNER, team_id + 100, "bot")), await refused(wizard.start(STRANGER, team_id)),
            await refused(wizard.create(STRANGER, draft, team_id, True)),
        ]
        assert all(isinstance(r, Notice) and r.text.startswith("Нет доступа") for r in refusals)
        # The owner's own draft aimed at another team (a replayed button) is refused as stale.
        other = await service.create(OWNER, "Вторая", "bot")
        assert "устарел" in (await refused(wizard.create(OWNER, draft, other.team_id, True))).text  # type: ignore[union-attr]
        assert len(await TeamRepository(session).active_members(team_id)) == 2
        assert await TeamRepository(session).assignments(team_id) == []


async def test_a_new_assignment_wakes_the_scheduler_once_it_is_committed(session_factory, ctx_factory) -> None:  # type: ignore[no-untyped-def]
    team_id, _ = await make_team(session_factory, ctx_factory)
    woken: list[int] = []

    def listener() -> None:
        woken.append(1)

    outbox.subscribe(listener)
    try:
        async with session_factory() as session:
            wizard = AssignmentWizard(ctx_factory(session), TeamEvents(session))
            draft = Draft(team_id, "exam", (), (START + timedelta(days=3)).isoformat(), ())
            await wizard.create(OWNER, draft, team_id, True)
            assert woken == []  # before the commit the scheduler's own session could not see the rows
            await session.commit()
            assert woken == [1]
    finally:
        outbox.unsubscribe(listener)


async def test_claimed_notifications_are_never_sent_twice(session_factory, ctx_factory, time: Time) -> None:  # type: ignore[no-untyped-def]
    team_id, _ = await make_team(session_factory, ctx_factory)
    await assign(session_factory, ctx_factory, team_id)
    first = await claim(session_factory, ctx_factory)
    assert sorted(o.user_id for o in first) == [ANNA, BORIS]
    assert await claim(session_factory, ctx_factory) == []  # a restart: the claimed rows stay «sending»
    async with session_factory() as session:  # scheduling the same assignment again adds nothing
        facts = await ctx_factory(session).assignment_facts(team_id)
        assert await NotificationRepository(session).enqueue(plan_assignment(facts[0], OWNER, START)) == 0
        outbox = TeamOutbox(ctx_factory(session))
        await outbox.sent(first[0].notification_id)
        await outbox.release(first[1].notification_id)  # shut down before it was handed to Telegram
        await session.commit()
    again = await claim(session_factory, ctx_factory)
    assert [o.notification_id for o in again] == [first[1].notification_id]


async def test_reminders_skip_whoever_did_the_work(session_factory, ctx_factory, time: Time) -> None:  # type: ignore[no-untyped-def]
    team_id, _ = await make_team(session_factory, ctx_factory)
    await assign(session_factory, ctx_factory, team_id)
    await claim(session_factory, ctx_factory)
    await finish_exam(session_factory, ANNA, 90, START + timedelta(hours=1))
    time.now = START + timedelta(days=2, hours=12)  # the day before the deadline
    reminders = await claim(session_factory, ctx_factory)
    assert [o.user_id for o in reminders] == [BORIS] and "Напоминание" in reminders[0].text
    time.now = START + timedelta(days=5)
    after = {o.user_id: o.text for o in await claim(session_factory, ctx_factory)}
    assert set(after) == {BORIS, OWNER}
    assert "Выполнили в срок: 1 из 2" in after[OWNER]
    assert "Анна — ✅ выполнено (90 %)" in after[OWNER] and "Борис — ⛔ просрочено" in after[OWNER]
    done = await statuses(session_factory)
    assert done[f"remind:1:{ANNA}"] == "skipped" and done[f"overdue:1:{ANNA}"] == "skipped"


async def test_blocked_and_removed_members_are_skipped(session_factory, ctx_factory, time: Time) -> None:  # type: ignore[no-untyped-def]
    team_id, _ = await make_team(session_factory, ctx_factory)
    await assign(session_factory, ctx_factory, team_id)
    tasks = {o.user_id: o for o in await claim(session_factory, ctx_factory)}
    async with session_factory() as session:
        outbox = TeamOutbox(ctx_factory(session))
        await outbox.blocked(tasks[BORIS].notification_id, BORIS)  # Telegram answered 403
        await outbox.sent(tasks[ANNA].notification_id)
        await TeamService(ctx_factory(session)).remove(OWNER, team_id, ANNA)
        await session.commit()
        assert (await session.get(User, BORIS, populate_existing=True)).blocked_at is not None
    time.now = START + timedelta(days=2, hours=12)
    assert await claim(session_factory, ctx_factory) == []
    done = await statuses(session_factory)
    assert done[f"assigned:1:{BORIS}"] == BLOCKED and done[f"remind:1:{BORIS}"] == BLOCKED
    assert done[f"remind:1:{ANNA}"] == "skipped"


async def test_failed_sends_back_off_then_give_up(session_factory, ctx_factory, time: Time) -> None:  # type: ignore[no-untyped-def]
    team_id, _ = await make_team(session_factory, ctx_factory, members=(ANNA,))
    await assign(session_factory, ctx_factory, team_id)
    delays = []
    for _ in range(6):
        (item,) = await claim(session_factory, ctx_factory)
        async with session_factory() as session:
            await TeamOutbox(ctx_factory(session)).retry(item.notification_id, "TelegramNetworkError")
            await session.commit()
            row = await NotificationRepository(session).get(item.notification_id)
        if row.status == "failed":
            break
        delays.append(as_utc(row.due_at) - time.now)
        time.now = as_utc(row.due_at)
    assert delays == [timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=15), timedelta(hours=1),
                      timedelta(hours=3)]
    assert row.status == "failed" and row.last_error == "TelegramNetworkError"


async def test_exam_results_reach_the_owner_once_and_only_while_open(session_factory, ctx_factory,  # type: ignore[no-untyped-def]
                                                                    time: Time) -> None:
    old = await finish_exam(session_factory, ANNA, 95, START - timedelta(days=1))
    team_id, _ = await make_team(session_factory, ctx_factory)
    await assign(session_factory, ctx_factory, team_id)
    failed = await finish_exam(session_factory, ANNA, 60, START + timedelta(hours=1))
    passed = await finish_exam(session_factory, ANNA, 85, START + timedelta(hours=2))
    again = await finish_exam(session_factory, ANNA, 100, START + timedelta(hours=3))
    async with session_factory() as session:
        teams, notes = TeamRepository(session), NotificationRepository(session)
        assert await schedule_exam_result(teams, notes, old) == 0  # taken before the assignment
        assert await schedule_exam_result(teams, notes, failed) == 1
        assert await schedule_exam_result(teams, notes, failed) == 0  # shown again: nothing new
        assert await schedule_exam_result(teams, notes, passed) == 1
        assert await schedule_exam_result(teams, notes, again) == 0  # the assignment is done already
        await session.commit()
    time.now = START + timedelta(hours=4)
    results = [o for o in await claim(session_factory, ctx_factory) if o.user_id == OWNER]
    assert sorted(o.text.split("\n")[0] for o in results) == ["❌ Анна: экзамен не сдан — 60 % (нужно не меньше 80 %).",
                                                             "🎓 Анна: экзамен сдан — 85 %."]


async def test_claims_of_a_dead_process_are_taken_over_after_the_lease(session_factory, ctx_factory,  # type: ignore[no-untyped-def]
                                                                       time: Time) -> None:
    team_id, _ = await make_team(session_factory, ctx_factory)
    await assign(session_factory, ctx_factory, team_id)
    async with session_factory() as session:  # process 1 claims both tasks, hands one to Telegram, then dies
        outbox = TeamOutbox(ctx_factory(session))
        claimed = await outbox.claim_due("process-1")
        await session.commit()
        assert await outbox.start_sending(claimed[0].notification_id, "process-1")
        await session.commit()
    assert await claim(session_factory, ctx_factory, "process-2") == []  # the lease still holds
    time.now += CLAIM_LEASE + timedelta(seconds=1)
    taken = await claim(session_factory, ctx_factory, "process-2")
    # Only the one never handed to Telegram: the other may have gone out, and a duplicate is worse.
    assert [o.notification_id for o in taken] == [claimed[1].notification_id]
    async with session_factory() as session:  # process 1 was only frozen: it wakes up and must not send
        assert not await TeamOutbox(ctx_factory(session)).start_sending(claimed[1].notification_id, "process-1")


async def test_processes_claiming_at_once_take_disjoint_batches(session_factory, ctx_factory, database_url,  # type: ignore[no-untyped-def]
                                                                time: Time) -> None:
    if not is_postgres(database_url):
        pytest.skip("SQLite has one writer at a time; concurrent claims are a PostgreSQL matter")
    team_id, _ = await make_team(session_factory, ctx_factory)
    await assign(session_factory, ctx_factory, team_id)
    async with session_factory() as first, session_factory() as second:
        mine = await TeamOutbox(ctx_factory(first)).claim_due("process-1", limit=1)  # still uncommitted
        # Without SKIP LOCKED the second claim would wait for the first transaction: a hang, not a pass.
        theirs = await asyncio.wait_for(TeamOutbox(ctx_factory(second)).claim_due("process-2", limit=5), 10)
        await first.commit()
        await second.commit()
    assert len(mine) == 1 and len(theirs) == 1
    assert {mine[0].user_id, theirs[0].user_id} == {ANNA, BORIS}


async def test_a_new_link_replaces_only_the_invite_the_owner_confirmed(session_factory, ctx_factory) -> None:  # type: ignore[no-untyped-def]
    team_id, code = await make_team(session_factory, ctx_factory, members=(ANNA,))
    async with session_factory() as session:
        service, repo = TeamService(ctx_factory(session)), TeamRepository(session)
        assert (await refused(service.confirm_regenerate(ANNA, team_id))).text.startswith("Нет доступа")
        confirm = await service.confirm_regenerate(OWNER, team_id)
        assert "перестанут работать" in confirm.text and confirm.invite_id
        assert (await repo.current_invite(team_id)).code == code  # type: ignore[union-attr]  # asking changes nothing
        assert isinstance(await service.regenerate(OWNER, team_id, "bot", confirm.invite_id), InviteView)
        new_code = (await repo.current_invite(team_id)).code  # type: ignore[union-attr]
        again = await service.regenerate(OWNER, team_id, "bot", confirm.invite_id)  # a double tap
        assert isinstance(again, Notice) and "уже заменили" in again.text and new_code in again.view.text
        assert new_code != code and (await repo.current_invite(team_id)).code == new_code  # type: ignore[union-attr]


async def test_the_dashboard_reads_open_exams_and_only_finished_answers(session_factory, ctx_factory) -> None:  # type: ignore[no-untyped-def]
    team_id, _ = await make_team(session_factory, ctx_factory)
    drawn = [DrawnQuestion(f"kev_{i}", "kev", {}) for i in range(20)]
    async with session_factory() as session:
        attempts = AttemptRepository(session)
        given_up = await attempts.create(BORIS, "exam", drawn)
        await attempts.abandon(given_up.id)
        taking = await attempts.create(ANNA, "exam", drawn)
        for position in range(5):  # Anna answers five questions wrong and is at question 6
            row = await attempts.question(taking.id, position)
            assert row is not None and await attempts.record_answer(row.id, {}, False)
            await attempts.advance(taking.id, position)
        await session.commit()
    async with session_factory() as session:
        repo = TeamRepository(session)
        assert open_exams(await repo.open_attempts([ANNA, BORIS], "exam")) == {ANNA: OpenExam(6, 20)}
        assert await repo.answered_rows([ANNA]) == {ANNA: []}  # nothing finished yet
        board = await TeamReports(ctx_factory(session)).dashboard(OWNER, team_id)
        assert "Экзамен: в процессе: 6 из 20" in board.text and "Слабые темы" not in board.text
        assert board.weakest == ()
