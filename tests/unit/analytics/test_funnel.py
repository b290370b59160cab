"""Funnel conversion on hand-checked stage counts, deal snapshots and stage events."""

from __future__ import annotations

import pytest

from services.analytics.engine import funnel
from services.analytics.engine.columns import match_columns
from services.analytics.engine.funnel import FunnelOptions

from .helpers import table_of


def run(rows, options: FunnelOptions | None = None):
    table = table_of(rows)
    return funnel.compute(table, match_columns(table, "funnel").mapping, options)


def stage_table(result):
    return [
        (s.name, s.reached, s.moved_on, None if s.conversion is None else round(s.conversion, 2), s.drop)
        for s in result.stages
    ]


def test_stage_counts_use_the_seeds_formula():
    rows = [
        ["Этап", "Количество"],
        ["Лиды", "1 000"],
        ["Квалификация", "600"],
        ["Встреча", "300"],
        ["КП", "150"],
        ["Оплата", "60"],
    ]
    result = run(rows)
    assert result.mode == "counts"
    assert stage_table(result) == [
        ("Лиды", 1000, 600, 60.0, 400),
        ("Квалификация", 600, 300, 50.0, 300),
        ("Встреча", 300, 150, 50.0, 150),
        ("КП", 150, 60, 40.0, 90),
        ("Оплата", 60, None, None, None),
    ]
    assert result.overall_conversion == pytest.approx(6.0)
    assert result.bottleneck.name == "КП"
    assert result.key_stage.name == "КП"  # by default the step before won


AMO_HEADER = [
    "ID",
    "Название сделки",
    "Бюджет ",
    "Ответственный",
    "Дата создания сделки",
    "Дата закрытия",
    "Этап сделки",
    "Причина отказа",
]


def amocrm_rows():
    def deal(i, stage, manager, budget="10 000", closed="не закрыта", reason=""):
        return [str(i), f"Сделка #{i}", budget, manager, "01.02.2023", closed, stage, reason]

    return [
        AMO_HEADER,
        deal(1, "Неразобранное", "Борис"),
        deal(2, "Неразобранное", "Борис"),
        deal(3, "Первичный контакт", "Борис"),
        deal(4, "Первичный контакт", "Борис"),
        deal(5, "Первичный контакт", "Борис"),
        deal(6, "Переговоры", "Анна"),
        deal(7, "Переговоры", "Борис"),
        deal(8, "Принимают решение", "Борис"),
        deal(9, "Согласование договора", "Борис"),
        deal(10, "Успешно реализовано", "Анна", "100 000", "10.03.2023"),
        deal(11, "Успешно реализовано", "Анна", "200 000", "11.03.2023"),
        deal(12, "Успешно реализовано", "Анна", "50 000", "12.03.2023"),
        deal(13, "Закрыто и не реализовано", "Анна", closed="05.03.2023", reason="Дорого"),
        deal(14, "Закрыто и не реализовано", "Борис", closed="05.03.2023", reason="Дорого"),
        deal(15, "Закрыто и не реализовано", "Борис", closed="06.03.2023", reason="Выбрали конкурента"),
        deal(16, "Закрыто и не реализовано", "Борис", closed="07.03.2023"),
    ]


def test_amocrm_deals_snapshot():
    result = run(amocrm_rows())
    assert result.mode == "deals"
    assert result.pipeline_name == "amoCRM, воронка по умолчанию"
    # A deal at stage k passed every stage before k; lost deals count only at the first stage.
    assert stage_table(result) == [
        ("Неразобранное", 16, 10, 62.5, 6),
        ("Первичный контакт", 10, 7, 70.0, 3),
        ("Переговоры", 7, 5, 71.43, 2),
        ("Принимают решение", 5, 4, 80.0, 1),
        ("Согласование договора", 4, 3, 75.0, 1),
        ("Успешно реализовано", 3, None, None, None),
    ]
    assert result.overall_conversion == pytest.approx(18.75)
    assert result.lost_total == 4
    assert result.bottleneck.name == "Неразобранное"
    assert result.key_stage.name == "Согласование договора"
    assert result.won_revenue == 350_000  # from "Бюджет " with its trailing space


