"""Numbers, dates and client keys as Russian and English exports write them."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from services.analytics.engine import skips
from services.analytics.engine.values import client_keys, month_only, parse_dates, parse_numbers, read_dates

from .helpers import csv_bytes, table_of


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1 200,50", 1200.5),
        ("1\u00a0200\u00a0300,5", 1200300.5),
        ("1\u202f000", 1000.0),
        ("1 234,50 ₽", 1234.5),
        ("1 234 руб.", 1234.0),
        ("$1,234.50", 1234.5),
        ("€ 99,90", 99.9),
        ("1.234.567,89", 1234567.89),
        ("2,500,000", 2500000.0),
        ("(300)", -300.0),
        ("−15", -15.0),
        ("300-", -300.0),
        ("12,5", 12.5),
        ("0.42", 0.42),
        (" 42 ", 42.0),
    ],
)
def test_numbers(text, value):
    assert parse_numbers(pd.Series([text]))[0] == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "NA", "нет", "abc", "1,2,3,4.5.6", "#Н/Д"])
def test_unreadable_numbers_are_nan(text):
    assert np.isnan(parse_numbers(pd.Series([text, "1"]))[0])


def test_a_lone_comma_is_decimal_unless_the_column_shows_thousands():
    assert parse_numbers(pd.Series(["1,234", "5,5"])).tolist() == [1.234, 5.5]
    assert parse_numbers(pd.Series(["1,234", "1,234,567.50"])).tolist() == [1234.0, 1234567.5]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("05.03.2023", "2023-03-05T00:00:00"),
        ("5.3.2023", "2023-03-05T00:00:00"),
        ("05.03.2023 14:30", "2023-03-05T14:30:00"),
        ("05.03.2023 14:30:15", "2023-03-05T14:30:15"),
        ("05.03.23", "2023-03-05T00:00:00"),
        ("2023-03-05", "2023-03-05T00:00:00"),
        ("2023-03-05 14:30:00", "2023-03-05T14:30:00"),
        ("2023-03-05T14:30:00", "2023-03-05T14:30:00"),
        ("2023-03-05T14:30:00.123+03:00", "2023-03-05T14:30:00"),
        ("3/5/2023", "2023-03-05T00:00:00"),
        ("12/06/2010 10:08", "2010-12-06T10:08:00"),
        ("1/25/11 13:55", "2011-01-25T13:55:00"),
        ("44927", "2023-01-01T00:00:00"),
        ("15 января 2023", "2023-01-15T00:00:00"),
        ("Январь 2023", "2023-01-01T00:00:00"),
        ("янв 2023", "2023-01-01T00:00:00"),
        ("2023-01", "2023-01-01T00:00:00"),
        ("01.2023", "2023-01-01T00:00:00"),
        ("05.03.2023 г.", "2023-03-05T00:00:00"),
    ],
)
def test_dates(text, expected):
    assert str(parse_dates(pd.Series([text]))[0]) == expected


@pytest.mark.parametrize(
    "text", ["31.02.2023", "31.04.2023", "2023-02-30", "2/30/2023", "не закрыта", "", "NA", "99999"]
)
def test_impossible_or_missing_dates_are_nat(text):
    assert np.isnat(parse_dates(pd.Series([text, "01.01.2023"]))[0])


def test_day_first_is_recognised_from_the_column_itself():
    parsed = parse_dates(pd.Series(["13/01/2023", "05/02/2023"]))
    assert [str(d)[:10] for d in parsed] == ["2023-01-13", "2023-02-05"]


def test_mixed_formats_in_one_column():
    parsed = parse_dates(pd.Series(["12/10/2010 17:14", "1/25/11 13:55", "02/08/2011 11:07"]))
    assert [str(d) for d in parsed] == ["2010-12-10T17:14:00", "2011-01-25T13:55:00", "2011-02-08T11:07:00"]


def test_client_keys_drop_float_tails_and_missing_markers():
    keys = client_keys(pd.Series(["17850.0", " Иванов ", "NA", "", "12.5", "0274001"])).to_pylist()
    assert keys == ["17850", "Иванов", None, None, "12.5", "0274001"]


def test_month_only_columns():
    assert month_only(pd.Series(["Январь 2023", "2023-02", "03.2023"]))
    assert not month_only(pd.Series(["05.03.2023", "Январь 2023"]))


# ---- issue 15, item 6: a non-finite amount is an unreadable one ---------------------------------------------


@pytest.mark.parametrize("text", ["inf", "Infinity", "-inf", "-Infinity", "1e400", "1E+999", "1e20", "∞"])
def test_infinite_or_absurd_numbers_are_unreadable(text):
    assert np.isnan(parse_numbers(pd.Series([text, "100"]))).tolist() == [True, False]
    # the same through the slow path (a column that also holds Russian-style numbers)
    assert np.isnan(parse_numbers(pd.Series([text, "1 200,50"]))).tolist() == [True, False]


def test_an_infinite_amount_is_skipped_in_rfm_not_a_crash():
    from services.analytics.engine.pipeline import analyse

    rows = [["Клиент", "Дата", "Сумма"]] + [[f"Клиент {i % 7}", f"{1 + i % 28:02d}.03.2023", str(100 + i)]
                                            for i in range(40)]
    rows[3][2], rows[9][2], rows[17][2] = "inf", "Infinity", "1e400"
    report = analyse(csv_bytes(rows), "inf.csv", kind="rfm")
    assert report.result.skipped == {"bad_amount": 3}
    assert report.result.rows_used == 37 and np.isfinite(report.result.revenue)
    assert "сумма не читается" in report.text_plain


# ---- issue 15, item 7: dates out of any sensible range -------------------------------------------------------

TODAY = date(2024, 6, 15)


def test_a_written_out_year_keeps_its_century():
    raw = parse_dates(pd.Series(["01.01.0001", "31.12.9999", "0001-01-01", "15 января 0023", "янв 23"]))
    assert [str(v) for v in raw.astype("datetime64[D]")] == ["NaT", "NaT", "NaT", "NaT", "2023-01-01"]


def test_future_and_deep_past_dates_are_set_apart_from_unreadable_ones():
    column = pd.Series(["01.06.2024", "16.06.2024", "18.06.2024", "31.12.9999", "05.05.2031",
                        "01.01.0001", "01.01.1900", "31.12.1989", "01.01.1990", "32.01.2024", ""])
    dates = read_dates(column, today=TODAY)
    shown = [str(v) for v in dates.values.astype("datetime64[D]")]
    assert shown == ["2024-06-01", "2024-06-16", "NaT", "NaT", "NaT", "NaT", "NaT", "NaT", "1990-01-01", "NaT", "NaT"]
    assert dates.future.tolist() == [False, False, True, True, True, False, False, False, False, False, False]
    assert dates.past.tolist() == [False, False, False, False, False, True, True, True, False, False, False]
    assert dates.missing.tolist() == [False] * 9 + [True, True]


def test_skipped_dates_are_counted_and_explained_by_reason():
    column = pd.Series(["01.06.2024"] * 5 + ["01.06.2031"] * 3 + ["01.01.0001"] + ["нет"])
    keep = skips.drop_dates(np.ones(len(column), dtype=bool), read_dates(column, today=TODAY), skipped := {})
    assert keep.tolist() == [True] * 5 + [False] * 5
    assert skipped == {"future_date": 3, "past_date": 1, "bad_date": 1}
    assert skips.explain("future_date") == "дата в будущем"
    assert skips.explain("past_date") == "дата раньше 1990 года"


def test_one_date_in_year_9999_does_not_become_the_reference_date():
    from services.analytics.engine import rfm
    from services.analytics.engine.columns import match_columns

    rows = [["Клиент", "Дата", "Сумма"], ["Анна", "01.03.2023", "100"], ["Борис", "10.03.2023", "200"],
            ["Вера", "31.12.9999", "300"], ["Анна", "01.01.0001", "50"]]
    table = table_of(rows)
    result = rfm.compute(table, match_columns(table, "rfm").mapping)
    assert result.reference_date == date(2023, 3, 10)
    assert result.period_start == date(2023, 3, 1)
    assert sum(result.skipped.values()) == 2


def test_the_value_words_file_is_valid_and_a_broken_one_is_refused(tmp_path):
    from pydantic import ValidationError

    from services.analytics.engine.values import load_value_words

    words = load_value_words()
    assert words.months["мая"] == 5 and "руб" in words.currency and "н/д" in words.missing
    broken = tmp_path / "values.yaml"
    broken.write_text("missing: []\ncurrency: [руб]\nyear_words: [г]\nmonths: {янв: 13}\n", encoding="utf-8")
    with pytest.raises(ValidationError):
        load_value_words(broken)
