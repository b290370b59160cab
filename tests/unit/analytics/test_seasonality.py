"""Seasonality coefficients and the three-month plan (the seed's method) on hand-checked series."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest

from services.analytics.engine import seasonality
from services.analytics.engine.columns import match_columns
from services.analytics.engine.errors import NotEnoughData

from .helpers import table_of

MONTHS_RU = [
    "Январь",
    "Февраль",
    "Март",
    "Апрель",
    "Май",
    "Июнь",
    "Июль",
    "Август",
    "Сентябрь",
    "Октябрь",
    "Ноябрь",
    "Декабрь",
]


def run(rows):
    table = table_of(rows)
    return seasonality.compute(table, match_columns(table, "seasonality").mapping)


def two_years():
    # 2022: 100 a month, December 200; 2023: 50 % more.
    rows = [["Месяц", "Выручка"]]
    for year, base in ((2022, 100), (2023, 150)):
        for month in range(1, 13):
            rows.append([f"{MONTHS_RU[month - 1]} {year}", str(base * (2 if month == 12 else 1))])
    return rows


def test_coefficient_is_the_months_average_over_the_years_divided_by_the_average_month():
    result = run(two_years())
    assert len(result.months) == 24 and not result.dropped_months
    assert result.average_month == pytest.approx(1625 / 12)
    coefficients = {c.month: c.coefficient for c in result.coefficients}
    assert coefficients[1] == pytest.approx(125 / (1625 / 12))
    assert coefficients[12] == pytest.approx(250 / (1625 / 12))
    assert sum(coefficients.values()) == pytest.approx(12)
    assert result.peak.name == "декабрь"
    assert all(c.years == 2 for c in result.coefficients)


def test_plan_is_the_last_three_months_actual_freed_of_seasonality_times_the_coming_coefficients():
    result = run(two_years())
    assert [m.total for m in result.last_three] == [150, 150, 300]
    assert result.level == pytest.approx(600 / (2 * 125 / (1625 / 12) + 250 / (1625 / 12)))
    assert [(p.month, round(p.plan, 6)) for p in result.plan] == [
        (date(2024, 1, 1), 150.0),
        (date(2024, 2, 1), 150.0),
        (date(2024, 3, 1), 150.0),
    ]


def test_daily_sales_drop_incomplete_months_at_the_edges():
    start, end = date(2022, 1, 15), date(2023, 2, 5)
    rows = [["Дата", "Сумма"]]
    day = start
    while day <= end:
        rows.append([day.strftime("%d.%m.%Y"), "10"])
        day += timedelta(days=1)
    result = run(rows)
    assert result.dropped_months == [date(2022, 1, 1), date(2023, 2, 1)]
    assert next(m.month for m in result.months) == date(2022, 2, 1)
    assert len(result.months) == 12
    february = next(c for c in result.coefficients if c.month == 2)
    average_days = sum(calendar.monthrange(2022, m)[1] for m in range(2, 13)) + 31
    assert february.coefficient == pytest.approx(28 / (average_days / 12))


def test_months_without_sales_count_as_zero():
    rows = [["Дата", "Сумма"]] + [[f"01.{m:02d}.2022", "100"] for m in range(1, 13) if m != 7]
    result = run(rows)
    july = next(c for c in result.coefficients if c.month == 7)
    assert july.coefficient == 0
    assert next(m for m in result.months if m.month == date(2022, 7, 1)).total == 0


def test_less_than_twelve_months_is_refused_with_an_explanation():
    rows = [["Месяц", "Выручка"]] + [[f"{MONTHS_RU[m]} 2023", "100"] for m in range(8)]
    with pytest.raises(NotEnoughData) as error:
        run(rows)
    assert "12 полных месяцев" in error.value.user_message
    assert "8 месяцев" in error.value.user_message


def test_unreadable_rows_are_counted():
    rows = [*two_years(), ["когда-то", "100"], ["Январь 2023", "много"]]
    result = run(rows)
    assert result.skipped == {"bad_date": 1, "bad_amount": 1}
