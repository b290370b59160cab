"""The funnel on each kind of evidence a file can hold (issue 14), with expected figures computed here, by hand,
from the definitions — never by the code under test:

- a step's conversion = moved on ÷ (moved on + lost at this step); open deals are shown apart;
- an open deal at stage X reached X and every stage before it; a won deal passed every step;
- a lost deal was lost where the file says (a stage date, a loss-stage column, the events); if it does not say,
  no step it may have been lost at can be judged.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services.analytics.engine import Report, analyse, funnel
from services.analytics.engine.columns import match_columns
from services.analytics.engine.reader import read_table

from .helpers import SHARED_DATA, csv_bytes, table_of

CRM = SHARED_DATA / "crm_sales_pipeline.csv"
AMO_STAGES = ["Неразобранное", "Первичный контакт", "Переговоры", "Принимают решение", "Согласование договора"]
AMO_WON, AMO_LOST = "Успешно реализовано", "Закрыто и не реализовано"
NBSP = "\u00a0"


def pct(part: int, whole: int) -> float:
    return 100.0 * part / whole


def ru(n: int) -> str:
    return f"{n:,}".replace(",", NBSP)


# ---- the shared CRM file: a snapshot with a date column for «Engaging» -------------------------------------


@pytest.fixture(scope="module")
def crm_deals() -> list[dict[str, str]]:
    with CRM.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def crm_report() -> Report:
    report = analyse(CRM.read_bytes(), CRM.name)
    assert isinstance(report, Report) and report.kind == "funnel"
    return report


def test_crm_file_figures_follow_from_the_definitions(crm_deals, crm_report):
    names = ("Prospecting", "Engaging", "Won", "Lost")
    by_stage = {name: [d for d in crm_deals if d["deal_stage"] == name] for name in names}
    won, lost = len(by_stage["Won"]), len(by_stage["Lost"])
    open_prospecting, open_engaging = len(by_stage["Prospecting"]), len(by_stage["Engaging"])
    lost_engaged = sum(1 for d in by_stage["Lost"] if d["engage_date"].strip())  # reached Engaging, lost there
    lost_prospecting = lost - lost_engaged
    # Prospecting -> Engaging: everyone known to have reached Engaging moved on.
    moved_1 = won + open_engaging + lost_engaged
    # Engaging -> Won: of the deals that left Engaging, the won ones.
    moved_2, lost_2 = won, lost_engaged

    # The figures, as the definitions give them from the file: 8 300 of the 8 800 deals reached Engaging
    # (94 %); of the 6 711 that left Engaging 4 238 were won (63 %); 1 589 are still there; all 2 473 lost
    # deals have an engage_date. No deal was lost at Prospecting, so that step's conversion is 100 % — the
    # 500 deals still in Prospecting are open, not lost (94 % is the share that has reached Engaging so far).
    assert (len(crm_deals), moved_1, round(pct(moved_1, len(crm_deals)))) == (8800, 8300, 94)
    assert (moved_2 + lost_2, won, open_engaging, lost, lost_engaged) == (6711, 4238, 1589, 2473, 2473)
    assert round(pct(moved_2, moved_2 + lost_2)) == 63 and lost_prospecting == 0

    result = crm_report.result
    assert result.evidence == "stage_dates" and result.date_columns == {"Engaging": "engage_date"}
    assert result.stages == ["Prospecting", "Engaging", "Won"]
    assert (result.deals, result.won, result.lost_total, result.open_total, result.lost_unplaced) == (
        len(crm_deals), won, lost, open_prospecting + open_engaging, 0
    )
    first, second = result.steps
    assert (first.moved_on, first.lost_here, first.still_open) == (moved_1, lost_prospecting, open_prospecting)
    assert first.conversion == pytest.approx(pct(moved_1, moved_1 + lost_prospecting))
    assert (second.moved_on, second.lost_here, second.still_open) == (moved_2, lost_2, open_engaging)
    assert second.conversion == pytest.approx(pct(moved_2, moved_2 + lost_2))
    assert result.reached == [len(crm_deals), moved_1, won]
    assert result.win_rate == pytest.approx(pct(won, won + lost))
    assert (result.bottleneck.source, result.bottleneck.target) == ("Engaging", "Won")
    assert result.key_step == second


def test_crm_report_text_says_what_the_file_holds_and_never_the_old_figure(crm_report):
    text = crm_report.text_plain
    first_line = text.splitlines()[0]
    assert first_line.startswith("Воронка продаж · crm_sales_pipeline.csv. В выгрузке — текущий этап каждой сделки")
    assert "«Engaging» — engage_date" in first_line and "до какого этапа дошла каждая проигранная сделка" in first_line
    assert f"2. Engaging — перешли дальше {ru(4238)} из {ru(6711)} (63,2{NBSP}%), проиграно: {ru(2473)}, " \
           f"ещё в работе: {ru(1589)}" in text
    assert f"«Engaging» — {ru(8300)} (94,3{NBSP}%)" in text  # reached Engaging, of the 8 800
    assert f"Узкое место: «Engaging» → «Won» — 63,2{NBSP}%" in text
    # The old report: «Prospecting» → «Engaging» 66,2 % (5 827 of 8 800), named the bottleneck.
    assert ru(5827) not in text and "Узкое место: «Prospecting»" not in text
    assert "1. Prospecting — перешли дальше" in text and "66,2" not in text.split("Менеджеры")[0]


def test_crm_managers_by_hand(crm_deals, crm_report):
    expected = {}
    for d in crm_deals:
        won, lost, is_open = expected.get(d["sales_agent"], (0, 0, 0))
        stage = d["deal_stage"]
        still_open = stage in ("Prospecting", "Engaging")
        expected[d["sales_agent"]] = (won + (stage == "Won"), lost + (stage == "Lost"), is_open + still_open)
    got = {m.name: (m.won, m.lost, m.still_open) for m in crm_report.result.managers}
    assert got == expected and len(got) == 30
    for m in crm_report.result.managers:
        assert m.win_rate == pytest.approx(pct(m.won, m.won + m.lost))
    rates = [m.win_rate for m in crm_report.result.managers]
    assert rates == sorted(rates, reverse=True)
    best = crm_report.result.managers[0]
    assert f"• {best.name} — {best.won} из {best.closed}" in crm_report.text_plain


# ---- an amoCRM export: current stage only --------------------------------------------------------------------


def amocrm_export() -> bytes:
    lines = ["ID;Название сделки;Бюджет ;Ответственный;Дата создания сделки;Дата закрытия;Этап сделки;Воронка"]
    stages = [AMO_STAGES[1]] * 40 + [AMO_STAGES[2]] * 25 + [AMO_STAGES[3]] * 15 + [AMO_WON] * 12 + [AMO_LOST] * 8
    for i, stage in enumerate(stages, start=1):
        manager = "Иванов" if i % 2 else "Петрова"
        closed = "15.03.2024" if stage in (AMO_WON, AMO_LOST) else "не закрыта"
        lines.append(f"{i};Сделка {i};{10000 + i * 100},50;{manager};01.02.2024;{closed};{stage};Продажи")
    return "\r\n".join(lines).encode("cp1251")


def test_amocrm_export_gives_the_win_rate_the_open_pipeline_and_where_to_get_the_history():
    report = analyse(amocrm_export(), "amocrm.csv")
    result = report.result
    won, lost, open_by_stage = 12, 8, [40, 25, 15, 0]  # the file starts at «Первичный контакт»
    assert result.evidence == "current_stage" and result.lost_unplaced == lost
    assert result.stages == [*AMO_STAGES[1:], AMO_WON]
    assert [s.still_open for s in result.steps] == open_by_stage
    assert all(s.conversion is None for s in result.steps) and result.bottleneck is None
    assert result.win_rate == pytest.approx(pct(won, won + lost))
    text = report.text_plain
    assert text.splitlines()[0].endswith(
        "В выгрузке — текущий этап каждой сделки, без истории переходов: видно, сколько сделок выиграно, "
        "проиграно и открыто на каждом этапе, но не видно, на каком этапе проиграны 8 сделок."
    )
    assert f"Выигрывается закрытых сделок: 60,0{NBSP}% (12 из 20)" in text
    assert "1. Первичный контакт — 40" in text and "3. Принимают решение — 15" in text
    assert "Конверсию шагов не посчитать: неизвестно, на каком этапе проиграны 8 сделок" in text
    assert "amoCRM" in text and "Битрикс24" in text and "crm.stagehistory.list" in text
    assert "Узкое место:" not in text and "КЭВ:" not in text


# ---- a snapshot with one date column per stage -----------------------------------------------------------


@dataclass(frozen=True)
class Deal:
    outcome: str  # "open", "won", "lost"
    stage: int  # open: its stage; lost: how far it got; won: ignored
    placed: bool = True  # lost: the file records where


def expected_steps(deals: list[Deal], n_steps: int, dated: set[int] | None = None):
    """By hand: per step (moved on, lost here, open, conversion or None). `dated`: the stages with a date
    column (None: every one); a lost deal is placed only if the stage after the last one it shows is dated."""
    rows = []
    for i in range(n_steps):
        moved = lost_here = still_open = unplaced = 0
        for d in deals:
            if d.outcome == "won":
                moved += 1
            elif d.outcome == "open":
                moved += d.stage > i
                still_open += d.stage == i
            else:
                first = last = d.stage
                if dated is not None:  # the file shows the last dated stage reached; the loss may be up to the next
                    first = last = max(at for at in dated if at <= d.stage)
                    while last + 1 < n_steps and last + 1 not in dated:
                        last += 1
                if not d.placed:
                    first, last = 0, n_steps - 1
                if i < first:
                    moved += 1
                elif first == last == i:
                    lost_here += 1
                elif first <= i <= last:
                    unplaced += 1
        left = moved + lost_here
        rows.append((moved, lost_here, still_open, None if unplaced or not left else round(pct(moved, left), 6)))
    return rows


def got_steps(result):
    return [
        (s.moved_on, s.lost_here, s.still_open, None if s.conversion is None else round(s.conversion, 6))
        for s in result.steps
    ]


DATED_DEALS = [
    *[Deal("open", s) for s in (0, 0, 1, 2, 2, 3, 4)],
    *[Deal("won", 5)] * 4,
    *[Deal("lost", s) for s in (0, 1, 1, 2, 3, 3, 3, 4)],
]
DATE_HEADERS = {
    1: "Дата: Первичный контакт",
    2: "Дата перехода на этап Переговоры",
    3: "Принимают решение — дата",
    4: "Согласование договора, дата",
}


def dated_rows(deals: list[Deal], headers: dict[int, str]) -> list[list[str]]:
    rows = [["ID", "Этап сделки", "Дата создания сделки", *headers.values()]]
    for i, d in enumerate(deals, start=1):
        stage = {"won": AMO_WON, "lost": AMO_LOST}.get(d.outcome) or AMO_STAGES[d.stage]
        furthest = 5 if d.outcome == "won" else d.stage
        dates = [f"{10 + at:02d}.03.2024" if at <= furthest else "" for at in headers]
        rows.append([str(i), stage, "01.03.2024", *dates])
    return rows


def run_rows(rows):
    table = table_of(rows)
    return funnel.compute(table, match_columns(table, "funnel").mapping)


def test_one_date_column_per_stage_places_every_loss():
    result = run_rows(dated_rows(DATED_DEALS, DATE_HEADERS))
    assert result.evidence == "stage_dates"
    assert result.date_columns == {AMO_STAGES[at]: header for at, header in DATE_HEADERS.items()}
    assert got_steps(result) == expected_steps(DATED_DEALS, 5)
    assert result.lost_unplaced == 0
    weakest = min((s for s in result.steps), key=lambda s: s.conversion)
    assert result.bottleneck == weakest


def test_a_stage_without_a_date_column_leaves_those_losses_unplaced():
    headers = {at: h for at, h in DATE_HEADERS.items() if at != 3}  # no date for «Принимают решение»
    result = run_rows(dated_rows(DATED_DEALS, headers))
    assert got_steps(result) == expected_steps(DATED_DEALS, 5, dated=set(headers) | {0})
    # The deals lost after «Переговоры» may have been lost there or at «Принимают решение».
    assert [s.conversion is None for s in result.steps] == [False, False, True, True, False]
    text = analyse(csv_bytes(dated_rows(DATED_DEALS, headers)), "dates.csv").text_plain
    assert "Узкое место среди шагов, которые можно оценить" in text
    assert "Нельзя оценить: «Переговоры» → «Принимают решение»" in text


def test_a_date_column_the_values_contradict_is_not_used():
    rows = dated_rows(DATED_DEALS, DATE_HEADERS)
    for row in rows[1:3]:  # two deals open at the first stage "entered" «Переговоры»
        row[4] = "05.03.2024"
    result = run_rows(rows)
    assert AMO_STAGES[2] not in result.date_columns


# ---- stage events ----------------------------------------------------------------------------------------


def events_rows(deals: list[Deal]) -> list[list[str]]:
    rows = [["Сделка", "Этап", "Дата"]]
    for i, d in enumerate(deals, start=1):
        furthest = 5 if d.outcome == "won" else d.stage
        if d.outcome != "lost" or d.placed:
            rows += [[f"D{i}", ([*AMO_STAGES, AMO_WON])[at], f"{1 + at:02d}.04.2024"] for at in range(furthest + 1)]
        if d.outcome == "lost":
            rows.append([f"D{i}", AMO_LOST, "20.04.2024"])
    return rows


def test_events_give_where_each_deal_was_lost():
    deals = [*DATED_DEALS, Deal("lost", 0, placed=False)]  # only a «lost» event: no trace of how far it got
    result = run_rows(events_rows(deals))
    assert result.evidence == "events"
    assert got_steps(result) == expected_steps(deals, 5)
    assert result.lost_unplaced == 1 and all(s.conversion is None for s in result.steps)
    result = run_rows(events_rows(DATED_DEALS))
    assert got_steps(result) == expected_steps(DATED_DEALS, 5) and result.lost_unplaced == 0


# ---- a stage-count table ---------------------------------------------------------------------------------


def test_stage_count_table_keeps_the_seeds_formula_and_says_so():
    rows = [["Этап", "Количество"], ["Лиды", "500"], ["Встреча", "200"], ["КП", "80"], ["Оплата", "20"]]
    rows.append(["Отказ", "45"])
    report = analyse(csv_bytes(rows), "counts.csv")
    result = report.result
    assert result.evidence == "counts" and result.lost_total == 45
    pairs = ((500, 200), (200, 80), (80, 20))  # this stage, the next one
    assert [round(s.conversion, 6) for s in result.steps] == [round(pct(b, a), 6) for a, b in pairs]
    assert report.text_plain.splitlines()[0].endswith(
        "В выгрузке — число лидов на каждом этапе: конверсия шага — перешли на следующий этап ÷ все лиды этапа × 100 %."
    )
    assert f"Общая конверсия: 4,0{NBSP}%" in report.text_plain
    assert f"Узкое место: «КП» → «Оплата» — 25,0{NBSP}%" in report.text_plain


# ---- property: open deals never lower a conversion -----------------------------------------------------------


def deal_strategy():
    open_deal = st.builds(Deal, st.just("open"), st.integers(0, 4))
    won_deal = st.builds(Deal, st.just("won"), st.just(5))
    lost_deal = st.builds(Deal, st.just("lost"), st.integers(0, 4), st.booleans())
    return st.one_of(open_deal, won_deal, lost_deal)


def loss_column_rows(deals: list[Deal]) -> list[list[str]]:
    rows = [["ID", "Этап сделки", "Этап отказа"]]
    for i, d in enumerate(deals, start=1):
        stage = {"won": AMO_WON, "lost": AMO_LOST}.get(d.outcome) or AMO_STAGES[d.stage]
        rows.append([str(i), stage, AMO_STAGES[d.stage] if d.outcome == "lost" and d.placed else ""])
    return rows


FORMS = {
    "loss_column": loss_column_rows,
    "stage_dates": lambda deals: dated_rows(deals, DATE_HEADERS),
    "events": events_rows,
}


def conversions(rows) -> dict[str, float | None]:
    table = read_table(csv_bytes(rows), "deals.csv")
    result = funnel.compute(table, match_columns(table, "funnel").mapping)
    return {s.source: s.conversion for s in result.steps}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    form=st.sampled_from(sorted(FORMS)),
    deals=st.lists(deal_strategy(), min_size=1, max_size=25),
    extra=st.lists(st.integers(0, 4), min_size=1, max_size=10),
)
def test_adding_open_deals_never_lowers_any_steps_conversion(form, deals, extra):
    # A won deal (several events, so an events file stays one) and an open one at the first stage (the
    # pipeline starts there whatever is added).
    deals = [Deal("won", 5), Deal("open", 0), *deals]
    before = conversions(FORMS[form](deals))
    after = conversions(FORMS[form](deals + [Deal("open", s) for s in extra]))
    for step, rate in before.items():
        if rate is not None:
            assert after[step] is not None and after[step] >= rate - 1e-9, (form, step, rate, after[step])
