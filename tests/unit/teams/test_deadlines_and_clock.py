"""Deadlines (quick choices, typed dates) and the injectable clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from services.clock import Clock, parse_clock_file
from services.teams.engine.deadlines import DeadlineError, format_date, parse_deadline, quick_deadline

MSK = ZoneInfo("Europe/Moscow")
# 22:30 UTC on 10 March is already 11 March in Moscow (UTC+3): «today» is the local day.
LATE_EVENING = datetime(2026, 3, 10, 22, 30, tzinfo=UTC)


def test_quick_choices_end_on_the_local_day() -> None:
    assert quick_deadline("d3", LATE_EVENING, MSK) == datetime(2026, 3, 14, 20, 59, 59, tzinfo=UTC)
    assert format_date(quick_deadline("d3", LATE_EVENING, MSK), MSK) == "14.03.2026"
    assert format_date(quick_deadline("w1", LATE_EVENING, MSK), MSK) == "18.03.2026"
    assert format_date(quick_deadline("w2", LATE_EVENING, MSK), MSK) == "25.03.2026"


def test_typed_date_is_the_end_of_that_day_in_the_bot_time_zone() -> None:
    assert parse_deadline("20.03.2026", LATE_EVENING, MSK) == datetime(2026, 3, 20, 20, 59, 59, tzinfo=UTC)
    assert parse_deadline(" 5/4/2026 ", LATE_EVENING, MSK) == datetime(2026, 4, 5, 20, 59, 59, tzinfo=UTC)
    today = parse_deadline("11.03.2026", LATE_EVENING, MSK)
    assert not isinstance(today, DeadlineError) and today > LATE_EVENING


def test_typed_date_mistakes_are_explained() -> None:
    assert "Не понял дату" in parse_deadline("завтра", LATE_EVENING, MSK).text  # type: ignore[union-attr]
    assert "Не понял дату" in parse_deadline("31.02.2026", LATE_EVENING, MSK).text  # type: ignore[union-attr]
    assert "уже прошла" in parse_deadline("10.03.2026", LATE_EVENING, MSK).text  # type: ignore[union-attr]
    assert "через год" in parse_deadline("13.03.2027", LATE_EVENING, MSK).text  # type: ignore[union-attr]


@given(st.integers(min_value=0, max_value=366))
def test_any_day_within_a_year_round_trips(days: int) -> None:
    day = date(2026, 3, 11) + timedelta(days=days)
    parsed = parse_deadline(day.strftime("%d.%m.%Y"), LATE_EVENING, MSK)
    assert not isinstance(parsed, DeadlineError)
    assert format_date(parsed, MSK) == day.strftime("%d.%m.%Y")


def test_clock_file_holds_an_offset_or_a_moment(tmp_path: Path) -> None:
    real = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
    assert parse_clock_file("", real) == real
    assert parse_clock_file("86400", real) == real + timedelta(days=1)
    assert parse_clock_file("-90.5", real) == real - timedelta(seconds=90.5)
    assert parse_clock_file("2026-04-01T09:00:00+03:00", real) == datetime(2026, 4, 1, 6, 0, tzinfo=UTC)
    assert parse_clock_file("2026-04-01T09:00:00", real) == datetime(2026, 4, 1, 9, 0, tzinfo=UTC)
    # An ISO moment runs on from when the file was written: ten real minutes later it is 09:10.
    assert parse_clock_file("2026-04-01T09:00:00+00:00", real, written_at=real - timedelta(minutes=10)) \
        == datetime(2026, 4, 1, 9, 10, tzinfo=UTC)

    path = tmp_path / "clock"
    clock = Clock(path, real_now=lambda: real)
    assert clock.now() == real  # no file yet
    path.write_text("3600")
    assert clock.now() == real + timedelta(hours=1)  # read on every call: a running bot follows the file
    path.write_text("2030-01-01T00:00:00+00:00")
    assert clock.now().year == 2030
    path.write_text("not a time")
    assert clock.now() == real
    assert Clock(None, real_now=lambda: real).now() == real
