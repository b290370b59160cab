"""Persistence of attempts: every answer is written when given, and written once."""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, bindparam, func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Assignment, AssignmentTarget, Attempt, AttemptQuestion, Certificate, Team, User
from db.sqlite_driver import IN_PLACE, WITH_NEXT_TRIP

# The statements of a quiz tap, built once: building a statement (and its cache key) anew costs more CPU than
# running it. The writes are Core statements on the tables: an ORM-enabled UPDATE would also look for the rows in
# the session to synchronize them, and every caller reads what it needs afterwards with populate_existing. The
# writes whose row count nobody reads go WITH_NEXT_TRIP: on SQLite they ride with the next statement or the commit
# (db/sqlite_driver.py); the tap's read (three rows by their keys) and its write of the answer (one row by its key)
# run IN_PLACE, and so does the commit after them: an exam answer makes no trip to the database thread.
_ATTEMPTS, _QUESTIONS = Attempt.__table__, AttemptQuestion.__table__
# A tap reads the attempt and two question rows as plain rows (Core): loading them as ORM objects costs more than
# the query, and nothing changes them through the ORM (the writes below are Core too).
AttemptRow = namedtuple("AttemptRow", [column.key for column in _ATTEMPTS.c])  # type: ignore[misc]
QuestionRow = namedtuple("QuestionRow", [column.key for column in _QUESTIONS.c])  # type: ignore[misc]
_ANSWERING = (select(*_ATTEMPTS.c, *_QUESTIONS.c)
              .select_from(_ATTEMPTS.outerjoin(_QUESTIONS, and_(
                  _QUESTIONS.c.attempt_id == _ATTEMPTS.c.id,
                  _QUESTIONS.c.position.in_([bindparam("position"), bindparam("next_position")]))))
              .where(_ATTEMPTS.c.id == bindparam("attempt_id")))
_ATTEMPT_WIDTH = len(_ATTEMPTS.c)
_QUESTION = (select(AttemptQuestion)
             .where(AttemptQuestion.attempt_id == bindparam("attempt_id"),
                    AttemptQuestion.position == bindparam("position"))
             .execution_options(populate_existing=True))
_ACTIVE = (select(Attempt).where(Attempt.user_id == bindparam("user_id"), Attempt.status == "active")
           .order_by(Attempt.id.desc()).limit(1))
_SET_DRAFT = (update(_QUESTIONS)
              .where(_QUESTIONS.c.id == bindparam("row_id"), _QUESTIONS.c.answered_at.is_(None))
              .values(draft=bindparam("new_draft", type_=_QUESTIONS.c.draft.type)))
_RECORD_ANSWER = (update(_QUESTIONS)
                  .where(_QUESTIONS.c.id == bindparam("row_id"), _QUESTIONS.c.answered_at.is_(None))
                  .values(response=bindparam("new_response", type_=_QUESTIONS.c.response.type),
                          correct=bindparam("new_correct", type_=_QUESTIONS.c.correct.type),
                          answered_at=bindparam("now", type_=_QUESTIONS.c.answered_at.type)))
_ADVANCE = (update(_ATTEMPTS)
            .where(_ATTEMPTS.c.id == bindparam("attempt_id"), _ATTEMPTS.c.current_index == bindparam("from_index"),
                   _ATTEMPTS.c.status == "active")
            .values(current_index=_ATTEMPTS.c.current_index + 1))
# On PostgreSQL an exam answer and the move to the next question are one statement (a round trip fewer of the
# tap's five: BEGIN, the read, the two writes, COMMIT); the move happens only when this statement stored the answer.
# Written as SQL: SQLAlchemy 2.1 left a parameter of an UPDATE … RETURNING inside a Core CTE unbound here.
_RECORD_AND_ADVANCE = text("""WITH answered AS (
    UPDATE attempt_questions SET response = :new_response, correct = :new_correct, answered_at = :now
    WHERE id = :row_id AND answered_at IS NULL
    RETURNING id),
moved_on AS (
    UPDATE attempts SET current_index = current_index + 1
    WHERE id = :attempt_id AND current_index = :from_index AND status = 'active' AND EXISTS (SELECT 1 FROM answered)
    RETURNING id)
SELECT count(*) FROM answered""").bindparams(
    bindparam("new_response", type_=_QUESTIONS.c.response.type),
    bindparam("new_correct", type_=_QUESTIONS.c.correct.type),
    bindparam("now", type_=_QUESTIONS.c.answered_at.type))
_SET_LIVE_MESSAGE = (update(_ATTEMPTS).where(_ATTEMPTS.c.id == bindparam("attempt_id"))
                     .values(chat_id=bindparam("new_chat_id", type_=_ATTEMPTS.c.chat_id.type),
                             message_id=bindparam("new_message_id", type_=_ATTEMPTS.c.message_id.type)))


@dataclass(frozen=True)
class DrawnQuestion:
    question_id: str
    topic_id: str
    instance: dict[str, Any]


class AttemptRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def create(
        self, user_id: int, kind: str, questions: Sequence[DrawnQuestion], topic_id: str | None = None,
        chat_id: int | None = None,
    ) -> Attempt:
        attempt = Attempt(user_id=user_id, kind=kind, topic_id=topic_id, total=len(questions), chat_id=chat_id,
                          status="active", current_index=0)
        self.session.add(attempt)
        await self.session.flush()
        self.session.add_all(
            AttemptQuestion(attempt_id=attempt.id, position=i, question_id=q.question_id, topic_id=q.topic_id,
                            instance=q.instance)
            for i, q in enumerate(questions)
        )
        await self.session.flush()
        return attempt

    async def get(self, attempt_id: int) -> Attempt | None:
        return await self.session.get(Attempt, attempt_id, populate_existing=True)

    async def active_for(self, user_id: int, kinds: Sequence[str] | None = None) -> Attempt | None:
        if not kinds:
            return (await self.session.execute(_ACTIVE, {"user_id": user_id}, execution_options=IN_PLACE)
                    ).scalar_one_or_none()
        stmt = select(Attempt).where(Attempt.user_id == user_id, Attempt.status == "active")
        if kinds:
            stmt = stmt.where(Attempt.kind.in_(kinds))
        stmt = stmt.order_by(Attempt.id.desc()).limit(1)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def question(self, attempt_id: int, position: int) -> AttemptQuestion | None:
        return (await self.session.execute(_QUESTION, {"attempt_id": attempt_id, "position": position},
                                           execution_options=IN_PLACE)).scalar_one_or_none()

    async def answering(self, attempt_id: int, position: int) -> tuple[AttemptRow | None, dict[int, QuestionRow]]:
        """The attempt with its question rows at `position` and the one after, in one query: what a tap needs
        to check the answer, store it and show the next question. Read-only rows with the models' attributes."""
        rows = (await self.session.execute(_ANSWERING, {"attempt_id": attempt_id, "position": position,
                                                         "next_position": position + 1},
                                           execution_options=IN_PLACE)).all()
        if not rows:
            return None, {}
        width = _ATTEMPT_WIDTH
        attempt = AttemptRow._make(rows[0][:width])
        questions = (QuestionRow._make(row[width:]) for row in rows if row[width] is not None)
        return attempt, {question.position: question for question in questions}

    async def questions(self, attempt_id: int) -> list[AttemptQuestion]:
        stmt = (select(AttemptQuestion).where(AttemptQuestion.attempt_id == attempt_id)
                .order_by(AttemptQuestion.position).execution_options(populate_existing=True))
        return list((await self.session.execute(stmt)).scalars())

    async def set_draft(self, question_row_id: int, draft: list[Any] | None) -> None:
        await self.session.execute(_SET_DRAFT, {"row_id": question_row_id, "new_draft": draft},
                                   execution_options=WITH_NEXT_TRIP)

    async def record_answer(self, question_row_id: int, response: dict[str, Any], correct: bool) -> bool:
        """True when this call stored the answer; False when it was already answered (double tap)."""
        result = await self.session.execute(_RECORD_ANSWER, {"row_id": question_row_id, "new_response": response,
                                                             "new_correct": correct, "now": datetime.now(UTC)},
                                            execution_options=IN_PLACE)
        return (result.rowcount or 0) == 1

    async def record_and_advance(self, question_row_id: int, response: dict[str, Any], correct: bool,
                                 attempt_id: int, from_index: int) -> bool:
        """record_answer, then advance when it stored the answer (one statement where the database allows)."""
        if self.session.get_bind().dialect.name != "postgresql":  # SQLite: both run in place, no round trip to save
            if not await self.record_answer(question_row_id, response, correct):
                return False
            await self.advance(attempt_id, from_index)
            return True
        answered = await self.session.execute(_RECORD_AND_ADVANCE, {
            "row_id": question_row_id, "new_response": response, "new_correct": correct, "now": datetime.now(UTC),
            "attempt_id": attempt_id, "from_index": from_index})
        return answered.scalar_one() == 1

    async def advance(self, attempt_id: int, from_index: int) -> None:
        """Move to the next question only from the expected position, so a re-delivered tap moves once."""
        await self.session.execute(_ADVANCE, {"attempt_id": attempt_id, "from_index": from_index},
                                   execution_options=WITH_NEXT_TRIP)

    async def set_message(self, attempt_id: int, chat_id: int, message_id: int) -> None:
        await self.session.execute(
            update(Attempt).where(Attempt.id == attempt_id).values(chat_id=chat_id, message_id=message_id)
        )

    async def finish(self, attempt_id: int, correct: int, percent: int, passed: bool | None) -> bool:
        result = await self.session.execute(
            update(Attempt)
            .where(Attempt.id == attempt_id, Attempt.status == "active")
            .values(status="finished", correct=correct, percent=percent, passed=passed,
                    finished_at=datetime.now(UTC))
        )
        return (result.rowcount or 0) == 1

    async def abandon(self, attempt_id: int) -> None:
        await self.session.execute(
            update(Attempt).where(Attempt.id == attempt_id, Attempt.status == "active")
            .values(status="abandoned", finished_at=datetime.now(UTC))
        )

    async def seen_counts(self, user_id: int) -> dict[str, int]:
        """How many times the user has been shown each question (question id → count)."""
        rows = await self.session.execute(
            select(AttemptQuestion.question_id, func.count())
            .join(Attempt, Attempt.id == AttemptQuestion.attempt_id)
            .where(Attempt.user_id == user_id)
            .group_by(AttemptQuestion.question_id)
        )
        return {question_id: int(count) for question_id, count in rows}

    async def wrong_question_ids(self, user_id: int) -> list[str]:
        """Questions whose latest answer by this user was wrong."""
        rows = await self.session.execute(
            select(AttemptQuestion.question_id, AttemptQuestion.correct)
            .join(Attempt, Attempt.id == AttemptQuestion.attempt_id)
            .where(Attempt.user_id == user_id, AttemptQuestion.answered_at.is_not(None))
            .order_by(AttemptQuestion.answered_at, AttemptQuestion.id)
        )
        latest: dict[str, bool] = {}
        for question_id, correct in rows:
            latest[question_id] = bool(correct)
        return [qid for qid, ok in latest.items() if not ok]

    async def answered_rows(self, user_id: int) -> list[tuple[str, str, bool]]:
        """(topic_id, question_id, correct) of every answer the user ever gave, oldest first."""
        rows = await self.session.execute(
            select(AttemptQuestion.topic_id, AttemptQuestion.question_id, AttemptQuestion.correct)
            .join(Attempt, Attempt.id == AttemptQuestion.attempt_id)
            .where(Attempt.user_id == user_id, AttemptQuestion.answered_at.is_not(None))
            .order_by(AttemptQuestion.answered_at, AttemptQuestion.id)
        )
        return [(topic_id, question_id, bool(correct)) for topic_id, question_id, correct in rows]

    async def history(self, user_id: int, limit: int = 10) -> list[Attempt]:
        stmt = (select(Attempt).where(Attempt.user_id == user_id, Attempt.status == "finished")
                .order_by(Attempt.finished_at.desc(), Attempt.id.desc()).limit(limit))
        return list((await self.session.execute(stmt)).scalars())

    async def count_finished(self, user_id: int) -> int:
        stmt = select(func.count()).select_from(Attempt).where(
            Attempt.user_id == user_id, Attempt.status == "finished"
        )
        return int((await self.session.execute(stmt)).scalar_one())

    # ---- a paused attempt, its one live message, the team that assigned an exam --------------------------
    async def pause(self, attempt_id: int, now: datetime) -> None:
        """/cancel or /menu: the open attempt waits until «Продолжить» (kept through a restart)."""
        await self.session.execute(
            update(Attempt).where(Attempt.id == attempt_id, Attempt.status == "active", Attempt.paused_at.is_(None))
            .values(paused_at=now)
        )

    async def unpause(self, attempt_id: int) -> None:
        await self.session.execute(update(Attempt).where(Attempt.id == attempt_id).values(paused_at=None))

    async def set_live_message(self, attempt_id: int, chat_id: int, message_id: int | None) -> None:
        """The message whose buttons answer the attempt now; None when the view on screen has no buttons."""
        await self.session.execute(_SET_LIVE_MESSAGE, {"attempt_id": attempt_id, "new_chat_id": chat_id,
                                                       "new_message_id": message_id}, execution_options=WITH_NEXT_TRIP)

    async def assigning_team(self, user_id: int, before: datetime) -> tuple[str, str | None] | None:
        """(team name, its owner's company) of the latest exam assignment given to the user before `before`."""
        stmt = (select(Team.name, User.company)
                .join(Assignment, Assignment.team_id == Team.id)
                .join(AssignmentTarget, AssignmentTarget.assignment_id == Assignment.id)
                .join(User, User.id == Team.owner_id)
                .where(AssignmentTarget.user_id == user_id, Assignment.kind == "exam", Assignment.created_at <= before)
                .order_by(Assignment.created_at.desc(), Assignment.id.desc()).limit(1))
        row = (await self.session.execute(stmt)).first()
        return (row[0], row[1]) if row is not None else None


class CertificateRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def create(self, code: str, user_id: int, attempt_id: int, full_name: str, percent: int) -> Certificate:
        certificate = Certificate(code=code, user_id=user_id, attempt_id=attempt_id, full_name=full_name,
                                  percent=percent)
        self.session.add(certificate)
        await self.session.flush()
        return certificate

    async def for_attempt(self, attempt_id: int) -> Certificate | None:
        stmt = select(Certificate).where(Certificate.attempt_id == attempt_id)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def by_code(self, code: str) -> Certificate | None:
        return await self.session.get(Certificate, code)
