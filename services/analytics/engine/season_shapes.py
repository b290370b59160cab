"""Monthly sales out of the shapes files keep them in, for seasonality.

- `dates`: a date column — days (incomplete months at the edges are left out) or months («Январь 2023», 2023-01);
- `year_month`: a year column and a month column («Год» 2023, «Месяц» Январь / янв / 1);
- a wide table with months as columns, as people keep it in Excel (Январь…Декабрь, Jan…Dec, 01…12):
  - `wide_years`: rows are years (a «Год» column; several rows of one year — products — are added up);
  - `wide_dated`: the headers carry the year too («Янв 2023», 2023-01, an Excel date);
  - `wide_products`: rows are products, departments…, added up; the file does not say the year (`undated`).
  A total column («Итого», «Всего», Total) and total rows are left out: adding them would count the year twice.
Every shape ends as `Monthly`: consecutive months and their sales. Months without sales inside the span count as
zero; empty months before the first and after the last sale are not months of the file.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from services.texts import t

from . import skips
from .content import compact, season_words
from .errors import ColumnsNotFound, NotEnoughData
from .reader import LoadedTable
from .values import DateColumn, clean_text, month_only, parse_numbers, read_dates, value_words

EDGE_DAYS = 7  # a month at the edge of a daily file with more days missing than this is incomplete
MIN_MONTH_COLUMNS = 6
_PLACEHOLDER_YEAR = 2000  # the year of a table that names none (rows are products): shown without it
_MONTH_NUMBER_RE = re.compile(r"^(\d{1,2})(?:[.,]0+)?$")


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], tuple[re.Pattern[str], ...]]:
    """The year cell pattern and the month-header patterns; what may follow a year («2023 г.») is content
    (values.yaml: year_words)."""
    words = "|".join(re.escape(w) for w in sorted(value_words().year_words, key=len, reverse=True))
    year = re.compile(rf"^(\d{{4}})(?:[.,]0+)?\s*(?:(?:{words})\.?)?$")
    headers = (
        re.compile(rf"^(?P<mon>[^\W\d_]+)\.?[\s.\-/']*(?P<y>\d{{4}}|\d{{2}})(?:\s*(?:{words})\.?)?$"),  # Янв 2023
        re.compile(r"^(?P<y>\d{4})[\s.\-/]+(?P<mon>[^\W\d_]+)$"),  # 2023 январь
        # 2023-01, and an Excel date header (2023-01-01) as a workbook reader spells it
        re.compile(r"^(?P<y>\d{4})[-/.](?P<m>\d{1,2})(?:[-/.]0?1)?(?: 00:00(?::00)?)?$"),
        re.compile(r"^(?P<m>\d{1,2})[./-](?P<y>\d{4})$"),  # 01.2023
    )
    return year, headers


@dataclass
class Monthly:
    """Sales by month, whatever the shape of the file."""

    months: list[date]  # first days of consecutive months; for an `undated` table the year is a placeholder
    totals: np.ndarray
    shape: str  # "dates", "year_month", "wide_years", "wide_dated", "wide_products"
    rows_total: int
    rows_used: int
    skipped: dict[str, int] = field(default_factory=dict)
    dropped: list[date] = field(default_factory=list)  # incomplete months at the edges of a daily file
    undated: bool = False  # the file does not say which year (products × months)
    columns: list[str] = field(default_factory=list)  # the columns the months came from, for the report
    left_out: list[str] = field(default_factory=list)  # total columns and total rows, as the file names them


@dataclass(frozen=True)
class MonthColumn:
    header: str
    month: int
    year: int | None  # from a header like «Янв 2023»


@dataclass(frozen=True)
class WideLayout:
    months: tuple[MonthColumn, ...]
    year_column: str | None  # rows are years
    labels: tuple[str, ...]  # the other columns (products, the year): where a total row says «Итого»
    total_columns: tuple[str, ...]

    @property
    def dated(self) -> bool:
        return all(c.year is not None for c in self.months)


# ---- reading one cell ------------------------------------------------------------------------------------


def month_of_word(text: str) -> int | None:
    """«Январь», «января», «янв.», «Jan», «September» -> the month's number; anything else -> None."""
    word = compact(text)
    known = season_words().month_of()
    if word in known:
        return known[word]
    return value_words().months.get(word) if len(word) == 3 else None


def month_of_header(header: str) -> tuple[int, int | None] | None:
    """A column header naming a month: (month, year or None). Bare numbers are judged by `wide_layout`."""
    text = header.strip().lower().translate(str.maketrans(value_words().letter_folds))  # ё -> е
    month = month_of_word(text)
    if month is not None:
        return month, None
    for pattern in _patterns()[1]:
        match = pattern.match(text)
        if not match:
            continue
        parts = match.groupdict()
        month = month_of_word(parts["mon"]) if parts.get("mon") else int(parts["m"])
        if month is None or not 1 <= month <= 12:
            return None
        year = int(parts["y"])
        return month, (year + 2000 if year < 100 else year)
    return None


