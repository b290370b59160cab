"""Excel exports of the analyses (xlsxwriter, in memory).

Text from the file is always written as a string cell: a client called `=HYPERLINK(...)` or `+7 900 …`
stays text, never a formula (no formula injection), and xlsxwriter's own string-to-formula/number/URL
guessing is switched off. Sheet names and headers are in `content/texts/analytics.ftl` (a list of headers
is one text, a header a line).
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable, Sequence

import numpy as np
import xlsxwriter

from services.texts import t

from . import fmt
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
                "in_memory": True,
                "strings_to_formulas": False,
                "strings_to_numbers": False,
                "strings_to_urls": False,
            },
        )
        self.header = self.book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
        self.money = self.book.add_format({"num_format": "#,##0.00"})
        self.percent = self.book.add_format({"num_format": "0.0"})
        self.wrap = self.book.add_format({"text_wrap": True, "valign": "top"})

    def sheet(self, name: str, headers: Sequence[str], widths: Sequence[int]):
        ws = self.book.add_worksheet(name)
        for col, (title, width) in enumerate(zip(headers, widths, strict=True)):
            ws.write_string(0, col, title, self.header)
            ws.set_column(col, col, width)
        ws.freeze_panes(1, 0)
        return ws

    def close(self) -> bytes:
        self.book.close()
        return self.buffer.getvalue()


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
    columns = [
        clients["client"].astype(str).tolist(),
        clients["recency"].tolist(),
        clients["frequency"].tolist(),
        clients["monetary"].tolist(),
        clients["r"].astype(int).tolist(),
        clients["f"].astype(int).tolist(),
        clients["m"].astype(int).tolist(),
        clients["rfm"].astype(str).tolist(),
        clients["segment"].astype(str).tolist(),
    ]
    money = book.money
    for r, (client, recency, frequency, monetary, rs, fs, ms, code, segment) in enumerate(
        zip(*columns, strict=True), 1
    ):
        ws.write_string(r, 0, client)
        ws.write_number(r, 1, recency)
        ws.write_number(r, 2, frequency)
        ws.write_number(r, 3, monetary, money)
        ws.write_number(r, 4, rs)
        ws.write_number(r, 5, fs)
        ws.write_number(r, 6, ms)
        ws.write_string(r, 7, code)
        ws.write_string(r, 8, segment)
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
    ws = book.sheet(t("analytics-sheet-season-coefficients"), _headers(t("analytics-xlsx-season-coefficients-headers")),
                    (14, 16, 12, 12))
    _rows(
        ws,
        [(c.name, c.average, c.years, round(c.coefficient, 4)) for c in result.coefficients],
        (None, book.money, None, None),
    )
    ws = book.sheet(t("analytics-sheet-season-plan"), _headers(t("analytics-xlsx-season-plan-headers")), (18, 12, 16))
    _rows(
        ws,
        [(fmt.month_year(p.month), round(p.coefficient, 4), p.plan) for p in result.plan],
        (None, None, book.money),
    )
    ws = book.sheet(t("analytics-sheet-season-months"), _headers(t("analytics-xlsx-season-months-headers")), (18, 16))
    _rows(ws, [(m.month.strftime("%Y-%m"), m.total) for m in result.months], (None, book.money))
    summary: list[tuple[str, object]] = [
        (t("analytics-xlsx-file"), result.source_name),
        (t("analytics-xlsx-average-month"), result.average_month),
        (t("analytics-xlsx-level", plan_months=PLAN_MONTHS), result.level),
        *_rows_summary(result.rows_total, result.rows_used, result.skipped),
    ]
    _summary_sheet(book, summary)
    return book.close()
