"""Drill times: the next slot in the user's zone, chosen days, quiet hours, typed times."""

from __future__ import annotations

from datetime import UTC, date, datetime

from services.attestation.drill.engine.calendar import (
    EVERY_DAY,
    WEEKDAYS,
    DrillTime,
    allowed_minute,
    in_quiet_hours,
    local_day,
    next_slot,
    parse_time,
    slot_on,
    toggle_day,
    utc_offset,
    week_start,
    zone_info,
)

MOSCOW = DrillTime(9 * 60 + 30, WEEKDAYS, "Europe/Moscow")


def test_next_slot_skips_the_weekend_and_is_strictly_after() -> None:
    friday_morning = datetime(2026, 3, 6, 6, 0, tzinfo=UTC)  # 09:00 in Moscow
    assert next_slot(friday_morning, MOSCOW) == datetime(2026, 3, 6, 6, 30, tzinfo=UTC)
    assert next_slot(datetime(2026, 3, 6, 6, 30, tzinfo=UTC), MOSCOW) == datetime(2026, 3, 9, 6, 30, tzinfo=UTC)
    assert next_slot(friday_morning, DrillTime(570, 0, "Europe/Moscow")) is None


def test_slot_is_local_time_in_the_users_zone() -> None:
    yekaterinburg = DrillTime(19 * 60, EVERY_DAY, "Asia/Yekaterinburg")
    assert slot_on(date(2026, 3, 2), yekaterinburg) == datetime(2026, 3, 2, 14, 0, tzinfo=UTC)
    # Past midnight UTC it is already the next day in Vladivostok.
    assert local_day(datetime(2026, 3, 2, 20, 0, tzinfo=UTC), zone_info("Asia/Vladivostok")) == date(2026, 3, 3)
    # A zone with daylight saving keeps the local time across the change.
    berlin = DrillTime(9 * 60, EVERY_DAY, "Europe/Berlin")
    assert slot_on(date(2026, 3, 28), berlin).hour == 8 and slot_on(date(2026, 3, 30), berlin).hour == 7
    assert utc_offset("Asia/Yekaterinburg", datetime(2026, 3, 2, tzinfo=UTC)) == "UTC+5"
    assert utc_offset("Asia/Kolkata", datetime(2026, 3, 2, tzinfo=UTC)) == "UTC+5:30"


def test_quiet_hours_and_allowed_times() -> None:
    moscow = zone_info("Europe/Moscow")
    assert in_quiet_hours(datetime(2026, 3, 2, 18, 0, tzinfo=UTC), moscow)  # 21:00
    assert in_quiet_hours(datetime(2026, 3, 2, 4, 59, tzinfo=UTC), moscow)  # 07:59
    assert not in_quiet_hours(datetime(2026, 3, 2, 5, 0, tzinfo=UTC), moscow)  # 08:00
    assert not in_quiet_hours(datetime(2026, 3, 2, 17, 59, tzinfo=UTC), moscow)  # 20:59
    assert allowed_minute(8 * 60) and allowed_minute(20 * 60 + 59)
    assert not allowed_minute(21 * 60) and not allowed_minute(7 * 60 + 59)


def test_typed_times_and_days() -> None:
    assert parse_time("9:30") == 570 and parse_time(" 09.30 ") == 570 and parse_time("19 00") == 1140
    assert parse_time("25:00") is None and parse_time("9") is None and parse_time(None) is None
    assert toggle_day(WEEKDAYS, 5) == WEEKDAYS | 32 and toggle_day(WEEKDAYS, 0) == WEEKDAYS - 1
    assert week_start(date(2026, 3, 5)) == date(2026, 3, 2)
