"""Seasonality from the shapes people keep monthly sales in (issue 14, item 7), CSV and XLSX alike:
separate «Год» and «Месяц» columns, and wide tables with months as columns — rows are years or products, a total
column and total rows left out. With one year of data the report says how many months coefficients need and shows
the year's profile (each month's share, the peak and the trough) instead of refusing.

Expected figures are worked out here from the definitions: coefficient = the month's average over the years ÷ the
average month; share = the month's sales ÷ the year's sales.
"""

from __future__ import annotations

import io
from datetime import date, datetime

import pandas as pd
import pytest
from openpyxl import load_workbook

from services.analytics.engine import Report, analyse, charts, render, xlsx
from services.analytics.engine.columns import match_columns
from services.analytics.engine.detect import detect_kind
from services.analytics.engine.errors import NotEnoughData
from services.analytics.engine.reader import read_table
from services.analytics.engine.season_shapes import month_of_header, read_months, read_years, wide_layout

from .helpers import csv_bytes, xlsx_bytes
from .test_seasonality import MONTHS_RU

MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
# Two years, 2022: 100 a month and December 200; 2023: 50 % more (as test_seasonality.two_years).
SALES = {(2022, m): 100 * (2 if m == 12 else 1) for m in range(1, 13)} | {
    (2023, m): 150 * (2 if m == 12 else 1) for m in range(1, 13)
}
AVERAGE_MONTH = 1625 / 12  # the mean of the twelve monthly averages (125 × 11 + 250) / 12
# One year of a shop: a summer trough and a December peak.
YEAR = [90, 80, 100, 100, 90, 60, 50, 70, 100, 110, 130, 220]


def as_file(rows: list[list[object]], fmt: str) -> tuple[bytes, str]:
    if fmt == "csv":
        return csv_bytes(rows), "sales.csv"
    return xlsx_bytes(rows), "sales.xlsx"


def report(rows: list[list[object]], fmt: str, kind: str | None = None) -> Report:
    data, name = as_file(rows, fmt)
    outcome = analyse(data, name, kind=kind)
    assert isinstance(outcome, Report), getattr(outcome, "text_plain", outcome)
    assert outcome.kind == "seasonality"
    return outcome


def assert_two_year_coefficients(result) -> None:
    assert len(result.months) == 24 and result.months[0].month == date(2022, 1, 1)
    assert result.enough_years and not result.profile
    assert result.average_month == pytest.approx(AVERAGE_MONTH)
    coefficients = {c.month: c.coefficient for c in result.coefficients}
    assert coefficients[1] == pytest.approx(125 / AVERAGE_MONTH)
    assert coefficients[12] == pytest.approx(250 / AVERAGE_MONTH)
    assert [round(p.plan, 6) for p in result.plan] == [150.0, 150.0, 150.0]


# ---- «Год» and «Месяц» ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_year_and_month_columns_with_russian_month_names(fmt):
    rows = [["Год", "Месяц", "Выручка"]] + [[y, MONTHS_RU[m - 1], v] for (y, m), v in SALES.items()]
    result = report(rows, fmt).result
    assert result.shape == "year_month" and result.columns == ["Год", "Месяц"]
    assert_two_year_coefficients(result)
    text = render.render_seasonality(result, html=False)
    assert "Месяцы — из столбцов «Год», «Месяц»." in text
    assert "Пик — декабрь (1,85)" in text and "январь 2024 — 150" in text


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_year_and_month_numbers_in_any_order_of_rows(fmt):
    items = sorted(SALES.items(), key=lambda kv: (kv[0][1], -kv[0][0]))  # by month, years mixed
    rows = [["Год продаж", "Мес", "Сумма"]] + [[f"{y} г.", f"{m:02d}", v] for (y, m), v in items]
    assert_two_year_coefficients(report(rows, fmt, kind="seasonality").result)


def test_year_and_month_rows_of_one_month_are_added_and_bad_rows_counted():
    rows = [["Год", "Месяц", "Сумма"]]
    for (y, m), v in SALES.items():
        rows += [[y, MONTHS_RU[m - 1].lower(), v / 2], [y, MONTHS_RU[m - 1][:3] + ".", v / 2]]  # «январь», «Янв.»
    rows += [["когда-то", "Май", 10], [2023, "Маяк", 10], [2023, "Май", "много"], [2099, "Май", 10]]
    result = report(rows, "csv", kind="seasonality").result
    assert_two_year_coefficients(result)
    assert result.skipped == {"bad_date": 2, "bad_amount": 1, "future_date": 1}