def read_years(column: pd.Series | pa.ChunkedArray) -> np.ndarray:
    """Years of a «Год» column (2023, «2023 г.», 2023.0); 0 where a cell is not a year of 1900–2200."""
    return _per_distinct(column, _year_of)


def read_months(column: pd.Series | pa.ChunkedArray) -> np.ndarray:
    """Months of a «Месяц» column (Январь, янв, Jan, 1, 01); 0 where a cell names no month."""
    return _per_distinct(column, _month_of_cell)


def _year_of(text: str) -> int:
    match = _patterns()[0].match(text.lower())
    year = int(match.group(1)) if match else 0
    return year if 1900 <= year <= 2200 else 0


def _month_of_cell(text: str) -> int:
    match = _MONTH_NUMBER_RE.match(text)
    if match:
        number = int(match.group(1))
        return number if 1 <= number <= 12 else 0
    return month_of_word(text) or 0


def _per_distinct(column: pd.Series | pa.ChunkedArray, parse) -> np.ndarray:
    """`parse` run once per distinct cleaned text (a year or month column holds a few dozen of them)."""
    arr = clean_text(column)
    if len(arr) == 0:
        return np.zeros(0, dtype=np.int64)
    encoded = pc.dictionary_encode(arr.combine_chunks())
    lookup = np.array([parse(text) for text in encoded.dictionary.to_pylist()] + [0], dtype=np.int64)
    return lookup[encoded.indices.fill_null(len(lookup) - 1).to_numpy()]


# ---- the shapes ------------------------------------------------------------------------------------------


def wide_layout(table: LoadedTable) -> WideLayout | None:
    """Months as columns, or None. At least six month columns whose cells are mostly numbers."""
    months: list[MonthColumn] = []
    numbered: list[MonthColumn] = []
    totals, others = [], []
    for header in table.headers:
        found = month_of_header(header)
        number = _MONTH_NUMBER_RE.match(header.strip())
        if found is not None:
            months.append(MonthColumn(header, *found))
        elif number and 1 <= int(number.group(1)) <= 12:
            numbered.append(MonthColumn(header, int(number.group(1)), None))
        elif _is_total(header):
            totals.append(header)
        else:
            others.append(header)
    if len({c.month for c in numbered}) == 12:  # 01…12 as headers: only a full set is read as months
        months += numbered
    else:
        others += [c.header for c in numbered]
    if len({(c.month, c.year) for c in months}) < MIN_MONTH_COLUMNS or not _mostly_numbers(table, months):
        return None
    if len({c.year is None for c in months}) > 1:
        return None  # «Янв 2023» beside a bare «Фев»: not a table we can read unambiguously
    year_column = next((h for h in others if _is_year_column(table, h)), None)
    return WideLayout(months=tuple(months), year_column=year_column, labels=tuple(others),
                      total_columns=tuple(totals))


def _is_total(text: str) -> bool:
    word = compact(text)
    return bool(word) and any(word.startswith(total) for total in season_words().totals)


def _mostly_numbers(table: LoadedTable, months: list[MonthColumn]) -> bool:
    sample = table.df.iloc[:200]
    filled = readable = 0
    for column in months:
        present = clean_text(sample[column.header]).is_valid().to_numpy(zero_copy_only=False)
        filled += int(present.sum())
        readable += int((~np.isnan(parse_numbers(sample[column.header])) & present).sum())
    return filled > 0 and readable >= 0.8 * filled


def _is_year_column(table: LoadedTable, header: str) -> bool:
    years = read_years(table.df[header])
    present = clean_text(table.df[header]).is_valid().to_numpy(zero_copy_only=False)
    return bool(present.any()) and bool((years[present] > 0).mean() >= 0.9)


def read_monthly(table: LoadedTable, mapping: dict[str, str], layout: WideLayout | None = None) -> Monthly:
    """Sales by month from whichever shape the file has; raises ColumnsNotFound / NotEnoughData."""
    if layout is not None:
        return _from_wide(table, layout)
    has_amount = "amount" in mapping or {"quantity", "price"} <= set(mapping)
    if not has_amount or not ("date" in mapping or {"year", "month"} <= set(mapping)):
        layout = wide_layout(table)
        if layout is not None:
            return _from_wide(table, layout)
        raise ColumnsNotFound(t("analytics-season-columns-needed"))
    skipped: dict[str, int] = {}
    skips.add_read(skipped, table)
    df = table.df
    if "amount" in mapping:
        amounts = parse_numbers(df[mapping["amount"]])
    else:
        amounts = parse_numbers(df[mapping["quantity"]]) * parse_numbers(df[mapping["price"]])
    if "date" in mapping:
        read = read_dates(df[mapping["date"]])
        monthly = month_only(df[mapping["date"]])
        shape, columns = "dates", [mapping["date"]]
    else:
        read = _year_month_dates(read_years(df[mapping["year"]]), read_months(df[mapping["month"]]))
        monthly, shape, columns = True, "year_month", [mapping["year"], mapping["month"]]
    dated = skips.drop_dates(np.ones(len(df), dtype=bool), read, skipped)  # future, before 1990, unreadable
    bad_amount = dated & np.isnan(amounts)
    skips.add(skipped, "bad_amount", int(bad_amount.sum()))
    keep = dated & ~bad_amount
    if not keep.any():
        raise NotEnoughData(t("analytics-season-no-rows"))
    dates = read.values.astype("datetime64[D]")[keep]
    months, totals = _by_month(dates, amounts[keep])
    dropped: list[date] = []
    # A monthly table (month names, or every date on the 1st) has no partial months to trim.
    if not (monthly or bool(np.all(dates == dates.astype("datetime64[M]").astype("datetime64[D]")))):
        months, totals, dropped = _trim_edges(dates, months, totals)
    return Monthly(months=months, totals=totals, shape=shape, rows_total=table.rows_total,
                   rows_used=int(keep.sum()), skipped=skipped, dropped=dropped, columns=columns)


