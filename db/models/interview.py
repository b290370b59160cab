"""Interviews (РОП hiring, CustDev, audit), their answers, and single-use candidate links."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base


class Interview(Base):
    __tablename__ = "interviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True)
    script: Mapped[str] = mapped_column(String(16))  # hiring | custdev | audit (services.interviews.engine.kinds)
    mode: Mapped[str] = mapped_column(String(16), default="live")  # live | remote
    status: Mapped[str] = mapped_column(String(16), default="active")
    # active | awaiting_rating | done; remote links also: invited | answering | revoked
    subject: Mapped[str] = mapped_column(String(128), default="")  # candidate, respondent or company
    respondent_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="SET NULL"))
    salary: Mapped[str | None] = mapped_column(String(256))
    current_index: Mapped[int] = mapped_column(Integer, default=0)
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Set by /cancel and /menu: the interview waits, its buttons offer «Продолжить»; cleared when it goes on.
    paused_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class InterviewAnswer(Base):
    __tablename__ = "interview_answers"
    __table_args__ = (UniqueConstraint("interview_id", "item_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    interview_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("interviews.id", ondelete="CASCADE"), index=True
    )
    item_id: Mapped[str] = mapped_column(String(64))  # question, competency or audit item id
    text: Mapped[str | None] = mapped_column(Text)
    voice_file_id: Mapped[str | None] = mapped_column(String(256))
    voice_seconds: Mapped[int | None] = mapped_column(Integer)  # the voice answer's length, for the exports
    rating: Mapped[int | None] = mapped_column(Integer)  # 1–4 for РОП, 0–2 for audit
    note: Mapped[str | None] = mapped_column(Text)
    tags: Mapped[list | None] = mapped_column(JSON)
    red_flags: Mapped[list | None] = mapped_column(JSON)
    skipped: Mapped[bool] = mapped_column(default=False)
    answered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class CandidateLink(Base):
    __tablename__ = "candidate_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(128), unique=True)
    interview_id: Mapped[int] = mapped_column(Integer, ForeignKey("interviews.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    used_by: Mapped[int | None] = mapped_column(BigInteger)
