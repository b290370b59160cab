"""`analyse` (the chat's entry: report or question) and the command line on top of it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook
from pydantic import ValidationError

from bot.analytics_cli import run_analysis_cli
from services.analytics.engine import Question, Report, analyse
from services.analytics.engine.content import CONTENT_DIR, load_funnels, load_segments
from services.analytics.engine.funnel import FunnelOptions

from .helpers import csv_bytes, zip_bytes
from .test_funnel import EVENTS
from .test_rfm import SHOP


def test_analyse_returns_a_finished_report_for_a_clear_file():
    report = analyse(csv_bytes(SHOP), "продажи.csv")
    assert isinstance(report, Report)
    assert report.kind == "rfm"
    assert report.xlsx_name == "продажи_rfm.xlsx" and report.png_name == "продажи_rfm.png"
    assert report.xlsx.startswith(b"PK") and report.png.startswith(b"\x89PNG")
    assert "RFM-анализ" in report.text_html and "<b>" in report.text_html and "<b>" not in report.text_plain


def test_analyse_asks_what_to_compute_when_unsure():
    outcome = analyse(csv_bytes([["Клиент", "Комментарий"], ["А", "перезвонить"]]), "x.csv")
    assert isinstance(outcome, Question) and outcome.topic == "kind"
    assert {c.value for c in outcome.choices} == {"rfm", "funnel", "seasonality"}
    report = analyse(csv_bytes(SHOP), "x.csv", kind="rfm")
    assert isinstance(report, Report)


def test_analyse_asks_for_an_ambiguous_column_then_uses_the_pick():
    rows = [["Клиент", "Покупатель", "Дата", "Сумма"], ["А", "Б", "01.01.2023", "10"], ["А", "В", "02.01.2023", "20"]]
    outcome = analyse(csv_bytes(rows), "x.csv", kind="rfm")
    assert isinstance(outcome, Question) and outcome.topic == "column" and outcome.role == "client"
    assert [c.value for c in outcome.choices] == ["Клиент", "Покупатель"]
    assert outcome.choices[1].label == "Покупатель (Б, В)"
    report = analyse(csv_bytes(rows), "x.csv", kind="rfm", mapping={"client": "Покупатель"})
    assert sorted(report.result.clients["client"]) == ["Б", "В"]


def test_analyse_asks_to_confirm_a_proposed_stage_order():
    outcome = analyse(csv_bytes(EVENTS), "events.csv", kind="funnel")
    assert isinstance(outcome, Question) and outcome.topic == "stage_order"
    assert outcome.proposed_order == ["Новый", "Встреча", "КП", "Оплата"]
    report = analyse(
        csv_bytes(EVENTS), "events.csv", kind="funnel", options=FunnelOptions(stage_order=outcome.proposed_order)
    )
    assert isinstance(report, Report)


def test_analyse_accepts_a_zip(tmp_path):
    report = analyse(zip_bytes({"sales.csv": csv_bytes(SHOP)}), "sales.zip")
    assert isinstance(report, Report) and report.result.source_name == "sales.csv"


def test_cli_writes_xlsx_and_png_with_the_exact_client_sheet(tmp_path, capsys):
    source = tmp_path / "магазин.csv"
    source.write_bytes(csv_bytes(SHOP))
    out = tmp_path / "out" / "report"
    code = run_analysis_cli("rfm", [str(source), "--out", str(out), "--thresholds", "Д 10 20; Ч 2 3; С 500 1000"])
    assert code == 0
    printed = capsys.readouterr().out
    assert "RFM-анализ клиентов · магазин.csv" in printed and "<b>" not in printed
    assert Path(f"{out}.png").read_bytes().startswith(b"\x89PNG")
    rows = list(load_workbook(f"{out}.xlsx")["Клиенты"].iter_rows(values_only=True))
    assert rows == [
        ("Клиент", "Давность, дн", "Частота", "Сумма", "R", "F", "M", "RFM", "Сегмент"),
        ("Анна", 21, 2, 1800, 1, 2, 3, "123", "Под угрозой"),
        ("Борис", 0, 2, 600, 3, 2, 2, "322", "Потенциально лояльные"),
        ("Вера", 11, 1, 700, 2, 1, 2, "212", "Засыпающие"),
        ("Григорий", 0, 1, 50, 3, 1, 1, "311", "Новые"),
    ]


def test_cli_funnel_accepts_the_proposed_order_and_prints_it(tmp_path, capsys):
    source = tmp_path / "events.csv"
    source.write_bytes(csv_bytes(EVENTS))
    assert run_analysis_cli("funnel", [str(source), "--out", str(tmp_path / "f")]) == 0
    printed = capsys.readouterr().out
    assert "Новый → Встреча → КП → Оплата" in printed and "--stages" in printed
    assert (tmp_path / "f.xlsx").exists()


@pytest.mark.parametrize(
    ("kind", "argv_tail", "fragment"),
    [
        ("rfm", [], "не похоже на таблицу"),
        ("rfm", ["--thresholds", "как-нибудь"], "Д 30 90"),
        ("rfm", ["--reference-date", "вчера"], "ДД.ММ.ГГГГ"),
        ("rfm", ["--scale", "4"], "Не понял параметры"),
        ("rfm", ["--column", "клиент"], "РОЛЬ=СТОЛБЕЦ"),
    ],
)
def test_cli_bad_input_exits_2_with_a_russian_message(tmp_path, capsys, kind, argv_tail, fragment):
    source = tmp_path / "photo.csv"
    source.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100) if not argv_tail else csv_bytes(SHOP))
    assert run_analysis_cli(kind, [str(source), "--out", str(tmp_path / "r"), *argv_tail]) == 2
    assert fragment in capsys.readouterr().err
    assert not (tmp_path / "r.xlsx").exists()


def test_cli_missing_file_and_unknown_kind(tmp_path, capsys):
    assert run_analysis_cli("rfm", [str(tmp_path / "нет.csv")]) == 2
    assert "файл не найден" in capsys.readouterr().err
    assert run_analysis_cli("abc", []) == 2


def test_content_files_validate_and_cover_every_score_cell():
    segments = load_segments(CONTENT_DIR / "rfm_segments.yaml")
    assert len(segments.segments) == 11
    assert {"Чемпионы", "Нельзя потерять", "Потерянные"} <= {s.name for s in segments.segments}
    assert len(load_funnels(CONTENT_DIR / "funnels.yaml").pipelines) >= 4


def test_a_segment_grid_with_a_hole_fails_validation(tmp_path):
    data = yaml.safe_load((CONTENT_DIR / "rfm_segments.yaml").read_text(encoding="utf-8"))
    data["segments"] = [s for s in data["segments"] if s["id"] != "lost"]
    broken = tmp_path / "rfm_segments.yaml"
    broken.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValidationError, match=r"R=1, FM=1\.0"):
        load_segments(broken)


def test_analyse_runs_in_parallel_worker_threads_with_identical_results():
    from concurrent.futures import ThreadPoolExecutor

    data = csv_bytes(SHOP)
    with ThreadPoolExecutor(max_workers=4) as pool:
        reports = list(pool.map(lambda _: analyse(data, "x.csv"), range(8)))
    assert len({r.text_plain for r in reports}) == 1
    assert len({r.result.clients.to_csv() for r in reports}) == 1
    assert all(r.png.startswith(b"\x89PNG") for r in reports)
