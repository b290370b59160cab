"""The funnel report's three faces — chat text, Excel file, chart — show the same figures and the same kind
of evidence; the HTML is valid Telegram HTML, escaped, and under the message limit."""

from __future__ import annotations

import io
import re
import warnings

import pytest
from openpyxl import load_workbook

from services.analytics.engine import Report, analyse, fmt, funnel
from services.analytics.engine.columns import match_columns
from services.analytics.engine.funnel import FunnelOptions
from services.analytics.engine.funnel_chart import chart_spec, funnel_to_png
from services.analytics.engine.funnel_render import evidence_sentence, render_funnel
from tests.stubapi import parse_html

from .helpers import SHARED_DATA, csv_bytes, table_of
from .test_funnel import EVENTS, amocrm_rows, with_loss_stage
from .test_funnel_evidence import DATE_HEADERS, DATED_DEALS, amocrm_export, dated_rows

COUNTS = [["Этап", "Количество"], ["Лиды", "1 000"], ["Квалификация", "600"], ["Встреча", "300"], ["Оплата", "60"]]
PARTLY_DATED = dated_rows(DATED_DEALS, {at: h for at, h in DATE_HEADERS.items() if at != 3})


def _report(name: str) -> Report:
    files = {
        "crm": lambda: analyse((SHARED_DATA / "crm_sales_pipeline.csv").read_bytes(), "crm_sales_pipeline.csv"),
        "amocrm": lambda: analyse(amocrm_export(), "amocrm.csv"),
        "loss_column": lambda: analyse(csv_bytes(with_loss_stage([""] * 12 + ["Переговоры"] * 4)), "loss.csv"),
        "partly_dated": lambda: analyse(csv_bytes(PARTLY_DATED), "dates.csv"),
        "events": lambda: analyse(
            csv_bytes(EVENTS), "events.csv", options=FunnelOptions(stage_order=["Новый", "Встреча", "КП", "Оплата"])
        ),
        "counts": lambda: analyse(csv_bytes(COUNTS), "counts.csv"),
    }
    report = files[name]()
    assert isinstance(report, Report) and report.kind == "funnel"
    return report


REPORTS = ["crm", "amocrm", "loss_column", "partly_dated", "events", "counts"]


@pytest.fixture(scope="module", params=REPORTS)
def report(request) -> Report:
    return _report(request.param)


def test_first_line_names_the_evidence_and_html_is_valid(report):
    evidence = fmt.plain(evidence_sentence(report.result))
    assert evidence.startswith("В выгрузке — ")
    assert report.text_plain.splitlines()[0].endswith(evidence)
    parse_html(report.text_html)  # raises on a bare "<" or a broken tag
    assert set(re.findall(r"</?(\w+)", report.text_html)) <= {"b", "i"}
    assert len(report.text_html) < 4096


def _sheet(book, name):
    rows = list(book[name].iter_rows(values_only=True))
    return rows[0], rows[1:]


def test_excel_shows_the_texts_figures_and_evidence(report):
    result = report.result
    book = load_workbook(io.BytesIO(report.xlsx))
    assert book.sheetnames[:2] == ["Сводка", "Шаги"]
    _, summary = _sheet(book, "Сводка")
    values = dict(summary)
    assert values["Что в выгрузке"] == fmt.plain(evidence_sentence(result))
    assert values["Что в выгрузке"] in report.text_plain.splitlines()[0]
    header, steps = _sheet(book, "Шаги")
    assert header[:2] == ("Этап", "Следующий этап") and header[6] == "Конверсия, %"
    for row, step in zip(steps, result.steps, strict=False):
        assert row[:6] == (step.source, step.target, step.reached, step.moved_on, step.lost_here, step.still_open)
        if step.conversion is None:
            assert row[6] is None and row[7]
        else:
            assert row[6] == pytest.approx(step.conversion)
            assert fmt.percent(row[6]) in report.text_plain  # the same figure, as the text prints it
    assert steps[-1][:3] == (result.stages[-1], None, result.reached[-1])
    if result.evidence == "counts":
        assert values["Общая конверсия, %"] == pytest.approx(result.overall_conversion)
    else:
        assert (values["Сделок"], values["Выиграно"], values["Проиграно"], values["Ещё в работе"]) == (
            result.deals, result.won, result.lost_total, result.open_total
        )
        assert fmt.integer(values["Ещё в работе"]) in report.text_plain
        if result.win_rate is not None:
            assert fmt.percent(values["Выигрывается закрытых сделок, %"]) in report.text_plain
    if result.bottleneck:
        assert values["Узкое место"] == f"«{result.bottleneck.source}» → «{result.bottleneck.target}»"
    if result.unjudged:
        assert values["Нельзя оценить"]
    assert ("Где взять выгрузку с этапами проигрыша" in values) == bool(result.lost_unplaced)


