"""The dialogue simulator: one row per play of a scenario (a run), from the first step to the end screen.

`state` is the engine's State (services.attestation.simulator.engine.engine.State.to_dict): the scenario, the
node, the seed of the option order and every choice so far, so a run survives a restart. `decisions` counts the
replies given: a reply is taken only while it still equals the step number the button carries (once-only).
A run is `open` while it is played (at most one per user, `paused` after /menu or /cancel), then `finished`
(the ending, the score and the score per skill are written with it) or `abandoned` (another run was started).
All datetimes are UTC.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, Boolean, DateTime, ForeignKey, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base

OPEN, FINISHED, ABANDONED = "open", "finished", "abandoned"


class SimRun(Base):
    __tablename__ = "sim_runs"
    __table_args__ = (
        Index("ix_sim_runs_user_scenario", "user_id", "scenario_id"),
        # One open run per user: a second start in a race fails instead of leaving two live dialogues.
        Index("uq_sim_runs_open_user", "user_id", unique=True, sqlite_where=text("status = 'open'"),
              postgresql_where=text("status = 'open'")),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"))
    scenario_id: Mapped[str] = mapped_column(String(32))
    seed: Mapped[int] = mapped_column(BigInteger)
    state: Mapped[dict] = mapped_column(JSON)
    decisions: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16), default=OPEN)  # open | finished | abandoned
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    chat_id: Mapped[int | None] = mapped_column(BigInteger)
    message_id: Mapped[int | None] = mapped_column(BigInteger)  # the live step message (its buttons answer)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    ending_id: Mapped[str | None] = mapped_column(String(32))
    ending_kind: Mapped[str | None] = mapped_column(String(16))  # advanced | postponed | lost
    earned: Mapped[int | None] = mapped_column(Integer)
    possible: Mapped[int | None] = mapped_column(Integer)
    skills: Mapped[dict | None] = mapped_column(JSON)  # {skill: [earned, possible]}
