"""Seasonality (the seed's method) from sales by date, by month, by year and month, or a table with months as
columns (`season_shapes.py` reads them all), at least 12 months.

- seasonality coefficient of a calendar month = that month's average over the years ÷ the average month
  (the mean of the twelve monthly averages, so the coefficients average 1);
- plan for the coming three months: the last three months' actual, freed of their seasonality
  (Σ actual ÷ Σ coefficients = the level of an average month), times each coming month's coefficient.
The seed averages over two or three years: with less than two years (24 months) the file shows one year's profile —
each month's share of the last twelve months, the peak and the trough — and says how much more data coefficients
need; there is no plan then. A month at the edge of a daily file with more than a week of days missing is
incomplete and left out, so a file that ends on the 5th does not look like a collapse of sales.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from services.texts import t

from . import fmt
from .errors import NotEnoughData
from .reader import LoadedTable
from .season_shapes import Monthly, WideLayout, read_monthly

MIN_MONTHS = 12
PLAN_MONTHS = 3
YEARS_FOR_COEFFICIENTS = 2  # the seed: a month's average over 2–3 years


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


@dataclass(frozen=True)
class MonthShare:
    month: int  # 1..12
    name: str
    total: float
    share: float  # percent of the year


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
    shape: str = "dates"  # see season_shapes.Monthly
    undated: bool = False  # the file does not say the year: months are shown without one
    columns: list[str] = field(default_factory=list)  # where the months came from (year / month columns)
    left_out: list[str] = field(default_factory=list)  # total columns and rows left out
    profile: list[MonthShare] = field(default_factory=list)  # January..December of the last twelve months

    @property
    def enough_years(self) -> bool:
        """Coefficients and a plan need every calendar month in at least two years."""
        return len(self.months) >= YEARS_FOR_COEFFICIENTS * 12

    @property
    def months_needed(self) -> int:
        return YEARS_FOR_COEFFICIENTS * 12

    @property
    def profile_peak(self) -> MonthShare:
        return max(self.profile, key=lambda m: m.share)

    @property
    def profile_low(self) -> MonthShare:
        return min(self.profile, key=lambda m: m.share)

    @property
    def profile_span(self) -> tuple[date, date]:
        return self.months[-12].month, self.months[-1].month

    @property
    def peak(self) -> MonthCoefficient:
        return max(self.coefficients, key=lambda c: c.coefficient)

    @property
    def low(self) -> MonthCoefficient:
        return min(self.coefficients, key=lambda c: c.coefficient)

    @property
    def years_covered(self) -> float:
        return len(self.months) / 12


def compute(table: LoadedTable, mapping: dict[str, str], *, layout: WideLayout | None = None) -> SeasonalityResult:
    """`layout`: a table with months as columns (`season_shapes.wide_layout`); otherwise `mapping` names the date
    column, or the year and month columns, and the amount (or quantity and price)."""
    sales = read_monthly(table, mapping, layout)
    if len(sales.totals) < MIN_MONTHS:
        raise NotEnoughData(t("analytics-season-too-short", min_months=MIN_MONTHS, months=len(sales.totals)))
    labels, totals = sales.months, sales.totals
    coefficients, average_month = _coefficients(labels, totals)
    by_month = {c.month: c.coefficient for c in coefficients}
    last_three = [MonthTotal(m, float(t)) for m, t in zip(labels[-PLAN_MONTHS:], totals[-PLAN_MONTHS:], strict=True)]
    coefficient_sum = sum(by_month[m.month.month] for m in last_three)
    level = sum(m.total for m in last_three) / coefficient_sum if coefficient_sum else 0.0
    plan = []
    enough = len(labels) >= YEARS_FOR_COEFFICIENTS * 12
    for step in range(1, PLAN_MONTHS + 1) if enough else ():
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
        dropped_months=sales.dropped,
        rows_total=sales.rows_total,
        rows_used=sales.rows_used,
        skipped=sales.skipped,
        mapping=dict(mapping),
        shape=sales.shape,
        undated=sales.undated,
        columns=sales.columns,
        left_out=sales.left_out,
        profile=[] if enough else _profile(sales),
    )


def _profile(sales: Monthly) -> list[MonthShare]:
    """Each calendar month's share of the last twelve months: what one year shows."""
    year = dict(zip((m.month for m in sales.months[-12:]), sales.totals[-12:], strict=True))
    whole = float(sum(year.values()))
    return [
        MonthShare(month=m, name=fmt.month_name(m), total=float(year[m]),
                   share=100.0 * float(year[m]) / whole if whole else 0.0)
        for m in range(1, 13)
    ]


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


def _add_months(month: date, step: int) -> date:
    index = month.year * 12 + month.month - 1 + step
    return date(index // 12, index % 12 + 1, 1)


def _to_date(value: np.datetime64) -> date:
    return pd.Timestamp(value).date()
