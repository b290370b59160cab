"""RFM on small hand-checked files: every rule of the issue, one by one."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from services.analytics.engine import rfm
from services.analytics.engine.columns import match_columns
from services.analytics.engine.errors import NotEnoughData
from services.analytics.engine.rfm import RfmOptions
from services.analytics.engine.rfm_scores import RfmThresholds, parse_thresholds

from .helpers import table_of

# cp1251, ";", decimal comma, dd.mm.yyyy — as 1C writes it.
SHOP = [
    ["Номер заказа", "Покупатель", "Дата", "Сумма", "Статус"],
    ["101", "Анна", "01.03.2023", "1 000,00", "Выполнен"],
    ["101", "Анна", "01.03.2023", "500,00", "Выполнен"],
    ["102", "Борис", "05.03.2023", "200,00", "Выполнен"],
    ["103", "Анна", "10.03.2023", "300,00", "Выполнен"],
    ["C104", "Борис", "11.03.2023", "-200,00", ""],  # cancelled: order starts with C
    ["105", "Вера", "15.03.2023", "5 000,00", "Возврат"],  # cancelled: status
    ["106", "", "16.03.2023", "100", "Выполнен"],  # no client
    ["107", "Вера", "32.03.2023", "100", "Выполнен"],  # unreadable date
    ["108", "Вера", "20.03.2023", "abc", "Выполнен"],  # unreadable amount
    ["109", "Григорий", "25.03.2023", "0", "Выполнен"],  # amount not > 0
    ["110", "Вера", "20.03.2023", "700", "Выполнен"],
    ["111", "Григорий", "31.03.2023", "50", "Выполнен"],
    ["112", "Борис", "31.03.2023", "400", "Выполнен"],
]


def shop_result(options: RfmOptions | None = None, rows=SHOP):
    table = table_of(rows)
    mapping = match_columns(table, "rfm").mapping
    return rfm.compute(table, mapping, options or RfmOptions())


def by_client(result) -> dict[str, dict]:
    return {row["client"]: row for row in result.clients.to_dict("records")}


def test_the_shop_file_maps_its_russian_headers():
    mapping = match_columns(table_of(SHOP), "rfm").mapping
    assert mapping == {
        "client": "Покупатель",
        "date": "Дата",
        "amount": "Сумма",
        "order": "Номер заказа",
        "status": "Статус",
    }


def test_raw_values_follow_the_definitions():
    result = shop_result()
    clients = by_client(result)
    assert list(clients) == ["Анна", "Борис", "Вера", "Григорий"]  # order of appearance
    assert result.reference_date == date(2023, 3, 31)  # the latest purchase in the file
    assert {c: v["recency"] for c, v in clients.items()} == {"Анна": 21, "Борис": 0, "Вера": 11, "Григорий": 0}
    # Frequency = distinct order numbers: Анна's order 101 has two lines.
    assert {c: v["frequency"] for c, v in clients.items()} == {"Анна": 2, "Борис": 2, "Вера": 1, "Григорий": 1}
    assert {c: v["monetary"] for c, v in clients.items()} == {"Анна": 1800, "Борис": 600, "Вера": 700, "Григорий": 50}
    assert result.revenue == 3150
    assert (result.period_start, result.period_end) == (date(2023, 3, 1), date(2023, 3, 31))


def test_every_unusable_row_is_counted_under_its_reason():
    result = shop_result()
    assert result.skipped == {"cancelled": 2, "no_client": 1, "bad_date": 1, "bad_amount": 1, "non_positive_amount": 1}
    assert result.rows_used == 7
    assert result.rows_total == 13


def test_scores_codes_and_segments():
    clients = by_client(shop_result())
    assert {c: v["rfm"] for c, v in clients.items()} == {
        "Анна": "123",
        "Борис": "331",
        "Вера": "212",
        "Григорий": "311",
    }
    assert {c: v["segment"] for c, v in clients.items()} == {
        "Анна": "Под угрозой",
        "Борис": "Потенциально лояльные",
        "Вера": "Засыпающие",
        "Григорий": "Новые",
    }


def test_segment_table_counts_clients_and_revenue_share():
    result = shop_result()
    segments = {s.name: s for s in result.segments}
    assert segments["Под угрозой"].clients == 1
    assert segments["Под угрозой"].revenue_share == pytest.approx(100 * 1800 / 3150)
    assert sum(s.clients for s in result.segments) == 4
    assert sum(s.revenue_share for s in result.segments) == pytest.approx(100)
    assert len(result.top_actions) == 3
    assert result.top_actions[0].name == "Под угрозой"  # the biggest weight × revenue share


def test_ties_are_broken_by_order_of_appearance():
    rows = [["Клиент", "Дата", "Сумма"]] + [[name, "01.03.2023", "100"] for name in ("А", "Б", "В")]
    clients = by_client(shop_result(rows=rows))
    # Equal values: ranks follow the file (like pandas' rank(method="first")), then cut into 3 groups.
    assert [clients[c]["f"] for c in "АБВ"] == [1, 2, 3]
    assert [clients[c]["m"] for c in "АБВ"] == [1, 2, 3]
    assert [clients[c]["r"] for c in "АБВ"] == [3, 2, 1]


def test_without_an_order_column_frequency_counts_rows_and_amount_is_quantity_times_price():
    rows = [
        ["Клиент", "Дата", "Количество", "Цена"],
        ["Анна", "01.03.2023", "2", "150,5"],
        ["Анна", "01.03.2023", "1", "10"],
        ["Борис", "02.03.2023", "3", "100"],
    ]
    result = shop_result(rows=rows)
    clients = by_client(result)
    assert result.frequency_basis == "rows"
    assert clients["Анна"]["frequency"] == 2
    assert clients["Анна"]["monetary"] == pytest.approx(311.0)
    assert clients["Борис"]["monetary"] == pytest.approx(300.0)


def test_five_point_scale():
    rows = [["Клиент", "Дата", "Сумма"]] + [[f"К{i}", f"{i + 1:02d}.03.2023", str(100 * (i + 1))] for i in range(10)]
    clients = by_client(shop_result(RfmOptions(scale=5), rows=rows))
    assert [clients[f"К{i}"]["m"] for i in range(10)] == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert [clients[f"К{i}"]["r"] for i in range(10)] == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    # Everyone bought once: the tie is broken by order of appearance, so F follows the file too.
    assert [clients[f"К{i}"]["f"] for i in range(10)] == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert clients["К9"]["rfm"] == "555"


def test_users_own_thresholds():
    result = shop_result(RfmOptions(thresholds=parse_thresholds("Д 10 20; Ч 2 3; С 500 1000")))
    clients = by_client(result)
    assert {c: v["rfm"] for c, v in clients.items()} == {
        "Анна": "123",
        "Борис": "322",
        "Вера": "212",
        "Григорий": "311",
    }
    assert result.scale == 3


def test_thresholds_for_some_letters_leave_the_others_to_rank_groups():
    result = shop_result(RfmOptions(thresholds=RfmThresholds(monetary=(500.0, 1000.0))))
    clients = by_client(result)
    assert [clients[c]["m"] for c in ("Анна", "Борис", "Вера", "Григорий")] == [3, 2, 2, 1]
    assert [clients[c]["f"] for c in ("Анна", "Борис", "Вера", "Григорий")] == [2, 3, 1, 1]


def test_reference_date_set_by_the_user():
    clients = by_client(shop_result(RfmOptions(reference_date=date(2023, 4, 10))))
    assert {c: v["recency"] for c, v in clients.items()} == {"Анна": 31, "Борис": 10, "Вера": 21, "Григорий": 10}


def test_purchases_after_the_reference_date_are_skipped_and_explained():
    result = shop_result(RfmOptions(reference_date=date(2023, 3, 15)))
    assert result.skipped["after_reference_date"] == 3
    assert set(by_client(result)) == {"Анна", "Борис"}


def test_client_level_file():
    rows = [
        ["Клиент", "Дата последней покупки", "Количество покупок", "Сумма покупок"],
        ["ООО Альфа", "10.01.2024", "12", "150 000"],
        ["ООО Бета", "01.12.2023", "1", "5 000"],
        ["ИП Гамма", "25.01.2024", "4", "40 000"],
    ]
    table = table_of(rows)
    match = match_columns(table, "rfm")
    assert match.mapping["count"] == "Количество покупок" and "quantity" not in match.mapping
    result = rfm.compute(table, match.mapping, RfmOptions())
    clients = by_client(result)
    assert result.mode == "clients"
    assert {c: (v["recency"], v["frequency"], v["monetary"]) for c, v in clients.items()} == {
        "ООО Альфа": (15, 12, 150000),
        "ООО Бета": (55, 1, 5000),
        "ИП Гамма": (0, 4, 40000),
    }
    assert {c: v["rfm"] for c, v in clients.items()} == {"ООО Альфа": "233", "ООО Бета": "111", "ИП Гамма": "322"}


def test_file_with_no_usable_row_is_refused_with_a_reason():
    rows = [["Клиент", "Дата", "Сумма"], ["", "01.01.2023", "100"], ["Анна", "01.01.2023", "0"]]
    with pytest.raises(NotEnoughData) as error:
        shop_result(rows=rows)
    assert "клиента" in error.value.user_message


def test_client_ids_written_as_floats_are_one_client():
    rows = [
        ["CustomerID", "InvoiceDate", "Quantity", "UnitPrice"],
        ["17850.0", "2010-12-01", "1", "2"],
        ["17850", "2010-12-02", "1", "2"],
    ]
    result = shop_result(rows=rows)
    assert result.clients["client"].tolist() == ["17850"]
    assert result.clients["frequency"].tolist() == [2]


def test_scores_are_small_integers_and_rfm_is_three_digits():
    result = shop_result()
    for letter in "rfm":
        assert result.clients[letter].between(1, 3).all()
    assert result.clients["rfm"].str.fullmatch(r"[1-3]{3}").all()
    assert np.issubdtype(result.clients["recency"].dtype, np.integer)
