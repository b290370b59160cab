"""Files sent for analysis, kept for a day, and every analysis the chat started.

`analysis_files` keeps a file (zlib-compressed, up to a bounded size) so the report's buttons can run another
analysis of it without asking for it again; a periodic cleanup deletes it after a day. `analyses` records each
analysis as it starts (who, which chat, which kept file, what was asked) and when it ends, so an analysis the
process died in the middle of is found at the next start-up and its user told once (`notified_at`).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, DateTime, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base


class AnalysisFile(Base):
    __tablename__ = "analysis_files"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(256))
    telegram_file_id: Mapped[str] = mapped_column(String(256))
    size: Mapped[int] = mapped_column(Integer)  # bytes as sent; `data` holds them compressed
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class Analysis(Base):
    __tablename__ = "analyses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    file_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("analysis_files.id", ondelete="SET NULL"),
                                                index=True)
    file_name: Mapped[str] = mapped_column(String(256))
    request: Mapped[dict] = mapped_column(JSON)  # services.analytics.session.RequestState: kind and options
    owner: Mapped[str] = mapped_column(String(128))  # the process that runs it
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    heartbeat_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))  # renewed while it runs
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    # report | question | error | failed (an exception) | interrupted (found dead) | rerun (run again by a tap)
    outcome: Mapped[str | None] = mapped_column(String(16))
    notified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
