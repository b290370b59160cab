"""What rendering a claimed batch of drills needs to know, read for the whole batch in a few queries (one per
kind of fact, not per drill): the users, their settings and cards, the drills around each day (yesterday's
questions, whether the week's first drill went out), their record per topic, their open assignments, and last
week's answers for the weekly note."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from db.models import DrillCard, DrillRun, DrillSettings, User
from db.repositories.drill import DrillRepository
from services.attestation.drill.engine.calendar import week_start
from services.attestation.drill.engine.status import DELIVERED
from services.clock import as_utc


@dataclass(frozen=True)
class BatchFacts:
    users: dict[int, User]
    settings: dict[int, DrillSettings]
    cards: dict[int, list[DrillCard]]
    nearby: dict[int, list[DrillRun]]  # each user's drills from the week before his day up to it
    tallies: dict[int, dict[str, tuple[int, int]]]
    assigned: dict[int, list[str]]
    answers: dict[int, list[tuple[datetime, str, bool]]]  # drill answers since a week before the earliest week

    def yesterday(self, run: DrillRun) -> DrillRun | None:
        return next((r for r in self.nearby.get(run.user_id, ()) if r.day == run.day - timedelta(days=1)), None)

    def first_of_week(self, run: DrillRun) -> bool:
        """No drill of this user went out earlier in the week of `run`."""
        start = week_start(run.day)
        return not any(start <= r.day < run.day and r.status in DELIVERED for r in self.nearby.get(run.user_id, ()))

    def last_week(self, run: DrillRun, tz: ZoneInfo) -> list[tuple[str, bool]]:
        """(topic_id, correct) of the user's drill answers in the week before the week of `run`."""
        start = week_start(run.day)
        begin, end = midnight(start - timedelta(days=7), tz), midnight(start, tz)
        return [(topic, right) for at, topic, right in self.answers.get(run.user_id, ())
                if begin <= as_utc(at) < end]


def midnight(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=tz).astimezone(UTC)


async def load_batch(drills: DrillRepository, runs: Sequence[DrillRun], now: datetime) -> BatchFacts:
    ids = sorted({run.user_id for run in runs})
    if not runs:
        return BatchFacts({}, {}, {}, {}, {}, {}, {})
    first = min(run.day for run in runs)
    last = max(run.day for run in runs)
    earliest_week = week_start(first) - timedelta(days=7)
    nearby: dict[int, list[DrillRun]] = {uid: [] for uid in ids}
    for row in await drills.runs_between(ids, earliest_week, last):
        nearby[row.user_id].append(row)
    # Zones reach UTC±14 h: a day's margin on each side keeps every user's local week inside the window.
    window_start = midnight(earliest_week - timedelta(days=1), ZoneInfo("UTC"))
    window_end = midnight(last + timedelta(days=2), ZoneInfo("UTC"))
    return BatchFacts(
        users=await drills.users_of(ids),
        settings=await drills.settings_of(ids),
        cards=await drills.cards_by_user(ids),
        nearby=nearby,
        tallies=await drills.topic_tallies(ids),
        assigned=await drills.open_topic_assignments(ids, now),
        answers=await drills.answers_between(ids, window_start, window_end),
    )
