"""The three real files in ../shared/data, as they are (mess included)."""

from __future__ import annotations

import pytest

from services.analytics.engine import Question, Report, analyse
from services.analytics.engine.columns import match_columns
from services.analytics.engine.detect import detect_kind
from services.analytics.engine.reader import read_table

from .helpers import SHARED_DATA

UCI = SHARED_DATA / "online_retail_uk_2010-12.csv"
SAMPLE = SHARED_DATA / "online_retail_sample_semicolon.csv"
CRM = SHARED_DATA / "crm_sales_pipeline.csv"

pytestmark = pytest.mark.skipif(not UCI.exists(), reason="shared/data is not next to the repository")


def test_uci_file_bom_cancellations_and_lines_quoted_whole():
    table = read_table(UCI.read_bytes(), UCI.name)
    assert table.encoding == "utf-8-sig"
    assert table.headers[0] == "InvoiceNo"  # no BOM glued to the first header
    assert table.rows_total == 8373 and table.malformed_rows == 0  # the ~120 quoted lines are repaired
    assert table.df.iloc[109]["Description"] == "AIRLINE LOUNGE,METAL SIGN"
    report = analyse(UCI.read_bytes(), UCI.name)
    assert isinstance(report, Report) and report.kind == "rfm"
    result = report.result
    assert result.skipped == {"no_client": 2290, "cancelled": 95}
    assert result.rows_used == 8373 - 2290 - 95
    assert result.frequency_basis == "orders"
    assert str(result.period_start) == "2010-12-01" and str(result.period_end) == "2010-12-05"
    assert result.total_clients == result.clients["client"].nunique()
    assert "17850" in set(result.clients["client"])  # "17850.0" in the file
    assert "не указан клиент — 2" in report.text_plain


def test_semicolon_sample_with_na_index_columns_and_mixed_dates():
    table = read_table(SAMPLE.read_bytes(), SAMPLE.name)
    assert table.separator == ";" and table.rows_total == 5000
    assert detect_kind(table).kind == "rfm"
    mapping = match_columns(table, "rfm").mapping
    assert mapping["client"] == "CustomerID" and mapping["date"] == "InvoiceDate"
    report = analyse(SAMPLE.read_bytes(), SAMPLE.name)
    result = report.result
    assert result.skipped == {"no_client": 1792}  # "NA" customer ids
    assert str(result.period_start) == "2010-12-01" and str(result.period_end) == "2011-02-23"


def test_crm_pipeline_snapshot():
    report = analyse(CRM.read_bytes(), CRM.name)
    assert isinstance(report, Report) and report.kind == "funnel"
    result = report.result
    # Issue 14: every lost deal has an engage_date (it reached Engaging); open deals are not lost.
    assert list(zip(result.stages, result.reached, strict=True)) == [
        ("Prospecting", 8800), ("Engaging", 8300), ("Won", 4238)
    ]
    assert result.lost_total == 2473
    assert result.win_rate == pytest.approx(100 * 4238 / (4238 + 2473))
    assert len(result.managers) == 30
    assert result.managers[0].name in report.text_html


def test_seasonality_on_a_five_day_file_is_refused_clearly():
    from services.analytics.engine.errors import NotEnoughData

    with pytest.raises(NotEnoughData):
        analyse(UCI.read_bytes(), UCI.name, kind="seasonality")


def test_crm_file_as_rfm_asks_which_date_to_use():
    outcome = analyse(CRM.read_bytes(), CRM.name, kind="rfm")
    assert isinstance(outcome, Question) and outcome.topic == "column" and outcome.role == "date"
    assert [c.value for c in outcome.choices] == ["engage_date", "close_date"]
