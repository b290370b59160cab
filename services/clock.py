"""What time it is for deadlines and reminders: the real UTC time, shiftable in tests.

Production leaves CLOCK_OFFSET_FILE unset and gets `datetime.now(UTC)`. End-to-end tests point it at a file
they rewrite while the bot runs: its content is either an offset in seconds («345600» moves time four days
ahead) or an ISO datetime («2026-03-12T09:00:00+03:00» — the clock jumps to that moment when the file is
written and runs on from there). The file is read on every call, so a test moves the clock of a running bot
process without restarting it. Only the teams' clock moves: attempts keep their real timestamps.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

logger = logging.getLogger(__name__)


def as_utc(moment: datetime) -> datetime:
    """SQLite hands datetimes back without a zone; the bot stores UTC, so naive means UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def parse_clock_file(content: str, real_now: datetime, written_at: datetime | None = None) -> datetime:
    """The moment a clock file describes: real time plus an offset, or an ISO moment that has been running
    since the file was written (`written_at`; without it the moment is taken as is)."""
    content = content.strip()
    if not content:
        return real_now
    try:
        return real_now + timedelta(seconds=float(content))
    except ValueError:
        pass
    moment = as_utc(datetime.fromisoformat(content))
    if written_at is not None:
        moment += max(real_now - written_at, timedelta(0))
    return moment


class Clock:
    """`now()` is timezone-aware UTC. Without an offset file it is simply the system time."""

    def __init__(self, offset_file: Path | None = None,
                 real_now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.offset_file = offset_file
        self._real_now = real_now

    def now(self) -> datetime:
        real = self._real_now()
        if self.offset_file is None:
            return real
        try:
            content = self.offset_file.read_text(encoding="utf-8")
            written_at = datetime.fromtimestamp(self.offset_file.stat().st_mtime, UTC)
        except FileNotFoundError:
            return real
        try:
            return parse_clock_file(content, real, written_at)
        except ValueError:
            # A test writing the file mid-read sees half a value; the next call reads it whole.
            logger.warning("CLOCK_OFFSET_FILE %s holds no offset or ISO datetime: %r", self.offset_file, content)
            return real
