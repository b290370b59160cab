"""Persistence of the daily drill: settings, FSRS cards, the review log and the per-day runs with their claims.

No rules here (services/attestation/drill decides); this module reads and writes rows. Every timestamp passed in
is UTC (services.clock.Clock), so SQLite's zone-less storage compares correctly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Attempt, AttemptQuestion, DrillCard, DrillReview, DrillRun, DrillSettings
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
        for user_id, next_at in moves:
            await self.session.execute(update(DrillSettings).where(DrillSettings.user_id == user_id)
                                       .values(next_at=next_at))

    # ---- runs: planning and claiming --------------------------------------------------------------
    async def add_runs(self, runs: Sequence[NewRun]) -> int:
        """One drill per user and day: a day already planned is left as it is. Returns how many are new."""
        added = 0
        for run in runs:
            stmt = insert_for(self.session, DrillRun.__table__).values(
                user_id=run.user_id, day=run.day, due_at=run.due_at, status=PENDING, questions=[], seed=0,
                position=0, answered=0, correct=0, tries=0,
            ).on_conflict_do_nothing(index_elements=["user_id", "day"])
            added += (await self.session.execute(stmt)).rowcount or 0
        return added

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
            .values(status=SENDING)
        )
        return (result.rowcount or 0) == 1

    async def delivered(self, run_id: int, now: datetime, message_id: int | None) -> None:
        await self.session.execute(
            update(DrillRun).where(DrillRun.id == run_id, DrillRun.status == SENDING)
            .values(status=OPEN, sent_at=now, shown_at=now, message_id=message_id)
        )

    async def close(self, run_id: int, status: str, error: str | None = None) -> None:
        await self.session.execute(update(DrillRun).where(DrillRun.id == run_id)
                                   .values(status=status, last_error=error[:256] if error else None))

    async def retry_later(self, run_id: int, due_at: datetime, error: str | None) -> None:
        await self.session.execute(update(DrillRun).where(DrillRun.id == run_id)
                                   .values(status=PENDING, due_at=due_at, last_error=error[:256] if error else None))

    async def release(self, run_id: int) -> None:
        """Put back a claimed drill that was never handed to Telegram (shutdown came first)."""
        await self.session.execute(
            update(DrillRun).where(DrillRun.id == run_id, DrillRun.status.in_((CLAIMED, SENDING)))
            .values(status=PENDING, claimed_at=None, claimed_by=None, tries=DrillRun.tries - 1)
        )

    async def miss_open_before(self, user_id: int, day: date) -> int:
        """Drills of earlier days still open when a new one comes are missed."""
        result = await self.session.execute(
            update(DrillRun).where(DrillRun.user_id == user_id, DrillRun.day < day,
                                   DrillRun.status.in_((OPEN, SENDING)))
            .values(status=MISSED)
        )
        return result.rowcount or 0

    # ---- runs: reading and answering --------------------------------------------------------------
    async def run(self, run_id: int) -> DrillRun | None:
        return await self.session.get(DrillRun, run_id, populate_existing=True)

    async def set_run(self, run_id: int, values: dict[str, Any]) -> None:
        await self.session.execute(update(DrillRun).where(DrillRun.id == run_id).values(**values))

    async def runs_of(self, user_id: int) -> list[DrillRun]:
        stmt = (select(DrillRun).where(DrillRun.user_id == user_id).order_by(DrillRun.day)
                .execution_options(populate_existing=True))
        return list((await self.session.execute(stmt)).scalars())

    async def run_on(self, user_id: int, day: date) -> DrillRun | None:
        stmt = (select(DrillRun).where(DrillRun.user_id == user_id, DrillRun.day == day)
                .execution_options(populate_existing=True))
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def latest_answerable(self, user_id: int) -> DrillRun | None:
        stmt = (select(DrillRun).where(DrillRun.user_id == user_id, DrillRun.status.in_((OPEN, SENDING)))
                .order_by(DrillRun.day.desc()).limit(1).execution_options(populate_existing=True))
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def delivered_in(self, user_id: int, first: date, before: date) -> int:
        """Drills that reached the user on days in [first, before)."""
        stmt = select(func.count()).select_from(DrillRun).where(
            DrillRun.user_id == user_id, DrillRun.day >= first, DrillRun.day < before,
            DrillRun.status.in_((OPEN, SENDING, DONE, MISSED)))
        return int((await self.session.execute(stmt)).scalar_one())

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

    # ---- cards ------------------------------------------------------------------------------------
    async def cards(self, user_id: int) -> list[DrillCard]:
        stmt = select(DrillCard).where(DrillCard.user_id == user_id).order_by(DrillCard.id)
        return list((await self.session.execute(stmt)).scalars())

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

    async def reviews_between(self, user_id: int, start: datetime, end: datetime) -> list[tuple[str, bool]]:
        """(topic_id, correct) of the user's drill answers given in [start, end)."""
        stmt = (select(DrillReview.topic_id, DrillReview.correct)
                .where(DrillReview.user_id == user_id, DrillReview.answered_at >= start,
                       DrillReview.answered_at < end).order_by(DrillReview.id))
        return [(topic, bool(right)) for topic, right in (await self.session.execute(stmt)).all()]

    async def reviews(self, user_id: int) -> list[DrillReview]:
        stmt = select(DrillReview).where(DrillReview.user_id == user_id).order_by(DrillReview.id)
        return list((await self.session.execute(stmt)).scalars())

    async def topic_tally(self, user_id: int) -> dict[str, tuple[int, int]]:
        """topic id → (right, answered) over the user's quizzes, exams and drills."""
        tally: dict[str, list[int]] = {}
        quiz = (select(AttemptQuestion.topic_id, AttemptQuestion.correct)
                .join(Attempt, Attempt.id == AttemptQuestion.attempt_id)
                .where(Attempt.user_id == user_id, AttemptQuestion.answered_at.is_not(None)))
        drill = select(DrillReview.topic_id, DrillReview.correct).where(DrillReview.user_id == user_id)
        for stmt in (quiz, drill):
            for topic_id, right in (await self.session.execute(stmt)).all():
                counts = tally.setdefault(topic_id, [0, 0])
                counts[0] += int(bool(right))
                counts[1] += 1
        return {topic_id: (right, total) for topic_id, (right, total) in tally.items()}

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
