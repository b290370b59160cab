"""When a drill comes: the user's time of day, days of the week and time zone; quiet hours; typed times.

Times are minutes after local midnight; days are a bit mask, Monday = bit 0. A drill slot is the UTC moment of
that local time on a chosen day. Nothing is ever sent in the quiet hours (21:00–08:00 local), so the times a
user may choose end before 21:00.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from services.clock import as_utc

QUIET_FROM = time(21, 0)
QUIET_UNTIL = time(8, 0)
WEEKDAYS = 0b0011111
EVERY_DAY = 0b1111111
DEFAULT_MINUTE = 9 * 60 + 30
DEFAULT_PER_DAY = 3
PER_DAY_RANGE = (1, 10)
# The quick choices of the time screen (any other time between 08:00 and 20:59 can be typed).
TIME_CHOICES = tuple(h * 60 + m for h, m in ((8, 0), (8, 30), (9, 0), (9, 30), (10, 0), (11, 0), (12, 0), (13, 0),
                                             (14, 0), (17, 0), (18, 0), (19, 0), (20, 0)))
_TYPED_TIME = re.compile(r"^\s*(\d{1,2})\s*[:.\- ]\s*(\d{2})\s*$")


@dataclass(frozen=True)
class DrillTime:
    minute: int  # local minutes after midnight
    days: int  # bit mask, Monday = bit 0
    zone: str  # IANA name

    @property
    def tz(self) -> ZoneInfo:
        return zone_info(self.zone)


def zone_info(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def is_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def local_day(moment: datetime, tz: ZoneInfo) -> date:
    return as_utc(moment).astimezone(tz).date()


def slot_on(day: date, when: DrillTime) -> datetime:
    """The UTC moment of the drill time on a local day."""
    local = datetime.combine(day, time(when.minute // 60, when.minute % 60), tzinfo=when.tz)
    return local.astimezone(UTC)


def is_drill_day(day: date, days: int) -> bool:
    return bool(days & (1 << day.weekday()))


def next_slot(after: datetime, when: DrillTime) -> datetime | None:
    """The first drill moment strictly after `after` (UTC); None when no day is chosen."""
    if not when.days & EVERY_DAY:
        return None
    start = local_day(after, when.tz)
    for offset in range(8):
        day = start + timedelta(days=offset)
        if not is_drill_day(day, when.days):
            continue
        moment = slot_on(day, when)
        if moment > as_utc(after):
            return moment
    return None


def latest_slot(at: datetime, when: DrillTime) -> datetime | None:
    """The last drill moment at or before `at` (UTC) within a week; None when no day is chosen."""
    start = local_day(at, when.tz)
    for offset in range(8):
        day = start - timedelta(days=offset)
        if is_drill_day(day, when.days):
            moment = slot_on(day, when)
            if moment <= as_utc(at):
                return moment
    return None


def in_quiet_hours(moment: datetime, tz: ZoneInfo) -> bool:
    local = as_utc(moment).astimezone(tz).time()
    return local >= QUIET_FROM or local < QUIET_UNTIL


def allowed_minute(minute: int) -> bool:
    """A drill time outside the quiet hours."""
    return QUIET_UNTIL.hour * 60 <= minute < QUIET_FROM.hour * 60


def parse_time(text: str | None) -> int | None:
    """«9:30», «09.30», «19 00» → minutes after midnight; None when it is not a time of day."""
    match = _TYPED_TIME.match(text or "")
    if not match:
        return None
    hours, minutes = int(match.group(1)), int(match.group(2))
    if hours > 23 or minutes > 59:
        return None
    return hours * 60 + minutes


def format_minute(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def toggle_day(days: int, weekday: int) -> int:
    return days ^ (1 << weekday)


def chosen_weekdays(days: int) -> list[int]:
    return [d for d in range(7) if days & (1 << d)]


def utc_offset(zone: str, at: datetime) -> str:
    """«UTC+3», «UTC+5:30» for a zone at a moment."""
    offset = as_utc(at).astimezone(zone_info(zone)).utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())
