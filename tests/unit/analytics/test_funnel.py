"""Funnel conversion on hand-checked stage counts, deal snapshots and stage events (the rules of issue 14:
an open deal is never lost, a loss is never placed where the file does not put it)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from services.analytics.engine import funnel
from services.analytics.engine.columns import match_columns
from services.analytics.engine.funnel import FunnelOptions
from services.analytics.engine.funnel_content import load_reading
from services.paths import CONTENT_DIR

from .helpers import table_of


def run(rows, options: FunnelOptions | None = None):
    table = table_of(rows)
    return funnel.compute(table, match_columns(table, "funnel").mapping, options)


def step_table(result):
    return [
        (s.source, s.moved_on, s.lost_here, s.still_open, s.unplaced, _rounded(s.conversion)) for s in result.steps
    ]


def _rounded(conversion: float | None) -> float | None:
    return None if conversion is None else round(conversion, 2)


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
    assert result.mode == "counts" and result.evidence == "counts"
    # moved to the next stage ÷ all leads in this stage × 100 %
    assert [(s.source, s.reached, s.moved_on, round(s.conversion, 2), s.lost_here) for s in result.steps] == [
        ("Лиды", 1000, 600, 60.0, 400),
        ("Квалификация", 600, 300, 50.0, 300),
        ("Встреча", 300, 150, 50.0, 150),
        ("КП", 150, 60, 40.0, 90),
    ]
    assert result.reached == [1000, 600, 300, 150, 60]
    assert result.overall_conversion == pytest.approx(6.0)
    assert result.bottleneck.source == "КП"
    assert result.key_step.source == "КП"  # by default the step into the won stage


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


def test_amocrm_snapshot_never_counts_open_deals_as_lost_nor_places_unknown_losses():
    result = run(amocrm_rows())
    assert result.evidence == "current_stage"
    assert result.pipeline_name == "amoCRM, воронка по умолчанию"
    # 9 open, 3 won, 4 lost with no record of where: every step might hold some of the 4 losses.
    assert (result.deals, result.won, result.lost_total, result.open_total) == (16, 3, 4, 9)
    assert result.lost_unplaced == 4
    assert [s.still_open for s in result.steps] == [2, 3, 2, 1, 1]
    assert all(s.conversion is None and s.unplaced == 4 and s.why_unknown == "unplaced" for s in result.steps)
    assert result.bottleneck is None
    assert result.key_step.source == "Согласование договора" and result.key_step.conversion is None
    assert result.win_rate == pytest.approx(100 * 3 / 7)  # won ÷ (won + lost)
    assert result.won_revenue == 350_000  # from "Бюджет " with its trailing space
    assert not result.reach_exact


def test_per_manager_rows_follow_the_same_rules_and_lost_reasons():
    result = run(amocrm_rows())
    managers = {m.name: (m.deals, m.won, m.lost, m.still_open, m.win_rate, m.revenue) for m in result.managers}
    # Анна: 3 won, 1 lost, 1 open -> 3 of 4 closed; Борис: 0 won, 3 lost, 8 open -> 0 of 3, not "0 of 11".
    assert managers == {"Анна": (5, 3, 1, 1, 75.0, 350_000), "Борис": (11, 0, 3, 8, 0.0, 0)}
    assert all(c is None for m in result.managers for c in m.conversions)  # their losses are unplaced too
    assert result.lost_reasons == [("Дорого", 2), ("Выбрали конкурента", 1)]


def with_loss_stage(stages):
    return [[*row, stage] for row, stage in zip(amocrm_rows(), ["Этап отказа", *stages], strict=True)]


def test_a_loss_stage_column_places_every_loss():
    result = run(with_loss_stage([""] * 12 + ["Переговоры"] * 4))
    assert [t.kind for t in result.traces] == ["loss_column"]
    assert result.lost_unplaced == 0 and result.reach_exact
    assert result.reached == [16, 14, 11, 5, 4, 3]
    assert step_table(result) == [
        ("Неразобранное", 14, 0, 2, 0, 100.0),
        ("Первичный контакт", 11, 0, 3, 0, 100.0),
        ("Переговоры", 5, 4, 2, 0, 55.56),
        ("Принимают решение", 4, 0, 1, 0, 100.0),
        ("Согласование договора", 3, 0, 1, 0, 100.0),
    ]
    assert result.bottleneck.source == "Переговоры"
    assert result.key_step.conversion == pytest.approx(100.0)


def test_a_partly_filled_loss_stage_column_leaves_the_rest_unplaced():
    result = run(with_loss_stage([""] * 12 + ["Переговоры", "Переговоры", "", ""]))
    assert result.lost_unplaced == 2
    assert all(s.unplaced == 2 and s.conversion is None for s in result.steps)


def test_the_loss_stage_column_is_found_by_its_header_from_content():
    rows = with_loss_stage([""] * 12 + ["Переговоры"] * 4)
    rows[0][-1] = "Этап до закрытия"
    result = run(rows)
    assert result.traces[0].columns == ("Этап до закрытия",) and result.lost_unplaced == 0


def test_a_loss_reason_naming_a_stage_places_the_loss():
    rows = amocrm_rows()
    for row, reason in zip(rows[13:], ["Отказ на этапе Переговоры", "Слились после: принимают решение", "", ""],
                           strict=True):
        row[-1] = reason
    result = run(rows)
    assert [(t.kind, t.placed) for t in result.traces] == [("loss_reason", 2)]
    assert result.lost_unplaced == 2


def test_the_user_marks_the_key_stage():
    result = run(with_loss_stage([""] * 12 + ["Переговоры"] * 4), FunnelOptions(key_stage="переговоры"))
    assert result.key_step.source == "Переговоры"
    assert result.key_step.conversion == pytest.approx(500 / 9)


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


def test_stage_events_give_each_deals_path_and_median_time_in_stage():
    table = table_of(EVENTS)
    mapping = match_columns(table, "funnel").mapping
    assert funnel.funnel_mode(table, mapping) == "events"
    assert funnel.needs_confirmation(table, mapping)  # unknown names: the order is a proposal
    assert funnel.propose_stage_order(table, mapping).stages == ["Новый", "Встреча", "КП", "Оплата"]
    result = funnel.compute(table, mapping)
    assert result.evidence == "events"
    assert result.reached == [4, 3, 2, 1]
    # deal 2 was lost at «Встреча»; deal 3 is open at «КП», deal 4 at «Новый».
    assert step_table(result) == [
        ("Новый", 3, 0, 1, 0, 100.0),
        ("Встреча", 2, 1, 0, 0, 66.67),
        ("КП", 1, 0, 1, 0, 100.0),
    ]
    assert result.lost_total == 1 and result.lost_unplaced == 0
    assert [s.median_days for s in result.steps] == [2.0, 1.0, 2.0]


def test_stages_outside_the_users_order_are_skipped_and_explained():
    result = run(EVENTS, FunnelOptions(stage_order=["Новый", "КП", "Оплата"]))
    assert result.skipped == {"unknown_stage": 3}
    assert result.stages == ["Новый", "КП", "Оплата"]


def test_bitrix24_stage_ids():
    rows = [["ID", "STAGE_ID", "OPPORTUNITY", "ASSIGNED_BY"]] + [
        [str(i), stage, "1000", "7"]
        for i, stage in enumerate(["C1:NEW", "C1:NEW", "C1:PREPARATION", "C1:EXECUTING", "C1:WON", "C1:LOSE"])
    ]
    result = run(rows)
    assert result.pipeline_name == "Битрикс24, воронка по умолчанию"
    assert result.stages[-1] == "C1:WON"
    assert (result.won, result.lost_total, result.open_total, result.lost_unplaced) == (1, 1, 4, 1)
    assert [s.still_open for s in result.steps] == [2, 1, 0, 1, 0]


def test_a_snapshot_without_lost_deals_has_nothing_to_place():
    rows = [r for r in amocrm_rows() if "не реализовано" not in r[6]]
    result = run(rows)
    assert result.lost_total == 0 and result.lost_unplaced == 0
    assert [s.conversion for s in result.steps] == [100.0] * 5
    assert result.bottleneck is None  # no step lost anybody


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


def test_the_funnels_reading_rules_in_content_validate(tmp_path):
    reading = load_reading(CONTENT_DIR / "funnels.yaml")
    assert reading.lost_pattern().search("Закрыто и не реализовано")
    assert reading.won_pattern().search("Успешно реализовано")
    assert {"дата", "date", "on"} <= reading.date_words()  # `on` stays a word, not YAML's true
    assert "этапдозакрытия" in reading.loss_stage_keys()
    broken = tmp_path / "funnels.yaml"
    broken.write_text("reading: {lost_words: ['(unclosed'], won_words: [x], stage_hints: [], "
                      "loss_stage_headers: [], stage_date_words: [date]}", encoding="utf-8")
    with pytest.raises(ValidationError):
        load_reading(broken)
