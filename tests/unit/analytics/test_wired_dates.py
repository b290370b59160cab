from datetime import date

from services.analytics.engine.pipeline import analyse

from .helpers import csv_bytes


def test_typo_dates_in_the_future_are_skipped_and_said():
    rows = [["Клиент", "Дата", "Сумма"]] + [[f"Клиент {i % 9}", f"{1 + i % 28:02d}.03.2023", "100"] for i in range(60)]
    for i in (5, 6, 7):
        rows[i][1] = "05.03.2031"
    rows[8][1] = "01.01.0001"
    report = analyse(csv_bytes(rows), "typos.csv", kind="rfm")
    assert report.result.reference_date == date(2023, 3, 28)
    assert report.result.skipped == {"future_date": 3, "past_date": 1}
    assert "дата в будущем — 3" in report.text_plain
    assert "дата раньше 1990 года — 1" in report.text_plain


def test_seasonality_skips_them_too():
    rows = [["Дата", "Сумма"]] + [[f"01.{1 + i % 12:02d}.{2021 + i // 12}", "100"] for i in range(30)]
    rows[3][0] = "31.12.9999"
    report = analyse(csv_bytes(rows), "season.csv", kind="seasonality")
    assert report.result.skipped == {"future_date": 1}
