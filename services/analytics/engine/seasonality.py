"""Seasonality (the seed's method) from sales by date or by month, at least 12 months.

- seasonality coefficient of a calendar month = that month's average over the years ÷ the average month
  (the mean of the twelve monthly averages, so the coefficients average 1);
- plan for the coming three months: the last three months' actual, freed of their seasonality
  (Σ actual ÷ Σ coefficients = the level of an average month), times each coming month's coefficient.
A month at the edge of the file with more than a week of days missing is incomplete and left out, so a
file that ends on the 5th does not look like a collapse of sales.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from services.texts import t

from . import fmt, skips
from .errors import ColumnsNotFound, NotEnoughData
from .reader import LoadedTable
from .values import month_only, parse_numbers, read_dates

MIN_MONTHS = 12
PLAN_MONTHS = 3
_EDGE_DAYS = 7


@dataclass(frozen=True)
class MonthTotal:
    month: date  # first day of the month
    total: float


@dataclass(frozen=True)
class MonthCoefficient:
    month: int  # 1..12
    name: str
    average: float  # the month's average over the years
    years: int  # how many years had this month
    coefficient: float


@dataclass(frozen=True)
class PlanMonth:
    month: date
    coefficient: float
    plan: float


@dataclass
class SeasonalityResult:
    source_name: str
    months: list[MonthTotal]  # complete months only, in order
    coefficients: list[MonthCoefficient]  # January..December
    average_month: float
    level: float  # an average month's sales at the current pace (from the last three months)
    last_three: list[MonthTotal]
    plan: list[PlanMonth]
    dropped_months: list[date]  # incomplete months at the edges, left out
    rows_total: int
    rows_used: int
    skipped: dict[str, int] = field(default_factory=dict)
    mapping: dict[str, str] = field(default_factory=dict)

    @property
    def peak(self) -> MonthCoefficient:
        return max(self.coefficients, key=lambda c: c.coefficient)

    @property
    def low(self) -> MonthCoefficient:
        return min(self.coefficients, key=lambda c: c.coefficient)

    @property
    def years_covered(self) -> float:
        return len(self.months) / 12


def compute(table: LoadedTable, mapping: dict[str, str]) -> SeasonalityResult:
    if "date" not in mapping or not ("amount" in mapping or {"quantity", "price"} <= set(mapping)):
        raise ColumnsNotFound(t("analytics-season-columns-needed"))
    df = table.df
    skipped: dict[str, int] = {}
    skips.add_read(skipped, table)
    read = read_dates(df[mapping["date"]])
    dates = read.values.astype("datetime64[D]")
    if "amount" in mapping:
        amounts = parse_numbers(df[mapping["amount"]])
    else:
        amounts = parse_numbers(df[mapping["quantity"]]) * parse_numbers(df[mapping["price"]])
    dated = skips.drop_dates(np.ones(len(df), dtype=bool), read, skipped)  # future, before 1990, unreadable
    bad_amount = dated & np.isnan(amounts)
    skips.add(skipped, "bad_amount", int(bad_amount.sum()))
    keep = dated & ~bad_amount
    if not keep.any():
        raise NotEnoughData(t("analytics-season-no-rows"))
    dates, amounts = dates[keep], amounts[keep]

    months = dates.astype("datetime64[M]")
    first, last = months.min(), months.max()
    span = int((last - first).astype(np.int64)) + 1
    totals = np.bincount((months - first).astype(np.int64), weights=amounts, minlength=span)
    labels = [_to_date(first + np.timedelta64(i, "M")) for i in range(span)]
    dropped: list[date] = []
    # A monthly table (month names, or every date on the 1st) has no partial months to trim.
    monthly = month_only(df[mapping["date"]]) or bool(np.all(dates == months.astype("datetime64[D]")))
    if not monthly:
        start, end = 0, span
        if _days_into(dates.min()) > _EDGE_DAYS:
            dropped.append(labels[0])
            start = 1
        if _days_left(dates.max()) > _EDGE_DAYS and end - start > 1:
            dropped.append(labels[-1])
            end -= 1
        totals, labels = totals[start:end], labels[start:end]
    if len(totals) < MIN_MONTHS:
        raise NotEnoughData(t("analytics-season-too-short", min_months=MIN_MONTHS, months=len(totals)))
    coefficients, average_month = _coefficients(labels, totals)
    by_month = {c.month: c.coefficient for c in coefficients}
    last_three = [MonthTotal(m, float(t)) for m, t in zip(labels[-PLAN_MONTHS:], totals[-PLAN_MONTHS:], strict=True)]
    coefficient_sum = sum(by_month[m.month.month] for m in last_three)
    level = sum(m.total for m in last_three) / coefficient_sum if coefficient_sum else 0.0
    plan = []
    for step in range(1, PLAN_MONTHS + 1):
        month = _add_months(labels[-1], step)
        plan.append(PlanMonth(month=month, coefficient=by_month[month.month], plan=level * by_month[month.month]))
    return SeasonalityResult(
        source_name=table.source_name,
        months=[MonthTotal(m, float(t)) for m, t in zip(labels, totals, strict=True)],
        coefficients=coefficients,
        average_month=average_month,
        level=level,
        last_three=last_three,
        plan=plan,
        dropped_months=dropped,
        rows_total=table.rows_total,
        rows_used=int(keep.sum()),
        skipped=skipped,
        mapping=dict(mapping),
    )


def _coefficients(labels: list[date], totals: np.ndarray) -> tuple[list[MonthCoefficient], float]:
    frame = pd.DataFrame({"month": [d.month for d in labels], "total": totals})
    grouped = frame.groupby("month")["total"].agg(["mean", "size"])
    average_month = float(grouped["mean"].mean())
    coefficients = [
        MonthCoefficient(
            month=m,
            name=fmt.month_name(m),
            average=float(grouped.loc[m, "mean"]),
            years=int(grouped.loc[m, "size"]),
            coefficient=float(grouped.loc[m, "mean"]) / average_month if average_month else 0.0,
        )
        for m in range(1, 13)
    ]
    return coefficients, average_month


def _days_into(day: np.datetime64) -> int:
    return int((day - day.astype("datetime64[M]").astype("datetime64[D]")).astype(np.int64))


def _days_left(day: np.datetime64) -> int:
    as_date = _to_date(day)
    return calendar.monthrange(as_date.year, as_date.month)[1] - as_date.day


def _add_months(month: date, step: int) -> date:
    index = month.year * 12 + month.month - 1 + step
    return date(index // 12, index % 12 + 1, 1)


def _to_date(value: np.datetime64) -> date:
    return pd.Timestamp(value).date()
