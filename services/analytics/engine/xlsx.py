"""Excel exports of the analyses (xlsxwriter in constant_memory mode, and a bulk writer for the long sheet).

Text from the file is always written as a string cell: a client called `=HYPERLINK(...)` or `+7 900 …`
stays text, never a formula (no formula injection), and xlsxwriter's own string-to-formula/number/URL
guessing is switched off. Sheet names and headers are in `content/texts/analytics.ftl` (a list of headers
is one text, a header a line).

Speed: xlsxwriter spends ~4 µs of Python on each cell, 2–3 s for the client sheet of a million-row file. That sheet's
rows are therefore made column-wise by arrow's string kernels (`bulk_rows.py`) and streamed into the workbook's
ZIP after xlsxwriter has written the rest (headers, widths, styles, filter, the small sheets). constant_memory keeps
xlsxwriter from holding a copy of every cell: rows are written in order (the header first) and never revisited.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable, Sequence

import numpy as np
import xlsxwriter

from services.texts import t

from . import fmt
from .bulk_rows import BulkSheet, Column, splice
from .rfm import RfmResult
from .seasonality import PLAN_MONTHS, SeasonalityResult
from .skips import explain

_EXCEL_MAX_ROWS = 1_048_575


def _headers(text: str) -> tuple[str, ...]:
    """A list of column headers from the catalogue, where it is one header a line."""
    return tuple(text.split("\n"))


class _Book:
    def __init__(self) -> None:
        self.buffer = io.BytesIO()
        self.book = xlsxwriter.Workbook(
            self.buffer,
            {
                "constant_memory": True,
                "strings_to_formulas": False,
                "strings_to_numbers": False,
                "strings_to_urls": False,
            },
        )
        self.header = self.book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
        self.money = self.book.add_format({"num_format": "#,##0.00"})
        self.percent = self.book.add_format({"num_format": "0.0"})
        self.wrap = self.book.add_format({"text_wrap": True, "valign": "top"})
        self.sheets = 0
        self.bulk: list[BulkSheet] = []

    def sheet(self, name: str, headers: Sequence[str], widths: Sequence[int]):
        ws = self.book.add_worksheet(name)
        self.sheets += 1
        for col, (title, width) in enumerate(zip(headers, widths, strict=True)):
            ws.set_column(col, col, width)
            ws.write_string(0, col, title, self.header)
        ws.freeze_panes(1, 0)
        return ws

    def close(self) -> bytes:
        self.book.close()
        if not self.bulk:
            return self.buffer.getvalue()
        return splice(self.buffer.getvalue(), self.bulk)


def _cell(ws, row: int, col: int, value: object, style=None) -> None:
    """Numbers as numbers, everything else as a string cell (so `=1+1` from a file stays text)."""
    if value is None:
        return
    if isinstance(value, (bool, np.bool_)):
        ws.write_string(row, col, t("analytics-xlsx-yes") if value else t("analytics-xlsx-no"), style)
    elif isinstance(value, (int, float, np.integer, np.floating)):
        number = float(value)
        if math.isfinite(number):
            ws.write_number(row, col, number, style)
    else:
        ws.write_string(row, col, str(value), style)


def _rows(ws, rows: Iterable[Sequence[object]], styles: Sequence[object] | None = None) -> None:
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values):
            _cell(ws, r, c, value, styles[c] if styles else None)


def rfm_to_xlsx(result: RfmResult) -> bytes:
    book = _Book()
    headers = _headers(t("analytics-xlsx-rfm-clients-headers"))
    ws = book.sheet(t("analytics-sheet-rfm-clients"), headers, (24, 13, 10, 14, 5, 5, 5, 7, 22))
    clients = result.clients.iloc[:_EXCEL_MAX_ROWS]
    # The rows after the header go in by the bulk writer; the first is written here so that xlsxwriter knows the
    # money format is used (it gives styles.xml only the formats cells use).
    first = clients.iloc[:1]
    if len(first):
        row = first.iloc[0]
        ws.write_string(1, 0, str(row["client"]))
        ws.write_number(1, 1, row["recency"])
        ws.write_number(1, 2, row["frequency"])
        ws.write_number(1, 3, row["monetary"], book.money)
        ws.write_number(1, 4, int(row["r"]))
        ws.write_number(1, 5, int(row["f"]))
        ws.write_number(1, 6, int(row["m"]))
        ws.write_string(1, 7, str(row["rfm"]))
        ws.write_string(1, 8, str(row["segment"]))
    rest = clients.iloc[1:]
    book.bulk.append(
        BulkSheet(
            index=book.sheets,
            first_row=3,
            columns=[
                Column.text(rest["client"].astype(str)),
                Column.number(rest["recency"]),
                Column.number(rest["frequency"]),
                Column.number(rest["monetary"], style=book.money),
                Column.number(rest["r"].astype(np.int64)),
                Column.number(rest["f"].astype(np.int64)),
                Column.number(rest["m"].astype(np.int64)),
                Column.text(rest["rfm"].astype(str)),
                Column.text(rest["segment"].astype(str)),
            ],
        )
    )
    ws.autofilter(0, 0, len(clients), len(headers) - 1)

    headers = _headers(t("analytics-xlsx-rfm-segments-headers"))
    ws = book.sheet(t("analytics-sheet-rfm-segments"), headers, (22, 10, 10, 14, 10, 36, 70))
    _rows(
        ws,
        [
            (s.name, s.clients, s.client_share, s.revenue, s.revenue_share, s.description, s.action)
            for s in result.segments
        ],
        (None, None, book.percent, book.money, book.percent, book.wrap, book.wrap),
    )
    _summary_sheet(book, _rfm_summary(result))
    return book.close()


def _rfm_summary(result: RfmResult) -> list[tuple[str, object]]:
    criteria = result.thresholds.describe() if result.thresholds else t("analytics-xlsx-criteria-ranks")
    return [
        (t("analytics-xlsx-file"), result.source_name),
        (t("analytics-xlsx-clients"), result.total_clients),
        (t("analytics-xlsx-period-from"), fmt.day(result.period_start)),
        (t("analytics-xlsx-period-to"), fmt.day(result.period_end)),
        (t("analytics-xlsx-reference-date"), fmt.day(result.reference_date)),
        (t("analytics-xlsx-revenue"), result.revenue),
        (t("analytics-xlsx-scale"), f"1–{result.scale}"),
        (t("analytics-xlsx-criteria"), criteria),
        *_rows_summary(result.rows_total, result.rows_used, result.skipped),
    ]


def _rows_summary(rows_total: int, rows_used: int, skipped: dict[str, int]) -> list[tuple[str, object]]:
    """The last rows of every summary: rows in the file, rows analysed, rows left out and why."""
    rows: list[tuple[str, object]] = [
        (t("analytics-xlsx-rows-total"), rows_total),
        (t("analytics-xlsx-rows-used"), rows_used),
    ]
    return rows + [(t("analytics-xlsx-skipped", reason=explain(code)), count) for code, count in skipped.items()]


def _summary_sheet(book: _Book, rows: list[tuple[str, object]]) -> None:
    ws = book.sheet(t("analytics-sheet-summary"), _headers(t("analytics-xlsx-summary-headers")), (40, 30))
    _rows(ws, rows)


def seasonality_to_xlsx(result: SeasonalityResult) -> bytes:
    book = _Book()
    if result.enough_years:
        ws = book.sheet(t("analytics-sheet-season-coefficients"),
                        _headers(t("analytics-xlsx-season-coefficients-headers")), (14, 16, 12, 12))
        _rows(
            ws,
            [(c.name, c.average, c.years, round(c.coefficient, 4)) for c in result.coefficients],
            (None, book.money, None, None),
        )
        ws = book.sheet(t("analytics-sheet-season-plan"), _headers(t("analytics-xlsx-season-plan-headers")),
                        (18, 12, 16))
        _rows(
            ws,
            [(fmt.month_year(p.month), round(p.coefficient, 4), p.plan) for p in result.plan],
            (None, None, book.money),
        )
    else:
        ws = book.sheet(t("analytics-sheet-season-profile"), _headers(t("analytics-xlsx-season-profile-headers")),
                        (14, 16, 14))
        _rows(ws, [(m.name, m.total, round(m.share, 2)) for m in result.profile], (None, book.money, book.percent))
    ws = book.sheet(t("analytics-sheet-season-months"), _headers(t("analytics-xlsx-season-months-headers")), (18, 16))
    label = (lambda m: fmt.month_name(m.month)) if result.undated else (lambda m: m.strftime("%Y-%m"))
    _rows(ws, [(label(m.month), m.total) for m in result.months], (None, book.money))
    summary: list[tuple[str, object]] = [
        (t("analytics-xlsx-file"), result.source_name),
        (t("analytics-xlsx-average-month"), result.average_month),
    ]
    if result.enough_years:
        summary.append((t("analytics-xlsx-level", plan_months=PLAN_MONTHS), result.level))
    else:
        summary.append((t("analytics-xlsx-months-needed"), result.months_needed))
    summary += _rows_summary(result.rows_total, result.rows_used, result.skipped)
    _summary_sheet(book, summary)
    return book.close()
