"""Persistence of a team's own questions: banks, editors, topics, questions and their versions, team exams.

No rules here (who may change what, limits, validation): services/attestation/own decides; this module reads and
writes rows. Every change of topics or questions goes with `touch()`, which bumps the team's bank version in the
same transaction, so every process knows its cached copy of the bank is stale.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    Assignment,
    AssignmentTarget,
    Attempt,
    AttemptQuestion,
    OwnBank,
    OwnBankEditor,
    OwnExamAttempt,
    OwnQuestion,
    OwnQuestionVersion,
    OwnTopic,
    Team,
    TeamMember,
    User,
)
from db.models.own_questions import ACTIVE, DELETED, HIDDEN
from db.repositories.teams import ACTIVE as MEMBER_ACTIVE
from db.upsert import insert_for

__all__ = ["ACTIVE", "DELETED", "HIDDEN", "OwnQuestionRepository", "QuestionRow", "StatsRow"]


@dataclass(frozen=True)
class QuestionRow:
    """A question with the body of its current version."""

    question: OwnQuestion
    body: dict[str, Any]


@dataclass(frozen=True)
class StatsRow:
    attempt_id: int
    question_id: str
    topic_id: str
    instance: dict[str, Any]
    response: dict[str, Any] | None
    correct: bool


class OwnQuestionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    # ---- the bank row: version counter and exam settings ----------------------------------------------
    async def bank(self, team_id: int) -> OwnBank | None:
        return await self.session.get(OwnBank, team_id, populate_existing=True)

    async def touch(self, team_id: int, now: datetime) -> None:
        """Count a change of the team's bank (the row is made on the first one)."""
        stmt = insert_for(self.session, OwnBank.__table__).values(team_id=team_id, version=1, updated_at=now)
        stmt = stmt.on_conflict_do_update(index_elements=["team_id"],
                                          set_={"version": OwnBank.__table__.c.version + 1, "updated_at": now})
        await self.session.execute(stmt)

    async def set_exam(self, team_id: int, exam: dict[str, Any] | None, now: datetime) -> None:
        stmt = insert_for(self.session, OwnBank.__table__).values(team_id=team_id, version=0, exam=exam,
                                                                  updated_at=now)
        stmt = stmt.on_conflict_do_update(index_elements=["team_id"], set_={"exam": exam, "updated_at": now})
        await self.session.execute(stmt)

    async def versions_for_user(self, user_id: int) -> dict[int, tuple[int, str]]:
        """team id → (bank version, when it changed), for every team with own content the user owns or is an
        active member of."""
        member = select(TeamMember.team_id).where(TeamMember.user_id == user_id, TeamMember.status == MEMBER_ACTIVE)
        owned = select(Team.id).where(Team.owner_id == user_id)
        stmt = select(OwnBank.team_id, OwnBank.version, OwnBank.updated_at).where(
            OwnBank.team_id.in_(member.union(owned)), OwnBank.version > 0)
        return {team_id: (int(version), str(updated)) for team_id, version, updated
                in (await self.session.execute(stmt)).all()}

    async def exams_for_user(self, user_id: int) -> list[tuple[int, dict[str, Any], datetime | None]]:
        """(team id, exam settings, when the user joined) of the user's teams that set their own exam."""
        stmt = (select(OwnBank.team_id, OwnBank.exam, TeamMember.joined_at)
                .join(TeamMember, and_(TeamMember.team_id == OwnBank.team_id, TeamMember.user_id == user_id))
                .where(TeamMember.status == MEMBER_ACTIVE, OwnBank.exam.is_not(None)))
        return [(team_id, exam, joined) for team_id, exam, joined in (await self.session.execute(stmt)).all()
                if exam]

    async def latest_exam_assignment_team(self, user_id: int, team_ids: Sequence[int]) -> int | None:
        if not team_ids:
            return None
        stmt = (select(Assignment.team_id).join(AssignmentTarget, AssignmentTarget.assignment_id == Assignment.id)
                .where(AssignmentTarget.user_id == user_id, Assignment.kind == "exam",
                       Assignment.team_id.in_(team_ids))
                .order_by(Assignment.created_at.desc(), Assignment.id.desc()).limit(1))
        return (await self.session.execute(stmt)).scalar_one_or_none()

    # ---- who may edit ---------------------------------------------------------------------------------
    async def team(self, team_id: int) -> Team | None:
        return await self.session.get(Team, team_id, populate_existing=True)

    async def is_active_member(self, team_id: int, user_id: int) -> bool:
        stmt = select(TeamMember.id).where(TeamMember.team_id == team_id, TeamMember.user_id == user_id,
                                           TeamMember.status == MEMBER_ACTIVE)
        return (await self.session.execute(stmt)).first() is not None

    async def is_editor(self, team_id: int, user_id: int) -> bool:
        stmt = (select(OwnBankEditor.id)
                .join(TeamMember, and_(TeamMember.team_id == OwnBankEditor.team_id,
                                       TeamMember.user_id == OwnBankEditor.user_id))
                .where(OwnBankEditor.team_id == team_id, OwnBankEditor.user_id == user_id,
                       TeamMember.status == MEMBER_ACTIVE))
        return (await self.session.execute(stmt)).first() is not None

    async def editable_teams(self, user_id: int) -> list[Team]:
        """Teams the user owns, then those whose bank he edits (while an active member)."""
        owned = list((await self.session.execute(
            select(Team).where(Team.owner_id == user_id).order_by(Team.id))).scalars())
        edited = list((await self.session.execute(
            select(Team).join(OwnBankEditor, OwnBankEditor.team_id == Team.id)
            .join(TeamMember, and_(TeamMember.team_id == Team.id, TeamMember.user_id == user_id))
            .where(OwnBankEditor.user_id == user_id, TeamMember.status == MEMBER_ACTIVE).order_by(Team.id)
        )).scalars())
        return owned + [team for team in edited if team.owner_id != user_id]

    async def members(self, team_id: int) -> list[tuple[User, bool]]:
        """Active members and whether each edits the bank."""
        stmt = (select(User, OwnBankEditor.id).join(TeamMember, TeamMember.user_id == User.id)
                .outerjoin(OwnBankEditor, and_(OwnBankEditor.team_id == team_id, OwnBankEditor.user_id == User.id))
                .where(TeamMember.team_id == team_id, TeamMember.status == MEMBER_ACTIVE)
                .order_by(TeamMember.joined_at, TeamMember.id))
        return [(user, editor is not None) for user, editor in (await self.session.execute(stmt)).all()]

    async def member_ids(self, team_id: int) -> list[int]:
        stmt = select(TeamMember.user_id).where(TeamMember.team_id == team_id, TeamMember.status == MEMBER_ACTIVE)
        return [int(uid) for (uid,) in (await self.session.execute(stmt)).all()]

    async def set_editor(self, team_id: int, user_id: int, editor: bool, now: datetime) -> None:
        if editor:
            stmt = insert_for(self.session, OwnBankEditor.__table__).values(team_id=team_id, user_id=user_id,
                                                                           added_at=now)
            await self.session.execute(stmt.on_conflict_do_nothing(index_elements=["team_id", "user_id"]))
        else:
            await self.session.execute(delete(OwnBankEditor).where(OwnBankEditor.team_id == team_id,
                                                                   OwnBankEditor.user_id == user_id))

    # ---- topics ---------------------------------------------------------------------------------------
    async def topics(self, team_id: int) -> list[OwnTopic]:
        """Active and hidden topics (not deleted), in their order."""
        stmt = (select(OwnTopic).where(OwnTopic.team_id == team_id, OwnTopic.status != DELETED)
                .order_by(OwnTopic.position, OwnTopic.id).execution_options(populate_existing=True))
        return list((await self.session.execute(stmt)).scalars())

    async def all_topic_titles(self, team_id: int) -> dict[int, str]:
        """Every topic the team ever had (deleted ones too: history names them), id → title."""
        stmt = select(OwnTopic.id, OwnTopic.title).where(OwnTopic.team_id == team_id)
        return {int(topic_id): title for topic_id, title in (await self.session.execute(stmt)).all()}

    async def topic(self, topic_id: int) -> OwnTopic | None:
        return await self.session.get(OwnTopic, topic_id, populate_existing=True)

    async def create_topic(self, team_id: int, title: str, now: datetime, card: str = "", url: str | None = None,
                           ) -> OwnTopic:
        position = (await self.session.execute(
            select(func.coalesce(func.max(OwnTopic.position), 0)).where(OwnTopic.team_id == team_id))).scalar_one()
        topic = OwnTopic(team_id=team_id, title=title, card_text=card, card_url=url or None,
                         position=int(position) + 1, status=ACTIVE, created_at=now)
        self.session.add(topic)
        await self.session.flush()
        return topic

    async def update_topic(self, topic_id: int, **values: Any) -> None:
        await self.session.execute(update(OwnTopic).where(OwnTopic.id == topic_id).values(**values))

    async def count_topics(self, team_id: int) -> int:
        stmt = select(func.count()).select_from(OwnTopic).where(OwnTopic.team_id == team_id,
                                                               OwnTopic.status != DELETED)
        return int((await self.session.execute(stmt)).scalar_one())

    # ---- questions ------------------------------------------------------------------------------------
    def _current(self) -> Any:
        return (select(OwnQuestion, OwnQuestionVersion.body)
                .join(OwnQuestionVersion, and_(OwnQuestionVersion.question_id == OwnQuestion.id,
                                               OwnQuestionVersion.version == OwnQuestion.version))
                .execution_options(populate_existing=True))

    async def questions(self, topic_id: int) -> list[QuestionRow]:
        """The topic's questions (active and hidden) at their current versions, in order."""
        stmt = (self._current().where(OwnQuestion.topic_id == topic_id, OwnQuestion.status != DELETED)
                .order_by(OwnQuestion.position, OwnQuestion.id))
        return [QuestionRow(q, body) for q, body in (await self.session.execute(stmt)).all()]

    async def team_questions(self, team_id: int) -> list[QuestionRow]:
        stmt = (self._current().where(OwnQuestion.team_id == team_id, OwnQuestion.status != DELETED)
                .order_by(OwnQuestion.topic_id, OwnQuestion.position, OwnQuestion.id))
        return [QuestionRow(q, body) for q, body in (await self.session.execute(stmt)).all()]

    async def question(self, question_id: int) -> QuestionRow | None:
        row = (await self.session.execute(self._current().where(OwnQuestion.id == question_id))).first()
        return QuestionRow(row[0], row[1]) if row else None

    async def count_questions(self, team_id: int) -> int:
        stmt = select(func.count()).select_from(OwnQuestion).where(OwnQuestion.team_id == team_id,
                                                                  OwnQuestion.status != DELETED)
        return int((await self.session.execute(stmt)).scalar_one())

    async def add_question(self, team_id: int, topic_id: int, body: dict[str, Any], author_id: int | None,
                           now: datetime) -> OwnQuestion:
        position = (await self.session.execute(
            select(func.coalesce(func.max(OwnQuestion.position), 0)).where(OwnQuestion.topic_id == topic_id)
        )).scalar_one()
        question = OwnQuestion(team_id=team_id, topic_id=topic_id, position=int(position) + 1, version=1,
                               status=ACTIVE, created_at=now, updated_at=now)
        self.session.add(question)
        await self.session.flush()
        self.session.add(OwnQuestionVersion(question_id=question.id, version=1, body=body, author_id=author_id,
                                            created_at=now))
        await self.session.flush()
        return question

    async def add_version(self, question_id: int, from_version: int, body: dict[str, Any], author_id: int | None,
                          now: datetime) -> int | None:
        """The next version, made current — only from `from_version` (a stale edit changes nothing: None)."""
        moved = await self.session.execute(
            update(OwnQuestion).where(OwnQuestion.id == question_id, OwnQuestion.version == from_version)
            .values(version=from_version + 1, updated_at=now))
        if (moved.rowcount or 0) != 1:
            return None
        self.session.add(OwnQuestionVersion(question_id=question_id, version=from_version + 1, body=body,
                                            author_id=author_id, created_at=now))
        await self.session.flush()
        return from_version + 1

    async def set_question_status(self, question_id: int, status: str, now: datetime) -> None:
        await self.session.execute(update(OwnQuestion).where(OwnQuestion.id == question_id)
                                   .values(status=status, updated_at=now))

    async def drawable(self, team_ids: Sequence[int]) -> list[tuple[OwnTopic, int, int, dict[str, Any]]]:
        """(topic, question id, version, body) of every active question in an active topic of these teams."""
        if not team_ids:
            return []
        stmt = (select(OwnTopic, OwnQuestion.id, OwnQuestion.version, OwnQuestionVersion.body)
                .join(OwnQuestion, OwnQuestion.topic_id == OwnTopic.id)
                .join(OwnQuestionVersion, and_(OwnQuestionVersion.question_id == OwnQuestion.id,
                                               OwnQuestionVersion.version == OwnQuestion.version))
                .where(OwnTopic.team_id.in_(team_ids), OwnTopic.status == ACTIVE, OwnQuestion.status == ACTIVE)
                .order_by(OwnTopic.position, OwnTopic.id, OwnQuestion.position, OwnQuestion.id))
        return [(topic, int(qid), int(version), body) for topic, qid, version, body
                in (await self.session.execute(stmt)).all()]

    # ---- exams a team's settings drew -----------------------------------------------------------------
    async def remember_exam(self, attempt_id: int, team_id: int, title: str | None, pass_mark: int) -> None:
        self.session.add(OwnExamAttempt(attempt_id=attempt_id, team_id=team_id, title=title or None,
                                        pass_mark=pass_mark))
        await self.session.flush()

    async def exam_attempt(self, attempt_id: int) -> OwnExamAttempt | None:
        return await self.session.get(OwnExamAttempt, attempt_id)

    # ---- what the team answered -----------------------------------------------------------------------
    async def answers(self, user_ids: Sequence[int]) -> list[StatsRow]:
        """Every answer in a finished attempt of these users, oldest first."""
        if not user_ids:
            return []
        stmt = (select(AttemptQuestion.attempt_id, AttemptQuestion.question_id, AttemptQuestion.topic_id,
                       AttemptQuestion.instance, AttemptQuestion.response, AttemptQuestion.correct)
                .join(Attempt, Attempt.id == AttemptQuestion.attempt_id)
                .where(Attempt.user_id.in_(user_ids), Attempt.status == "finished",
                       AttemptQuestion.answered_at.is_not(None))
                .order_by(AttemptQuestion.answered_at, AttemptQuestion.id))
        return [StatsRow(int(a), q, tid, inst or {}, resp, bool(ok))
                for a, q, tid, inst, resp, ok in (await self.session.execute(stmt)).all()]
