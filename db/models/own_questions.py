"""A team's own questions: topics with a learning card, questions kept as versions, editors, the team's exam.

A question never changes in place: an edit adds a version (`own_question_versions`), and the question row points
at the current one. Past attempts keep the text they showed (attempt_questions.instance) and the version they drew
(the question id in the bank names it: `oq<question>_<version>`), so history and statistics stay as they were.
`own_banks.version` counts every change of a team's bank: a process that cached the bank reads it to know whether
its copy is still the current one.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base

ACTIVE, HIDDEN, DELETED = "active", "hidden", "deleted"


class OwnBank(Base):
    """One row per team that ever had own content or exam settings."""

    __tablename__ = "own_banks"

    team_id: Mapped[int] = mapped_column(Integer, ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True,
                                         autoincrement=False)
    version: Mapped[int] = mapped_column(Integer, default=0)  # bumped by every change of topics or questions
    exam: Mapped[dict | None] = mapped_column(JSON)  # the team's exam settings; None: the standard exam
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class OwnBankEditor(Base):
    """A member the owner lets change the team's bank (only while he stays an active member)."""

    __tablename__ = "own_bank_editors"
    __table_args__ = (UniqueConstraint("team_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(Integer, ForeignKey("teams.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class OwnTopic(Base):
    __tablename__ = "own_topics"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(Integer, ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(64))
    card_text: Mapped[str] = mapped_column(Text, default="")
    card_url: Mapped[str | None] = mapped_column(String(512))
    card_file_id: Mapped[str | None] = mapped_column(String(256))  # a Telegram file id: the document sent again
    card_file_name: Mapped[str | None] = mapped_column(String(128))
    position: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16), default=ACTIVE)  # active | hidden | deleted
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class OwnQuestion(Base):
    __tablename__ = "own_questions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(Integer, ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    topic_id: Mapped[int] = mapped_column(Integer, ForeignKey("own_topics.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, default=1)  # the current version
    status: Mapped[str] = mapped_column(String(16), default=ACTIVE)  # active | hidden (not drawn) | deleted
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class OwnQuestionVersion(Base):
    __tablename__ = "own_question_versions"
    __table_args__ = (UniqueConstraint("question_id", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    question_id: Mapped[int] = mapped_column(Integer, ForeignKey("own_questions.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    body: Mapped[dict] = mapped_column(JSON)  # services.attestation.own.engine.model.QuestionBody.to_json()
    author_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class OwnExamAttempt(Base):
    """An exam drawn by a team's settings: its pass mark and name, kept for the result and the certificate."""

    __tablename__ = "own_exam_attempts"

    attempt_id: Mapped[int] = mapped_column(Integer, ForeignKey("attempts.id", ondelete="CASCADE"),
                                            primary_key=True, autoincrement=False)
    team_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("teams.id", ondelete="SET NULL"))
    title: Mapped[str | None] = mapped_column(String(128))
    pass_mark: Mapped[int] = mapped_column(Integer)  # whole percent
