"""The funnel report as an Excel file (xlsxwriter, in memory): the same figures and the same evidence line as
the chat text, with the full tables.

Text from the file is always written as a string cell (no formula injection), as in `xlsx.py`.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence

import xlsxwriter

from services.texts import t

from .funnel import FunnelResult
from .funnel_render import evidence_sentence, to_plain, why_unjudged
from .skips import explain


class _Book:
    def __init__(self) -> None:
        self.buffer = io.BytesIO()
        self.book = xlsxwriter.Workbook(
            self.buffer,
            {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False},
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

    def rows(self, ws, rows: Sequence[Sequence[object]], styles: Sequence[object] | None = None) -> None:
        for r, values in enumerate(rows, start=1):
            for c, value in enumerate(values):
                _cell(ws, r, c, value, styles[c] if styles and c < len(styles) else None)

    def close(self) -> bytes:
        self.book.close()
        return self.buffer.getvalue()


def _cell(ws, row: int, col: int, value: object, style=None) -> None:
    if value is None:
        return
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if math.isfinite(float(value)):
            ws.write_number(row, col, float(value), style)
    else:
        ws.write_string(row, col, str(value), style)


def _columns(key: str) -> list[str]:
    """Column headers from the catalogue, one header a line (as in `xlsx.py`)."""
    return t(key).split("\n")


def step_name(source: str, target: str) -> str:
    return t("funnel-xlsx-step-name", source=source, target=target)


def funnel_to_xlsx(result: FunnelResult) -> bytes:
    book = _Book()
    _summary(book, result)
    _steps(book, result)
    if result.managers:
        _managers(book, result)
    if result.lost_reasons:
        ws = book.sheet(t("funnel-xlsx-sheet-reasons"), _columns("funnel-xlsx-reasons-columns"), (40, 10))
        book.rows(ws, result.lost_reasons)
    return book.close()


def summary_rows(result: FunnelResult) -> list[tuple[str, object]]:
    """The summary sheet: the evidence line first, then the head figures and the judgement."""
    counts = result.evidence == "counts"
    rows: list[tuple[str, object]] = [
        (t("funnel-xlsx-file"), result.source_name),
        (t("funnel-xlsx-evidence"), to_plain(evidence_sentence(result))),
        (t("funnel-xlsx-pipeline"), result.pipeline_name or t("funnel-xlsx-pipeline-own")),
        (t("funnel-xlsx-leads") if counts else t("funnel-xlsx-deals"), result.deals),
        (t("funnel-xlsx-won"), result.won),
        (t("funnel-xlsx-lost"), result.lost_total),
    ]
    if counts:
        rows.append((t("funnel-xlsx-overall"), result.overall_conversion))
    else:
        rows += [
            (t("funnel-xlsx-open"), result.open_total),
            (t("funnel-xlsx-unplaced"), result.lost_unplaced),
            (t("funnel-xlsx-win-rate"), result.win_rate),
        ]
    if result.bottleneck:
        rows.append((t("funnel-xlsx-bottleneck"), step_name(result.bottleneck.source, result.bottleneck.target)))
    if result.key_step:
        rows.append((t("funnel-xlsx-key-step"), step_name(result.key_step.source, result.key_step.target)))
    if result.unjudged:
        named = [f"{step_name(s.source, s.target)} ({to_plain(why_unjudged(s))})" for s in result.unjudged]
        rows.append((t("funnel-xlsx-unjudged"), "; ".join(named)))
    if result.lost_unplaced:
        rows.append((t("funnel-xlsx-export-hint"), t("funnel-export-hint")))
    rows += [
        (t("funnel-xlsx-won-revenue"), result.won_revenue),
        (t("funnel-xlsx-rows-total"), result.rows_total),
        (t("funnel-xlsx-rows-used"), result.rows_used),
    ]
    rows += [(t("funnel-xlsx-skipped", reason=explain(code)), count) for code, count in result.skipped.items()]
    return rows


def _summary(book: _Book, result: FunnelResult) -> None:
    ws = book.sheet(t("funnel-xlsx-sheet-summary"), _columns("funnel-xlsx-summary-columns"), (36, 90))
    book.rows(ws, summary_rows(result), (None, book.wrap))


def _steps(book: _Book, result: FunnelResult) -> None:
    key = "funnel-xlsx-counts-columns" if result.evidence == "counts" else "funnel-xlsx-steps-columns"
    ws = book.sheet(t("funnel-xlsx-sheet-steps"), _columns(key), (26, 26, 12, 12, 12, 12, 12, 40, 12))
    rows = [
        (
            s.source,
            s.target,
            s.reached,
            s.moved_on,
            s.lost_here,
            s.still_open,
            s.conversion,
            to_plain(why_unjudged(s)) if s.conversion is None else None,
            s.median_days,
        )
        for s in result.steps
    ]
    rows.append((result.stages[-1], None, result.reached[-1]))
    percent = book.percent
    book.rows(ws, rows, (None, None, None, None, None, None, percent, book.wrap, percent))


def _managers(book: _Book, result: FunnelResult) -> None:
    headers = _columns("funnel-xlsx-managers-columns")
    headers += [t("funnel-xlsx-manager-step", source=s.source, target=s.target) for s in result.steps]
    widths = [28, 10, 10, 10, 12, 14, 16] + [16] * len(result.steps)
    ws = book.sheet(t("funnel-xlsx-sheet-managers"), headers, widths)
    rows = [
        (m.name, m.deals, m.won, m.lost, m.still_open, m.win_rate, m.revenue, *m.conversions) for m in result.managers
    ]
    styles = [None, None, None, None, None, book.percent, book.money] + [book.percent] * len(result.steps)
    book.rows(ws, rows, styles)