def test_excel_managers_follow_the_same_rules():
    report = _report("crm")
    header, rows = _sheet(load_workbook(io.BytesIO(report.xlsx)), "Менеджеры")
    assert header[:7] == (
        "Менеджер", "Сделок", "Выиграно", "Проиграно", "Ещё в работе", "Выигрывается закрытых, %", "Сумма выигранных"
    )
    assert header[7:] == ("Prospecting → Engaging, %", "Engaging → Won, %")
    for row, m in zip(rows, report.result.managers, strict=True):
        assert row[:6] == (m.name, m.deals, m.won, m.lost, m.still_open, pytest.approx(m.win_rate))
        assert row[8] == pytest.approx(m.conversions[1])
        assert m.conversions[1] == pytest.approx(m.win_rate)  # nobody was lost at Prospecting


def test_chart_shows_the_texts_figures_and_evidence(report):
    result = report.result
    spec = chart_spec(result)
    if result.evidence == "counts":
        assert "число лидов по этапам" in spec.title
    else:
        evidence_words = {
            "stage_dates": "текущие этапы и даты этапов",
            "current_stage": "текущие этапы, без истории переходов",
            "events": "история переходов",
        }
        assert evidence_words[result.evidence] in spec.title
        if result.win_rate is not None:
            assert fmt.percent(result.win_rate) in spec.title and fmt.percent(result.win_rate) in report.text_plain
    if spec.layout == "pipeline":
        assert [b.parts for b in spec.bars] == [(s.still_open,) for s in result.steps]
        for bar in spec.bars:
            assert f"{bar.label} — {bar.note}" in report.text_plain
        assert [b.parts for b in spec.closed] == [(result.won,), (result.lost_total,)]
        assert "конверсию шагов не оценить" in spec.note
    else:
        for bar, step in zip(spec.bars, result.steps, strict=True):
            assert bar.label == f"{step.source} → {step.target}"
            if step.conversion is None:
                assert bar.note == "не оценить"
            else:
                assert bar.note == fmt.percent(step.conversion) and bar.note in report.text_plain
            assert bar.strong == (step == result.bottleneck)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph … missing from font" for unknown letters
        png = funnel_to_png(result)
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5000
    assert png == report.png


def test_a_long_funnel_with_many_managers_stays_under_the_limit_and_escaped():
    rows = [["Сделка", "Этап", "Ответственный", "Причина отказа"]]
    for i in range(3000):
        stage, manager = f"Этап {i % 30:02d} с очень длинным названием <x>", f"Менеджер {i % 200} & Ко"
        rows.append([str(i), stage, manager, "Дорого" if i % 7 == 0 else ""])
    table = table_of(rows)
    order = [f"Этап {i:02d} с очень длинным названием <x>" for i in range(30)]
    result = funnel.compute(table, match_columns(table, "funnel").mapping, FunnelOptions(stage_order=order))
    text = render_funnel(result, html=True)
    assert len(text) < 4096
    assert "&lt;x&gt;" in text and "<x>" not in text
    parse_html(text)
    assert "<x>" in render_funnel(result, html=False)


def test_amocrm_snapshot_report_names_no_bottleneck_and_says_why():
    result = funnel.compute(table := table_of(amocrm_rows()), match_columns(table, "funnel").mapping)
    text = render_funnel(result, html=False)
    assert "Узкое место" not in text and "Прогрев перед КЭВ" not in text
    assert "Конверсию шагов не посчитать: неизвестно, на каком этапе проиграны 4 сделки" in text
    assert "КЭВ («Согласование договора» → «Успешно реализовано»)" in text
    assert f"Выигрывается закрытых сделок: 42,9{fmt.NBSP}% (3 из 7)" in text