def test_per_manager_conversion_and_lost_reasons():
    result = run(amocrm_rows())
    managers = {m.name: (m.deals, m.won, round(m.conversion, 1), m.revenue) for m in result.managers}
    assert managers == {"Анна": (5, 3, 60.0, 350_000), "Борис": (11, 0, 0.0, 0)}
    assert result.lost_reasons == [("Дорого", 2), ("Выбрали конкурента", 1)]


def test_a_lost_deal_counts_up_to_the_stage_the_file_says_it_was_lost_at():
    rows = [
        [*row, stage]
        for row, stage in zip(amocrm_rows(), ["Этап отказа"] + [""] * 12 + ["Переговоры"] * 4, strict=True)
    ]
    result = run(rows)
    assert [s.reached for s in result.stages] == [16, 14, 11, 5, 4, 3]


def test_the_user_marks_the_key_stage():
    result = run(amocrm_rows(), FunnelOptions(key_stage="переговоры"))
    assert result.key_stage.name == "Переговоры"
    assert result.key_stage.conversion == pytest.approx(500 / 7)


EVENTS = [
    ["Сделка", "Этап", "Дата"],
    ["1", "Новый", "01.03.2023"],
    ["1", "Встреча", "03.03.2023"],
    ["1", "КП", "08.03.2023"],
    ["1", "Оплата", "10.03.2023"],
    ["2", "Новый", "02.03.2023"],
    ["2", "Встреча", "06.03.2023"],
    ["2", "Отказ", "07.03.2023"],
    ["3", "Новый", "05.03.2023"],
    ["3", "Встреча", "06.03.2023"],
    ["3", "КП", "07.03.2023"],
    ["4", "Новый", "09.03.2023"],
]


def test_stage_events_give_the_furthest_stage_and_median_time_in_stage():
    table = table_of(EVENTS)
    mapping = match_columns(table, "funnel").mapping
    assert funnel.funnel_mode(table, mapping) == "events"
    assert funnel.needs_confirmation(table, mapping)  # unknown names: the order is a proposal
    assert funnel.propose_stage_order(table, mapping).stages == ["Новый", "Встреча", "КП", "Оплата"]
    result = funnel.compute(table, mapping)
    assert [(s.name, s.reached) for s in result.stages] == [("Новый", 4), ("Встреча", 3), ("КП", 2), ("Оплата", 1)]
    assert result.lost_total == 1
    assert [s.median_days for s in result.stages] == [2.0, 1.0, 2.0, None]


def test_stages_outside_the_users_order_are_skipped_and_explained():
    result = run(EVENTS, FunnelOptions(stage_order=["Новый", "КП", "Оплата"]))
    assert result.skipped == {"unknown_stage": 3}
    assert [s.name for s in result.stages] == ["Новый", "КП", "Оплата"]


def test_bitrix24_stage_ids():
    rows = [["ID", "STAGE_ID", "OPPORTUNITY", "ASSIGNED_BY"]] + [
        [str(i), stage, "1000", "7"]
        for i, stage in enumerate(["C1:NEW", "C1:NEW", "C1:PREPARATION", "C1:EXECUTING", "C1:WON", "C1:LOSE"])
    ]
    result = run(rows)
    assert result.pipeline_name == "Битрикс24, воронка по умолчанию"
    assert [s.reached for s in result.stages] == [6, 3, 2, 2, 1, 1]
    assert result.stages[-1].name == "C1:WON"
    assert result.lost_total == 1


def test_unknown_snapshot_stages_are_ordered_by_their_words():
    rows = [
        ["Стадия", "Сумма"],
        ["Переговоры", "1"],
        ["Новый клиент", "1"],
        ["Оплачено", "1"],
        ["Отказ", "1"],
        ["КП отправлено", "1"],
        ["Встреча назначена", "1"],
        ["Новый клиент", "1"],
    ]
    table = table_of(rows)
    order = funnel.propose_stage_order(table, match_columns(table, "funnel").mapping)
    assert order.stages == ["Новый клиент", "Встреча назначена", "КП отправлено", "Переговоры", "Оплачено"]
    assert order.lost == ["Отказ"]
