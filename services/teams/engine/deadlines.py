"""Deadlines: a quick choice (3 days, a week, two weeks) or a typed date дд.мм.гггг.

A deadline is a whole day in the bot's time zone: work is due by the end of that day (23:59:59 local),
stored as the matching UTC moment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from services.clock import as_utc
from services.texts import t

QUICK_CHOICES: dict[str, int] = {"d3": 3, "w1": 7, "w2": 14}  # choice -> days from today
QUICK_LABEL_KEYS = {"d3": "team-deadline-days", "w1": "team-deadline-week", "w2": "team-deadline-two-weeks"}
MAX_DAYS_AHEAD = 366
_TYPED_RE = re.compile(r"^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})\s*$")


@dataclass(frozen=True)
class DeadlineError:
    text: str


def end_of_day(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time(23, 59, 59), tzinfo=tz).astimezone(UTC)


def local_date(moment: datetime, tz: ZoneInfo) -> date:
    return as_utc(moment).astimezone(tz).date()


def format_date(moment: datetime, tz: ZoneInfo) -> str:
    return local_date(moment, tz).strftime("%d.%m.%Y")


def example_date(now: datetime, tz: ZoneInfo) -> str:
    return (local_date(now, tz) + timedelta(days=10)).strftime("%d.%m.%Y")


def quick_label(choice: str) -> str:
    """The button of a quick choice: «3 дня», «Неделя»…"""
    return t(QUICK_LABEL_KEYS[choice], days=QUICK_CHOICES[choice])


def quick_deadline(choice: str, now: datetime, tz: ZoneInfo) -> datetime:
    return end_of_day(local_date(now, tz) + timedelta(days=QUICK_CHOICES[choice]), tz)


def parse_deadline(text: str | None, now: datetime, tz: ZoneInfo) -> datetime | DeadlineError:
    """The end of the typed day in UTC, or why the text is not a usable deadline (for the user)."""
    match = _TYPED_RE.match(text or "")
    example = example_date(now, tz)
    if match is None:
        return DeadlineError(t("team-deadline-format", example=example))
    day_, month, year = (int(part) for part in match.groups())
    try:
        day = date(year, month, day_)
    except ValueError:
        return DeadlineError(t("team-deadline-format", example=example))
    today = local_date(now, tz)
    if day < today:
        return DeadlineError(t("team-deadline-past"))
    if day > today + timedelta(days=MAX_DAYS_AHEAD):
        return DeadlineError(t("team-deadline-too-far"))
    return end_of_day(day, tz)
