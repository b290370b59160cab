"""Excel exports of the analyses (xlsxwriter, in memory).

Text from the file is always written as a string cell: a client called `=HYPERLINK(...)` or `+7 900 …`
stays text, never a formula (no formula injection), and xlsxwriter's own string-to-formula/number/URL
guessing is switched off.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable, Sequence

import numpy as np
import xlsxwriter

from . import fmt
from .funnel import FunnelResult
from .rfm import RfmResult
from .seasonality import MONTH_NAMES, SeasonalityResult
from .skips import explain

RFM_CLIENT_COLUMNS = ("Клиент", "Давность, дн", "Частота", "Сумма", "R", "F", "M", "RFM", "Сегмент")
_EXCEL_MAX_ROWS = 1_048_575


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
        ws.write_string(row, col, "да" if value else "нет", style)
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
    ws = book.sheet("Клиенты", RFM_CLIENT_COLUMNS, (24, 13, 10, 14, 5, 5, 5, 7, 22))
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
    ws.autofilter(0, 0, len(clients), len(RFM_CLIENT_COLUMNS) - 1)

    headers = ("Сегмент", "Клиентов", "Доля клиентов, %", "Выручка", "Доля выручки, %", "Кто это", "Что делать")
    ws = book.sheet("Сегменты", headers, (22, 10, 10, 14, 10, 36, 70))
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
    rows: list[tuple[str, object]] = [
        ("Файл", result.source_name),
        ("Клиентов", result.total_clients),
        ("Период с", fmt.day(result.period_start)),
        ("Период по", fmt.day(result.period_end)),
        ("Дата отсчёта давности", fmt.day(result.reference_date)),
        ("Выручка", result.revenue),
        ("Шкала баллов", f"1–{result.scale}"),
        ("Критерии", result.thresholds.describe() if result.thresholds else "равные группы по рангу"),
        ("Строк в файле", result.rows_total),
        ("Строк в анализе", result.rows_used),
    ]
    rows += [(f"Пропущено: {explain(code)}", count) for code, count in result.skipped.items()]
    return rows


def _summary_sheet(book: _Book, rows: list[tuple[str, object]]) -> None:
    ws = book.sheet("Сводка", ("Показатель", "Значение"), (40, 30))
    _rows(ws, rows)


def funnel_to_xlsx(result: FunnelResult) -> bytes:
    book = _Book()
    headers = ("Этап", "Дошли", "Перешли дальше", "Конверсия, %", "Отвал", "Медиана дней на этапе")
    ws = book.sheet("Этапы", headers, (28, 10, 14, 12, 10, 14))
    _rows(
        ws,
        [(s.name, s.reached, s.moved_on, s.conversion, s.drop, s.median_days) for s in result.stages],
        (None, None, None, book.percent, None, book.percent),
    )
    if result.managers:
        ws = book.sheet(
            "Менеджеры", ("Менеджер", "Сделок", "Выиграно", "Конверсия, %", "Сумма выигранных"), (28, 10, 10, 12, 16)
        )
        _rows(
            ws,
            [(m.name, m.deals, m.won, m.conversion, m.revenue) for m in result.managers],
            (None, None, None, book.percent, book.money),
        )
    if result.lost_reasons:
        ws = book.sheet("Причины отказа", ("Причина", "Сделок"), (40, 10))
        _rows(ws, result.lost_reasons)
    summary: list[tuple[str, object]] = [
        ("Файл", result.source_name),
        ("Воронка", result.pipeline_name or "порядок этапов из файла или ваш"),
        ("Общая конверсия, %", result.overall_conversion),
        ("Проиграно", result.lost_total),
        ("Узкое место", result.bottleneck.name if result.bottleneck else None),
        ("КЭВ (ключевой этап)", result.key_stage.name if result.key_stage else None),
        ("Сумма выигранных сделок", result.won_revenue),
        ("Строк в файле", result.rows_total),
        ("Строк в анализе", result.rows_used),
    ]
    summary += [(f"Пропущено: {explain(code)}", count) for code, count in result.skipped.items()]
    _summary_sheet(book, summary)
    return book.close()


def seasonality_to_xlsx(result: SeasonalityResult) -> bytes:
    book = _Book()
    ws = book.sheet("Коэффициенты", ("Месяц", "Среднее за годы", "Лет в данных", "Коэффициент"), (14, 16, 12, 12))
    _rows(
        ws,
        [(c.name, c.average, c.years, round(c.coefficient, 4)) for c in result.coefficients],
        (None, book.money, None, None),
    )
    ws = book.sheet("План", ("Месяц", "Коэффициент", "План"), (18, 12, 16))
    _rows(
        ws,
        [(fmt.month_year(p.month, MONTH_NAMES), round(p.coefficient, 4), p.plan) for p in result.plan],
        (None, None, book.money),
    )
    ws = book.sheet("Продажи по месяцам", ("Месяц", "Продажи"), (18, 16))
    _rows(ws, [(m.month.strftime("%Y-%m"), m.total) for m in result.months], (None, book.money))
    summary: list[tuple[str, object]] = [
        ("Файл", result.source_name),
        ("Средний месяц", result.average_month),
        ("Уровень среднего месяца по последним трём", result.level),
        ("Строк в файле", result.rows_total),
        ("Строк в анализе", result.rows_used),
    ]
    summary += [(f"Пропущено: {explain(code)}", count) for code, count in result.skipped.items()]
    _summary_sheet(book, summary)
    return book.close()
