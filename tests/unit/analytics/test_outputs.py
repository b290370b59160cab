"""What the user receives: the Russian summary (HTML and plain), the Excel file and the PNG chart."""

from __future__ import annotations

import io
import re
import warnings

import pytest
from openpyxl import load_workbook

from services.analytics.engine import charts, render, rfm, xlsx
from services.analytics.engine.columns import match_columns

from .helpers import table_of
from .test_seasonality import run as seasonality_run
from .test_seasonality import two_years

HOSTILE = [
    ["Клиент", "Дата", "Сумма"],
    ['=HYPERLINK("http://evil","x")', "01.03.2023", "100"],
    ["+7 900 000-00-00", "02.03.2023", "200"],
    ["-Иванов", "03.03.2023", "300"],
    ["@Петров <b>босс</b> & сын", "04.03.2023", "400"],
]


@pytest.fixture
def hostile_result():
    table = table_of(HOSTILE, name="<script>.csv")
    return rfm.compute(table, match_columns(table, "rfm").mapping)


def test_rfm_xlsx_has_exactly_the_issues_columns_and_values(hostile_result):
    book = load_workbook(io.BytesIO(xlsx.rfm_to_xlsx(hostile_result)))
    sheet = book["Клиенты"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Клиент", "Давность, дн", "Частота", "Сумма", "R", "F", "M", "RFM", "Сегмент")
    assert rows[1][:8] == ('=HYPERLINK("http://evil","x")', 3, 1, 100, 1, 1, 1, "111")
    assert rows[4][:8] == ("@Петров <b>босс</b> & сын", 0, 1, 400, 3, 3, 3, "333")
    assert rows[4][8] == "Чемпионы"
    assert len(rows) == 5
    assert "Сегменты" in book.sheetnames


def test_cells_starting_with_formula_characters_are_text_not_formulas(hostile_result):
    book = load_workbook(io.BytesIO(xlsx.rfm_to_xlsx(hostile_result)))
    cells = [row[0] for row in book["Клиенты"].iter_rows(min_row=2)]
    assert [c.value[0] for c in cells] == ["=", "+", "-", "@"]
    assert all(c.data_type == "s" for c in cells)


def test_html_summary_escapes_file_names_and_stays_under_the_telegram_limit(hostile_result):
    text = render.render_rfm(hostile_result, html=True)
    assert "&lt;script&gt;.csv" in text and "<script>" not in text
    assert len(text) < 4096
    assert set(re.findall(r"</?(\w+)", text)) <= {"b", "i"}
    assert "Клиентов: 4" in text and "Что сделать в первую очередь" in text


def test_plain_summary_has_no_markup(hostile_result):
    text = render.render_rfm(hostile_result, html=False)
    assert "<b>" not in text and "&lt;" not in text
    assert "<script>.csv" in text


# The funnel's text, Excel file and chart are tested in test_funnel_outputs.py (issue 14).


def test_seasonality_outputs():
    result = seasonality_run(two_years())
    text = render.render_seasonality(result, html=False)
    assert "Пик — декабрь (1,85)" in text
    assert "январь 2024 — 150" in text
    book = load_workbook(io.BytesIO(xlsx.seasonality_to_xlsx(result)))
    plan = list(book["План"].iter_rows(values_only=True))
    assert plan[0] == ("Месяц", "Коэффициент", "План")
    assert plan[1][0] == "январь 2024" and plan[1][2] == pytest.approx(150)


@pytest.mark.parametrize("kind", ["rfm", "seasonality"])
def test_charts_are_png_and_every_cyrillic_glyph_exists(kind, hostile_result):
    if kind == "rfm":
        result, draw = hostile_result, charts.rfm_to_png
    else:
        result, draw = seasonality_run(two_years()), charts.seasonality_to_png
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph … missing from font" for unknown letters
        png = draw(result)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(png) > 5000
