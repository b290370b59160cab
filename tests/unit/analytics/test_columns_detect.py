"""Header matching (Russian and English exports) and what-kind-of-file detection."""

from __future__ import annotations

import pytest
import yaml
from pydantic import ValidationError

from services.analytics.engine.columns import match_columns, role_title
from services.analytics.engine.content import ANALYTICS_DIR, load_columns
from services.analytics.engine.detect import detect_kind

from .helpers import table_of

AMOCRM = [
    [
        "ID",
        "Название сделки",
        "Бюджет ",
        "Ответственный",
        "Дата создания сделки",
        "Дата закрытия",
        "Этап сделки",
        "Воронка",
    ],
    ["1", "Окна для ЖК", "120 000", "Анна", "01.02.2023", "15.03.2023", "Успешно реализовано", "Продажи"],
    ["2", "Дача", "40 000", "Борис", "03.02.2023", "не закрыта", "Переговоры", "Продажи"],
    ["3", "Офис", "75 000", "Анна", "05.02.2023", "20.02.2023", "Закрыто и не реализовано", "Продажи"],
    ["4", "Коттедж", "300 000", "Борис", "07.02.2023", "не закрыта", "Первичный контакт", "Продажи"],
]


def test_english_retail_headers():
    table = table_of(
        [
            ["InvoiceNo", "StockCode", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID"],
            ["536365", "85123A", "6", "2010-12-01 08:26:00", "2.55", "17850.0"],
        ],
        sep=",",
    )
    match = match_columns(table, "rfm")
    assert match.mapping == {
        "client": "CustomerID",
        "date": "InvoiceDate",
        "quantity": "Quantity",
        "price": "UnitPrice",
        "order": "InvoiceNo",
    }
    assert match.complete


def test_amocrm_deal_headers_with_the_trailing_space_in_budget():
    match = match_columns(table_of(AMOCRM), "funnel")
    assert match.mapping["stage"] == "Этап сделки"
    assert match.mapping["amount"] == "Бюджет "
    assert match.mapping["manager"] == "Ответственный"
    assert match.mapping["created"] == "Дата создания сделки"
    assert match.mapping["deal"] == "ID"


def test_two_equally_good_client_columns_are_ambiguous_and_keep_both_choices():
    table = table_of([["Клиент", "Покупатель", "Дата", "Сумма"], ["А", "Б", "01.01.2023", "1"]])
    match = match_columns(table, "rfm")
    assert match.ambiguous == {"client": ["Клиент", "Покупатель"]}
    assert "client" not in match.mapping
    assert not match.complete


def test_the_users_pick_resolves_an_ambiguity():
    table = table_of([["Клиент", "Покупатель", "Дата", "Сумма"], ["А", "Б", "01.01.2023", "1"]])
    match = match_columns(table, "rfm", preset={"client": "Покупатель"})
    assert match.mapping["client"] == "Покупатель" and match.complete


def test_missing_amount_is_reported_when_there_is_neither_sum_nor_quantity_and_price():
    table = table_of([["Контрагент", "Дата", "Комментарий"], ["А", "01.01.2023", "x"]])
    match = match_columns(table, "rfm")
    assert match.missing == ["amount"]


def test_a_date_header_over_values_that_are_not_dates_is_not_proposed():
    table = table_of([["Клиент", "Дата", "Сумма"], ["А", "скоро", "1"], ["Б", "потом", "2"]])
    assert match_columns(table, "rfm").missing == ["date"]


def test_role_titles_are_russian():
    assert role_title("client") == "Клиент"
    assert role_title("stage") == "Этап"


def test_detects_transactions_as_rfm():
    rows = [["Номер заказа", "Покупатель", "Дата", "Сумма"]] + [
        [str(100 + i), f"Клиент {i % 3}", f"{i + 1:02d}.03.2023", "100"] for i in range(9)
    ]
    detection = detect_kind(table_of(rows))
    assert detection.kind == "rfm"
    assert detection.confidence >= 0.6
    assert detection.reason


def test_detects_a_deals_export_as_funnel_even_with_clients_dates_and_budgets():
    assert detect_kind(table_of(AMOCRM)).kind == "funnel"


def test_detects_stage_counts_as_funnel():
    rows = [["Этап", "Количество"], ["Лиды", "1000"], ["Встреча", "300"], ["КП", "120"], ["Оплата", "40"]]
    assert detect_kind(table_of(rows)).kind == "funnel"


def test_detects_monthly_sales_as_seasonality():
    rows = [["Месяц", "Выручка"]] + [[f"{(i % 12) + 1:02d}.{2022 + i // 12}", str(100 + i)] for i in range(24)]
    assert detect_kind(table_of(rows)).kind == "seasonality"


@pytest.mark.parametrize(
    "rows",
    [
        [["Артикул", "Описание"], ["1", "Окно"], ["2", "Дверь"]],
        [["Клиент", "Комментарий"], ["А", "позвонить"], ["Б", "написать"]],
    ],
)
def test_unsure_detection_offers_all_kinds(rows):
    detection = detect_kind(table_of(rows))
    assert detection.kind is None
    assert set(detection.alternatives) <= {"rfm", "funnel", "seasonality"} and detection.alternatives


def test_column_synonyms_are_content_validated_on_load(tmp_path):
    synonyms = load_columns(ANALYTICS_DIR / "columns.yaml")
    assert synonyms.for_role("rfm", "count")["количествопокупок"] == 100
    assert synonyms.for_role("funnel", "count")["количество"] == 100  # a kind's own synonyms
    assert "количество" not in synonyms.for_role("rfm", "count")
    source = yaml.safe_load((ANALYTICS_DIR / "columns.yaml").read_text(encoding="utf-8"))
    for broken, problem in (
        ({**source, "roles": {**source["roles"], "client": {"Имя клиента": 100}}}, "compact"),
        ({**source, "roles": {**source["roles"], "buyer": {"buyer": 100}}}, "unknown roles"),
        ({**source, "roles": {**source["roles"], "client": {"клиент": 300}}}, "1–100"),
    ):
        path = tmp_path / "columns.yaml"
        path.write_text(yaml.safe_dump(broken, allow_unicode=True), encoding="utf-8")
        with pytest.raises(ValidationError, match=problem):
            load_columns(path)