def test_calendar_cells_are_read_as_years_and_months():
    assert list(read_years(pd.Series(["2023", " 2023 г. ", "2023.0", "23", "1812 год", "", "2023-01"]))) == [
        2023, 2023, 2023, 0, 0, 0, 0
    ]
    months = pd.Series(["Январь", "января", "янв.", "JAN", "September", "сент", "01", "12", "13", "Маяк"])
    assert list(read_months(months)) == [
        1, 1, 1, 1, 9, 9, 1, 12, 0, 0
    ]


def test_a_month_column_with_the_year_in_it_stays_a_date():
    rows = [["Месяц", "Выручка"]] + [[f"{MONTHS_RU[m - 1]} {y}", v] for (y, m), v in SALES.items()]
    table = read_table(csv_bytes(rows), "x.csv")
    assert match_columns(table, "seasonality").mapping == {"date": "Месяц", "amount": "Выручка"}


# ---- months as columns ------------------------------------------------------------------------------------------


def wide_by_year(months: list[str], total: str | None = "Итого") -> list[list[object]]:
    header = ["Год", *months] + ([total] if total else [])
    rows = [header]
    for year in (2022, 2023):
        values = [SALES[(year, m)] for m in range(1, 13)]
        rows.append([year, *values] + ([sum(values)] if total else []))
    return rows


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("months", [MONTHS_RU, MONTHS_EN, [f"{m:02d}" for m in range(1, 13)]],
                         ids=["russian", "english", "numbers"])
def test_wide_table_rows_are_years_and_the_total_column_is_left_out(fmt, months):
    result = report(wide_by_year(months), fmt).result  # detected without being asked
    assert result.shape == "wide_years" and result.left_out == ["Итого"]
    assert_two_year_coefficients(result)
    assert result.rows_used == 2 and result.skipped == {}
    text = render.render_seasonality(result, html=False)
    assert "Таблица с месяцами в столбцах, строки — годы (столбец «Год»)." in text
    assert "Итоги не учитывал — это суммы месяцев: «Итого»." in text


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_wide_table_of_products_by_year_with_a_total_row(fmt):
    rows = [["Год", "Товар", *MONTHS_RU, "Всего"]]
    for year in (2022, 2023):
        chairs = [SALES[(year, m)] * 0.4 for m in range(1, 13)]
        tables = [SALES[(year, m)] * 0.6 for m in range(1, 13)]
        rows += [[year, "Стулья", *chairs, sum(chairs)], [year, "Столы", *tables, sum(tables)]]
        rows.append([year, "Итого", *[SALES[(year, m)] for m in range(1, 13)], sum(chairs) + sum(tables)])
    result = report(rows, fmt).result
    assert_two_year_coefficients(result)
    assert result.left_out == ["Всего", "Итого"]
    assert result.rows_used == 4 and result.rows_total == 4


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_wide_table_with_the_year_in_each_month_header(fmt):
    header = [f"{MONTHS_RU[m - 1][:3]} {y}" for y, m in SALES]
    rows = [["Отдел", *header, "Итого"], ["Розница", *[v / 4 for v in SALES.values()], 0],
            ["Опт", *[v * 3 / 4 for v in SALES.values()], 0]]
    result = report(rows, fmt).result
    assert result.shape == "wide_dated"
    assert_two_year_coefficients(result)


def test_wide_table_with_excel_dates_as_headers():
    rows = [["Товар", *[datetime(y, m, 1) for y, m in SALES]], ["Всё", *SALES.values()]]
    table = read_table(xlsx_bytes(rows), "x.xlsx")
    layout = wide_layout(table)
    assert layout is not None and layout.dated
    assert_two_year_coefficients(report(rows, "xlsx").result)


def test_wide_table_ends_at_the_last_filled_month():
    rows = wide_by_year(MONTHS_RU, total=None)
    rows.append([2024, 160, 160, 160, 160, 160, 160, "", "", "", "", "", ""])
    result = report(rows, "csv").result
    assert result.months[-1].month == date(2024, 6, 1) and len(result.months) == 30


def test_month_headers_are_told_from_other_headers():
    assert month_of_header("Январь") == (1, None)
    assert month_of_header("сент.") == (9, None)
    assert month_of_header("Янв 2023") == (1, 2023)
    assert month_of_header("jan-23") == (1, 2023)
    assert month_of_header("2023-01") == (1, 2023)
    assert month_of_header("2023-03-01") == (3, 2023)
    assert month_of_header("01.2023") == (1, 2023)
    assert month_of_header("Маржа") is None and month_of_header("Марка 2023") is None
    assert month_of_header("Итого") is None and month_of_header("Товар") is None


