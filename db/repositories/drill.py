"""Persistence of the daily drill: settings, FSRS cards, the review log and the per-day runs with their claims.

No rules here (services/attestation/drill decides); this module reads and writes rows. Every timestamp passed in
is UTC (services.clock.Clock), so SQLite's zone-less storage compares correctly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, bindparam, case, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    Assignment,
    AssignmentTarget,
    Attempt,
    AttemptQuestion,
    DrillCard,
    DrillReview,
    DrillRun,
    DrillSettings,
    TeamMember,
    User,
)
from db.upsert import insert_for

PENDING, CLAIMED, SENDING, OPEN, DONE, MISSED = "pending", "claimed", "sending", "open", "done", "missed"


@dataclass(frozen=True)
class NewRun:
    user_id: int
    day: date
    due_at: datetime


@dataclass(frozen=True)
class NewReview:
    user_id: int
    run_id: int
    position: int
    question_id: str
    topic_id: str
    correct: bool
    rating: int
    elapsed_days: int | None
    interval_days: int
    duration_ms: int | None
    reviewed_at: datetime
    answered_at: datetime


class DrillRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    # ---- settings ---------------------------------------------------------------------------------
    async def settings(self, user_id: int) -> DrillSettings | None:
        return await self.session.get(DrillSettings, user_id, populate_existing=True)

    async def save_settings(self, user_id: int, values: dict[str, Any]) -> DrillSettings:
        """Insert or update the user's row with `values` (every column but the key must be given on insert)."""
        stmt = insert_for(self.session, DrillSettings.__table__).values(user_id=user_id, **values)
        await self.session.execute(stmt.on_conflict_do_update(index_elements=["user_id"], set_=values))
        row = await self.settings(user_id)
        assert row is not None
        return row

    async def settings_of(self, user_ids: Sequence[int]) -> dict[int, DrillSettings]:
        if not user_ids:
            return {}
        stmt = select(DrillSettings).where(DrillSettings.user_id.in_(user_ids))
        return {row.user_id: row for row in (await self.session.execute(stmt)).scalars()}

    async def due_settings(self, now: datetime, limit: int) -> list[DrillSettings]:
        """Users whose next drill moment has come (rows locked for this transaction on PostgreSQL)."""
        stmt = (select(DrillSettings).where(DrillSettings.enabled.is_(True), DrillSettings.next_at <= now)
                .order_by(DrillSettings.next_at).limit(limit).with_for_update(skip_locked=True))
        return list((await self.session.execute(stmt)).scalars())

    async def set_next(self, moves: Sequence[tuple[int, datetime | None]]) -> None:
        """Move each user's next drill moment (one executemany)."""
        if not moves:
            return
        table = DrillSettings.__table__
        stmt = update(table).where(table.c.user_id == bindparam("uid")).values(next_at=bindparam("next"))
        await self.session.execute(stmt, [{"uid": uid, "next": at} for uid, at in moves])

    # ---- runs: planning and claiming --------------------------------------------------------------
    async def add_runs(self, runs: Sequence[NewRun]) -> None:
        """One drill per user and day: a day already planned is left as it is (one executemany)."""
        if not runs:
            return
        stmt = insert_for(self.session, DrillRun.__table__).on_conflict_do_nothing(index_elements=["user_id", "day"])
        await self.session.execute(stmt, [
            {"user_id": run.user_id, "day": run.day, "due_at": run.due_at, "status": PENDING, "questions": [],
             "seed": 0, "position": 0, "answered": 0, "correct": 0, "tries": 0} for run in runs])

    async def claim(self, now: datetime, limit: int, owner: str, stale_before: datetime) -> list[int]:
        """Claim due drills (and claims whose lease ran out) for `owner`, atomically; see
        NotificationRepository.claim_batch for why one statement is enough on both engines."""
        claimable = or_(and_(DrillRun.status == PENDING, DrillRun.due_at <= now),
                        and_(DrillRun.status == CLAIMED, DrillRun.claimed_at < stale_before))
        picked = (select(DrillRun.id).where(claimable).order_by(DrillRun.due_at, DrillRun.id).limit(limit)
                  .with_for_update(skip_locked=True))
        result = await self.session.execute(
            update(DrillRun).where(DrillRun.id.in_(picked.scalar_subquery()))
            .values(status=CLAIMED, claimed_at=now, claimed_by=owner, tries=DrillRun.tries + 1)
            .returning(DrillRun.id, DrillRun.due_at)
            .execution_options(synchronize_session=False)
        )
        return [run_id for run_id, _ in sorted(result.all(), key=lambda row: (row[1], row[0]))]

    async def start_sending(self, run_id: int, owner: str) -> bool:
        """claimed → sending, committed right before the Telegram call; False when the claim is not ours."""
        result = await self.session.execute(
            update(DrillRun).where(DrillRun.id == run_id, DrillRun.status == CLAIMED, DrillRun.claimed_by == owner)
            .values(status=SENDING).execution_options(synchronize_session=False)
        )
        return (result.rowcount or 0) == 1

    async def delivered(self, run_id: int, now: datetime, message_id: int | None) -> None:
        await self.session.execute(
            update(DrillRun).where(DrillRun.id == run_id, DrillRun.status == SENDING)
            .values(status=OPEN, sent_at=now, shown_at=now, message_id=message_id)
            .execution_options(synchronize_session=False)
        )

    async def close(self, run_id: int, status: str, error: str | None = None) -> None:
        await self.session.execute(update(DrillRun).where(DrillRun.id == run_id)
                                   .values(status=status, last_error=error[:256] if error else None)
                                   .execution_options(synchronize_session=False))

    async def retry_later(self, run_id: int, due_at: datetime, error: str | None) -> None:
        await self.session.execute(update(DrillRun).where(DrillRun.id == run_id)
                                   .values(status=PENDING, due_at=due_at, last_error=error[:256] if error else None)
                                   .execution_options(synchronize_session=False))

    async def release(self, run_id: int) -> None:
        """Put back a claimed drill that was never handed to Telegram (shutdown came first)."""
        await self.session.execute(
            update(DrillRun).where(DrillRun.id == run_id, DrillRun.status.in_((CLAIMED, SENDING)))
            .values(status=PENDING, claimed_at=None, claimed_by=None, tries=DrillRun.tries - 1)
            .execution_options(synchronize_session=False)
        )

    async def miss_open(self, user_ids: Sequence[int]) -> None:
        """The users' drills still open when a new one is about to go out are missed (the new one is claimed,
        so it is not touched)."""
        if user_ids:
            await self.session.execute(
                update(DrillRun).where(DrillRun.user_id.in_(user_ids), DrillRun.status.in_((OPEN, SENDING)))
                .values(status=MISSED).execution_options(synchronize_session=False))

    # ---- runs: reading and answering --------------------------------------------------------------
    async def run(self, run_id: int) -> DrillRun | None:
        return await self.session.get(DrillRun, run_id, populate_existing=True)

    async def set_run(self, run_id: int, values: dict[str, Any]) -> None:
        await self.session.execute(update(DrillRun).where(DrillRun.id == run_id).values(**values)
                                   .execution_options(synchronize_session=False))

    async def runs_of(self, user_id: int) -> list[DrillRun]:
        stmt = (select(DrillRun).where(DrillRun.user_id == user_id).order_by(DrillRun.day)
                .execution_options(populate_existing=True))
        return list((await self.session.execute(stmt)).scalars())

    async def latest_answerable(self, user_id: int) -> DrillRun | None:
        stmt = (select(DrillRun).where(DrillRun.user_id == user_id, DrillRun.status.in_((OPEN, SENDING)))
                .order_by(DrillRun.day.desc()).limit(1).execution_options(populate_existing=True))
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def record_answer(self, run_id: int, position: int, correct: bool, now: datetime, last: bool) -> bool:
        """Count the answer to question `position` once (conditional on nothing answered there yet)."""
        values: dict[str, Any] = {"answered": DrillRun.answered + 1, "correct": DrillRun.correct + int(correct),
                                  "draft": None}
        if last:
            values.update(status=DONE, finished_at=now)
        result = await self.session.execute(
            update(DrillRun).where(DrillRun.id == run_id, DrillRun.answered == position,
                                   DrillRun.position == position, DrillRun.status.in_((OPEN, SENDING)))
            .values(**values)
        )
        return (result.rowcount or 0) == 1

    async def advance(self, run_id: int, position: int, now: datetime) -> None:
        """On to the next question after the feedback (conditional: a second tap moves nothing)."""
        await self.session.execute(
            update(DrillRun).where(DrillRun.id == run_id, DrillRun.position == position,
                                   DrillRun.answered == position + 1)
            .values(position=position + 1, shown_at=now)
        )

    # ---- a claimed batch's facts (a few queries for the whole batch) ------------------------------
    async def runs_by_id(self, run_ids: Sequence[int]) -> list[DrillRun]:
        if not run_ids:
            return []
        stmt = (select(DrillRun).where(DrillRun.id.in_(run_ids)).order_by(DrillRun.due_at, DrillRun.id)
                .execution_options(populate_existing=True))
        return list((await self.session.execute(stmt)).scalars())

    async def users_of(self, user_ids: Sequence[int]) -> dict[int, User]:
        if not user_ids:
            return {}
        stmt = select(User).where(User.id.in_(user_ids))
        return {user.id: user for user in (await self.session.execute(stmt)).scalars()}

    async def runs_between(self, user_ids: Sequence[int], first: date, last: date) -> list[DrillRun]:
        """The users' drills on days in [first, last]."""
        if not user_ids:
            return []
        stmt = select(DrillRun).where(DrillRun.user_id.in_(user_ids), DrillRun.day >= first, DrillRun.day <= last)
        return list((await self.session.execute(stmt)).scalars())

    async def cards_by_user(self, user_ids: Sequence[int]) -> dict[int, list[DrillCard]]:
        found: dict[int, list[DrillCard]] = {uid: [] for uid in user_ids}
        for card in await self.cards_of(user_ids):
            found[card.user_id].append(card)
        return found

    async def topic_tallies(self, user_ids: Sequence[int]) -> dict[int, dict[str, tuple[int, int]]]:
        """user id → topic id → (right, answered) over his quizzes, exams and drills."""
        found: dict[int, dict[str, list[int]]] = {uid: {} for uid in user_ids}
        if not user_ids:
            return {}
        quiz = (select(Attempt.user_id, AttemptQuestion.topic_id,
                       func.sum(case((AttemptQuestion.correct.is_(True), 1), else_=0)), func.count())
                .join(Attempt, Attempt.id == AttemptQuestion.attempt_id)
                .where(Attempt.user_id.in_(user_ids), AttemptQuestion.answered_at.is_not(None))
                .group_by(Attempt.user_id, AttemptQuestion.topic_id))
        drill = (select(DrillReview.user_id, DrillReview.topic_id,
                        func.sum(case((DrillReview.correct.is_(True), 1), else_=0)), func.count())
                 .where(DrillReview.user_id.in_(user_ids)).group_by(DrillReview.user_id, DrillReview.topic_id))
        for stmt in (quiz, drill):
            for user_id, topic_id, right, total in (await self.session.execute(stmt)).all():
                counts = found[user_id].setdefault(topic_id, [0, 0])
                counts[0] += int(right or 0)
                counts[1] += int(total or 0)
        return {uid: {tid: (c[0], c[1]) for tid, c in topics.items()} for uid, topics in found.items()}

    async def open_topic_assignments(self, user_ids: Sequence[int], now: datetime) -> dict[int, list[str]]:
        """user id → topics of the assignments given to him (in teams he is still in) not yet past deadline."""
        found: dict[int, list[str]] = {uid: [] for uid in user_ids}
        if not user_ids:
            return found
        stmt = (select(AssignmentTarget.user_id, Assignment.topics)
                .join(Assignment, Assignment.id == AssignmentTarget.assignment_id)
                .join(TeamMember, (TeamMember.team_id == Assignment.team_id)
                      & (TeamMember.user_id == AssignmentTarget.user_id))
                .where(AssignmentTarget.user_id.in_(user_ids), TeamMember.status == "active",
                       Assignment.kind == "topics", Assignment.deadline > now)
                .order_by(Assignment.id))
        for user_id, topics in (await self.session.execute(stmt)).all():
            found[user_id] += [topic for topic in topics or () if topic not in found[user_id]]
        return found

    async def answers_between(self, user_ids: Sequence[int], start: datetime,
                              end: datetime) -> dict[int, list[tuple[datetime, str, bool]]]:
        """user id → (answered_at, topic_id, correct) of his drill answers in [start, end)."""
        found: dict[int, list[tuple[datetime, str, bool]]] = {uid: [] for uid in user_ids}
        if not user_ids:
            return found
        stmt = (select(DrillReview.user_id, DrillReview.answered_at, DrillReview.topic_id, DrillReview.correct)
                .where(DrillReview.user_id.in_(user_ids), DrillReview.answered_at >= start,
                       DrillReview.answered_at < end).order_by(DrillReview.id))
        for user_id, at, topic_id, right in (await self.session.execute(stmt)).all():
            found[user_id].append((at, topic_id, bool(right)))
        return found

    # ---- cards ------------------------------------------------------------------------------------
    async def card(self, user_id: int, question_id: str) -> DrillCard | None:
        stmt = (select(DrillCard).where(DrillCard.user_id == user_id, DrillCard.question_id == question_id)
                .execution_options(populate_existing=True))
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def save_card(self, user_id: int, values: dict[str, Any]) -> None:
        stmt = insert_for(self.session, DrillCard.__table__).values(user_id=user_id, **values)
        changed = {key: value for key, value in values.items() if key != "question_id"}
        await self.session.execute(stmt.on_conflict_do_update(index_elements=["user_id", "question_id"],
                                                              set_=changed))

    async def cards_of(self, user_ids: Sequence[int]) -> list[DrillCard]:
        if not user_ids:
            return []
        stmt = select(DrillCard).where(DrillCard.user_id.in_(user_ids)).order_by(DrillCard.user_id, DrillCard.id)
        return list((await self.session.execute(stmt)).scalars())

    # ---- the review log ---------------------------------------------------------------------------
    async def add_review(self, review: NewReview) -> bool:
        """False when this drill question was answered already (a double tap, a re-delivered update)."""
        stmt = insert_for(self.session, DrillReview.__table__).values(**vars(review)).on_conflict_do_nothing(
            index_elements=["run_id", "position"])
        return ((await self.session.execute(stmt)).rowcount or 0) == 1

    async def reviews(self, user_id: int) -> list[DrillReview]:
        stmt = select(DrillReview).where(DrillReview.user_id == user_id).order_by(DrillReview.id)
        return list((await self.session.execute(stmt)).scalars())

    # ---- a team's view ----------------------------------------------------------------------------
    async def run_days(self, user_ids: Sequence[int]) -> dict[int, list[tuple[date, str]]]:
        """user id → (day, status) of each of his drills, oldest first."""
        found: dict[int, list[tuple[date, str]]] = {uid: [] for uid in user_ids}
        if not user_ids:
            return found
        stmt = (select(DrillRun.user_id, DrillRun.day, DrillRun.status).where(DrillRun.user_id.in_(user_ids))
                .order_by(DrillRun.day))
        for user_id, day, status in (await self.session.execute(stmt)).all():
            found[user_id].append((day, status))
        return found
