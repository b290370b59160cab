"""The daily drill: each user's settings, the FSRS state per (user, question), every answer, and each day's drill.

All datetimes are UTC; `drill_runs.day` is the user's local date (one drill a day at most: a unique key).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base


class DrillSettings(Base):
    """One row per user who ever opened the drill. `next_at` is the next drill moment while it is on."""

    __tablename__ = "drill_settings"

    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True,
                                         autoincrement=False)
    enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    minute: Mapped[int] = mapped_column(Integer)  # local minutes after midnight
    days: Mapped[int] = mapped_column(Integer)  # bit mask, Monday = bit 0
    zone: Mapped[str | None] = mapped_column(String(64))  # IANA; None until the user picked one
    per_day: Mapped[int] = mapped_column(Integer)
    leaderboard: Mapped[bool] = mapped_column(Boolean, default=False)  # shows his streak to his teams
    next_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class DrillCard(Base):
    """FSRS state of one question for one user (py-fsrs Card fields, plus counters)."""

    __tablename__ = "drill_cards"
    __table_args__ = (UniqueConstraint("user_id", "question_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"))
    question_id: Mapped[str] = mapped_column(String(64))
    topic_id: Mapped[str] = mapped_column(String(64))
    state: Mapped[int] = mapped_column(SmallInteger)  # fsrs.State
    step: Mapped[int | None] = mapped_column(Integer)
    stability: Mapped[float] = mapped_column(Float)
    difficulty: Mapped[float] = mapped_column(Float)
    due: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_review: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    interval_days: Mapped[int] = mapped_column(Integer)
    reps: Mapped[int] = mapped_column(Integer, default=0)
    lapses: Mapped[int] = mapped_column(Integer, default=0)


class DrillRun(Base):
    """One day's drill of one user: which questions, how far he got, and how its delivery went.

    pending → claimed (`claimed_by`, lease from `claimed_at`) → sending → open → done | missed; or skipped,
    blocked, failed (services/attestation/drill/engine/status.py)."""

    __tablename__ = "drill_runs"
    __table_args__ = (UniqueConstraint("user_id", "day"), Index("ix_drill_runs_status_due_at", "status", "due_at"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    questions: Mapped[list] = mapped_column(JSON, default=list)  # question ids, in the order asked
    seed: Mapped[int] = mapped_column(Integer, default=0)  # shuffles options (engine.make_instance)
    position: Mapped[int] = mapped_column(Integer, default=0)  # the question shown now
    answered: Mapped[int] = mapped_column(Integer, default=0)
    correct: Mapped[int] = mapped_column(Integer, default=0)
    draft: Mapped[list | None] = mapped_column(JSON)  # choices picked so far (multiple, ordering, matching)
    note: Mapped[str | None] = mapped_column(String(512))  # the weekly note shown above the first question
    shown_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # the current question's
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    tries: Mapped[int] = mapped_column(Integer, default=0)
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(String(256))


class DrillReview(Base):
    """Every drill answer, so FSRS states can be recomputed and its parameters optimised later.

    `reviewed_at` is the moment given to FSRS (the drill's slot), `answered_at` the real tap. One row per drill
    question: a double tap or a re-delivered update is counted once."""

    __tablename__ = "drill_reviews"
    __table_args__ = (UniqueConstraint("run_id", "position"), Index("ix_drill_reviews_user_id_answered_at",
                                                                    "user_id", "answered_at"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"))
    run_id: Mapped[int] = mapped_column(Integer, ForeignKey("drill_runs.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    question_id: Mapped[str] = mapped_column(String(64))
    topic_id: Mapped[str] = mapped_column(String(64))
    correct: Mapped[bool] = mapped_column(Boolean)
    rating: Mapped[int] = mapped_column(SmallInteger)  # fsrs.Rating: 1 again, 2 hard, 3 good, 4 easy
    elapsed_days: Mapped[int | None] = mapped_column(Integer)  # since the previous review; None the first time
    interval_days: Mapped[int] = mapped_column(Integer)  # scheduled by this review
    duration_ms: Mapped[int | None] = mapped_column(Integer)
    reviewed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    answered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