def test_a_few_numbered_columns_are_not_months():
    rows = [["Товар", "1", "2", "3", "4", "5", "6", "7"], ["А", 1, 2, 3, 4, 5, 6, 7]]
    assert wide_layout(read_table(csv_bytes(rows), "x.csv")) is None


# ---- one year: the profile, not a refusal ---------------------------------------------------------------------


def one_year_of_products() -> list[list[object]]:
    chairs = [round(v * 0.3, 2) for v in YEAR]
    tables = [v - c for v, c in zip(YEAR, chairs, strict=True)]
    return [
        ["Товар", *MONTHS_EN, "Total"],
        ["Стулья", *chairs, sum(chairs)],
        ["Столы", *tables, sum(tables)],
        ["Итого", *YEAR, sum(YEAR)],
    ]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_one_year_of_products_shows_the_profile_and_how_many_months_coefficients_need(fmt):
    outcome = report(one_year_of_products(), fmt)
    result = outcome.result
    assert result.shape == "wide_products" and result.undated and not result.enough_years
    assert result.plan == [] and result.months_needed == 24
    whole = sum(YEAR)
    assert [round(m.share, 6) for m in result.profile] == [round(100 * v / whole, 6) for v in YEAR]
    assert result.profile_peak.name == "декабрь" and result.profile_low.name == "июль"
    assert result.left_out == ["Total", "Итого"]
    text = outcome.text_plain
    assert "12 месяцев одного года — какого, в файле не сказано" in text
    assert "нужно хотя бы 24 месяца продаж, а в файле 12 месяцев. Добавьте ещё 12 месяцев" in text
    assert "Профиль года — доля месяца в продажах года:" in text
    assert f"дек {100 * 220 / whole:.1f} %".replace(".", ",").replace(" %", "\u00a0%") in text
    assert "Пик — декабрь (" in text and "спад — июль (" in text
    assert "в 4,4 раза больше" in text  # 220 / 50
    assert "План" not in text and "Коэффициенты сезонности" not in text


def test_one_year_from_a_date_column_profiles_the_last_twelve_months():
    rows = [["Дата", "Сумма"]] + [[f"01.{m:02d}.2022", v] for m, v in enumerate(YEAR, start=1)]
    rows += [["01.01.2023", 45], ["01.02.2023", 40], ["01.03.2023", 50]]  # a 15-month file
    result = report(rows, "csv", kind="seasonality").result
    assert len(result.months) == 15 and not result.enough_years
    assert result.profile_span == (date(2022, 4, 1), date(2023, 3, 1))
    last_twelve = dict(zip(range(4, 13), YEAR[3:], strict=True)) | {1: 45, 2: 40, 3: 50}
    whole = sum(last_twelve.values())
    assert {m.month: round(m.share, 6) for m in result.profile} == {
        m: round(100 * v / whole, 6) for m, v in last_twelve.items()
    }
    text = render.render_seasonality(result, html=False)
    assert "доля месяца в продажах за апрель 2022 — март 2023" in text
    assert "а в файле 15 месяцев. Добавьте ещё 9 месяцев" in text


def test_less_than_a_year_is_still_refused():
    rows = [["Товар", *MONTHS_RU[:8]], ["А", *YEAR[:8]]]
    with pytest.raises(NotEnoughData) as error:
        analyse(csv_bytes(rows), "x.csv", kind="seasonality")
    assert "8 месяцев" in error.value.user_message


def test_one_year_outputs_excel_and_chart():
    result = report(one_year_of_products(), "csv").result
    book = load_workbook(io.BytesIO(xlsx.seasonality_to_xlsx(result)))
    assert book.sheetnames == ["Профиль года", "Продажи по месяцам", "Сводка"]
    profile = list(book["Профиль года"].iter_rows(values_only=True))
    assert profile[0] == ("Месяц", "Продажи", "Доля года, %")
    assert profile[12][:2] == ("декабрь", 220)
    months = list(book["Продажи по месяцам"].iter_rows(values_only=True))
    assert months[1] == ("январь", 90)
    png = charts.seasonality_to_png(result)
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5000


def test_detection_prefers_seasonality_for_shapes_without_a_date_column():
    rows = [["Год", "Месяц", "Выручка"]] + [[y, MONTHS_RU[m - 1], v] for (y, m), v in SALES.items()]
    assert detect_kind(read_table(csv_bytes(rows), "x.csv")).kind == "seasonality"
    assert detect_kind(read_table(csv_bytes(wide_by_year(MONTHS_RU)), "x.csv")).kind == "seasonality"