def _year_month_dates(years: np.ndarray, months: np.ndarray) -> DateColumn:
    """The first day of each row's month, judged like a date column: a future month and a year before 1990 are
    set apart from a row whose year or month cannot be read."""
    readable = (years > 0) & (months > 0)
    index = np.where(readable, (years - 1970) * 12 + months - 1, 0)
    values = np.where(readable, index.astype("datetime64[M]").astype("datetime64[s]"), np.datetime64("NaT"))
    this_month = np.datetime64(date.today(), "M").astype("datetime64[s]")
    future = readable & (values > this_month)
    past = readable & (years < 1990)
    values = np.where(future | past, np.datetime64("NaT"), values).astype("datetime64[s]")
    return DateColumn(values=values, future=future, past=past)


def _by_month(dates: np.ndarray, amounts: np.ndarray) -> tuple[list[date], np.ndarray]:
    months = dates.astype("datetime64[M]")
    first, last = months.min(), months.max()
    span = int((last - first).astype(np.int64)) + 1
    totals = np.bincount((months - first).astype(np.int64), weights=amounts, minlength=span)
    return [_to_date(first + np.timedelta64(i, "M")) for i in range(span)], totals


def _trim_edges(dates: np.ndarray, months: list[date], totals: np.ndarray):
    start, end, dropped = 0, len(months), []
    if _days_into(dates.min()) > EDGE_DAYS:
        dropped.append(months[0])
        start = 1
    if _days_left(dates.max()) > EDGE_DAYS and end - start > 1:
        dropped.append(months[-1])
        end -= 1
    return months[start:end], totals[start:end], dropped


def _from_wide(table: LoadedTable, layout: WideLayout) -> Monthly:
    df = table.df
    total_rows = np.zeros(len(df), dtype=bool)
    left_out = list(layout.total_columns)
    for header in layout.labels:
        said_total = _per_distinct(df[header], lambda text: int(_is_total(text))) > 0
        if said_total.any():
            left_out += [v for v in pc.unique(clean_text(df[header]).filter(pa.array(said_total))).to_pylist()
                         if v not in left_out]
        total_rows |= said_total
    skipped: dict[str, int] = {}
    skips.add_read(skipped, table)
    cells = np.column_stack([parse_numbers(df[c.header]) for c in layout.months])  # rows × month columns
    present = np.column_stack([clean_text(df[c.header]).is_valid().to_numpy(zero_copy_only=False)
                               for c in layout.months])
    # A cell that is not a number is left out; the row's other months still count.
    skips.add(skipped, "bad_amount", int(((present & np.isnan(cells)).any(axis=1) & ~total_rows).sum()))
    rows = ~total_rows & (~np.isnan(cells)).any(axis=1)
    if layout.dated:
        years = np.zeros(len(df), dtype=np.int64)  # the year is in each column's header
        shape = "wide_dated"
    elif layout.year_column is not None:
        years = read_years(df[layout.year_column])
        skips.add(skipped, "bad_date", int((rows & (years == 0)).sum()))
        rows &= years > 0
        shape = "wide_years"
    else:
        years = np.full(len(df), _PLACEHOLDER_YEAR, dtype=np.int64)  # no year anywhere: one year, products added
        shape = "wide_products"
    sums: dict[tuple[int, int], float] = {}
    for year in np.unique(years[rows]):
        block = cells[rows & (years == year)]
        for column, total, seen in zip(layout.months, np.nansum(block, axis=0), (~np.isnan(block)).any(axis=0),
                                       strict=True):
            key = (column.year or int(year), column.month)
            if seen or key in sums:
                sums[key] = sums.get(key, 0.0) + float(total)
    if not sums:
        raise NotEnoughData(t("analytics-season-no-rows"))
    first, last = min(sums), max(sums)
    span = (last[0] - first[0]) * 12 + last[1] - first[1] + 1
    months = [_add_months(date(first[0], first[1], 1), i) for i in range(span)]
    return Monthly(
        months=months,
        totals=np.array([sums.get((m.year, m.month), 0.0) for m in months], dtype=np.float64),
        shape=shape,
        rows_total=table.rows_total - int(total_rows.sum()),
        rows_used=int(rows.sum()),
        skipped=skipped,
        undated=shape == "wide_products",
        columns=[layout.year_column] if shape == "wide_years" else [],
        left_out=left_out,
    )


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

