"""Every analytics message must parse as Telegram HTML (checked with the stub's tdlib-compatible parser)."""

from __future__ import annotations

from services.analytics.engine import Report, analyse
from tests.conftest import SHARED_DATA
from tests.stubapi import parse_html


def test_rfm_message_of_real_file_is_valid_telegram_html() -> None:
    data = (SHARED_DATA / "online_retail_uk_2010-12.csv").read_bytes()
    report = analyse(data, "online_retail_uk_2010-12.csv")
    assert isinstance(report, Report)
    parse_html(report.text_html)  # raises on a bare "<" or a broken tag
    assert "<1" not in report.text_plain
