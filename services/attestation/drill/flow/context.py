"""What every drill use case works with: the repositories, the question bank, the clock and the bot's zone;
and the conversions between stored rows and the engine's values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from db.models import DrillCard, DrillRun, DrillSettings
from db.repositories.drill import DrillRepository
from db.repositories.teams import TeamRepository
from services.attestation.drill.engine.calendar import (
    DEFAULT_MINUTE,
    DEFAULT_PER_DAY,
    WEEKDAYS,
    DrillTime,
    local_day,
    zone_info,
)
from services.attestation.drill.engine.memory import CardState
from services.attestation.drill.engine.streaks import DayFact, streak
from services.attestation.engine.content import QuestionBank
from services.clock import Clock, as_utc


@dataclass
class DrillContext:
    drills: DrillRepository
    teams: TeamRepository
    bank: QuestionBank
    clock: Clock
    tz: ZoneInfo  # the bot's TIMEZONE: the zone of a user who has not picked one

    @classmethod
    def for_session(cls, session: AsyncSession, bank: QuestionBank, clock: Clock, tz: ZoneInfo) -> DrillContext:
        return cls(DrillRepository(session), TeamRepository(session), bank, clock, tz)

    def now(self) -> datetime:
        return self.clock.now()

    @property
    def default_zone(self) -> str:
        return self.tz.key

    def zone_of(self, settings: DrillSettings | None) -> str:
        return settings.zone if settings is not None and settings.zone else self.default_zone

    def time_of(self, settings: DrillSettings) -> DrillTime:
        return DrillTime(settings.minute, settings.days, self.zone_of(settings))

    def today(self, settings: DrillSettings | None) -> date:
        return local_day(self.now(), zone_info(self.zone_of(settings)))

    async def streak(self, user_id: int) -> int:
        return streak(DayFact(run.day, run.status) for run in await self.drills.runs_of(user_id))


def default_values(now: datetime) -> dict[str, Any]:
    """A new settings row: off, weekdays at 09:30, three questions, no zone picked yet."""
    return {"enabled": False, "minute": DEFAULT_MINUTE, "days": WEEKDAYS, "zone": None,
            "per_day": DEFAULT_PER_DAY, "leaderboard": False, "next_at": None, "updated_at": now}


def card_state(row: DrillCard) -> CardState:
    return CardState(row.question_id, row.topic_id, row.state, row.step, row.stability, row.difficulty,
                     as_utc(row.due), as_utc(row.last_review), row.interval_days, row.reps, row.lapses)


def card_values(card: CardState) -> dict[str, Any]:
    return {"question_id": card.question_id, "topic_id": card.topic_id, "state": card.state, "step": card.step,
            "stability": card.stability, "difficulty": card.difficulty, "due": card.due,
            "last_review": card.last_review, "interval_days": card.interval_days, "reps": card.reps,
            "lapses": card.lapses}


def shown_questions(run: DrillRun) -> list[str]:
    """The questions of a drill the user has seen: up to the one shown now (none if it never went out)."""
    if run.sent_at is None and run.status not in ("open", "done", "missed"):
        return []
    return list(run.questions or [])[: run.position + 1]
