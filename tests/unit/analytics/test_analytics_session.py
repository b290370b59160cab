"""A file's analysis across chat turns: choices persist as JSON and lead to a report."""

from __future__ import annotations

import json

import pytest

from services.analytics import session
from services.analytics.engine.seasonality import MIN_MONTHS
from services.analytics.session import (
    AnalysisRequest,
    Pending,
    RunOutcome,
    answered,
    file_size_problem,
    last_rfm,
    prompt,
    require_downloadable,
    run_analysis,
    typed_order,
)
from services.notice import Refusal
from tests.conftest import SHARED_DATA


def test_request_survives_json_round_trip() -> None:
    request = AnalysisRequest("f1", "deals.csv", kind="funnel", mapping={"stage": "Этап"},
                              pending=Pending("column", ["A", "B"], kind="funnel", role="manager"))
    restored = AnalysisRequest.from_state(json.loads(json.dumps(request.to_state())))
    assert restored == request
    assert AnalysisRequest.from_state(None) is None and AnalysisRequest.from_state({}) is None


def test_answers_settle_kind_column_and_order() -> None:
    base = AnalysisRequest("f1", "x.csv")
    kind = AnalysisRequest("f1", "x.csv", pending=Pending("kind", ["rfm", "funnel"])).answer(1)
    assert kind.kind == "funnel" and kind.pending is None
    column = AnalysisRequest("f1", "x.csv", kind="rfm", mapping={"date": "Дата"},
                             pending=Pending("column", ["Покупатель", "ИНН"], kind="rfm", role="client")).answer(0)
    assert column.mapping == {"date": "Дата", "client": "Покупатель"}
    order = AnalysisRequest("f1", "x.csv", pending=Pending("stage_order", ["confirm"], kind="funnel",
                                                           proposed_order=["Лид", "Встреча", "Оплата"])).answer(0)
    assert order.stage_order == ["Лид", "Встреча", "Оплата"]
    assert base.with_typed_order("Лид, Встреча;Оплата").stage_order == ["Лид", "Встреча", "Оплата"]
    assert not base.accepts(0)
    assert not kind.accepts(5)


def test_size_limits() -> None:
    assert file_size_problem(19 * 2**20, local_server=False) is None
    message = file_size_problem(25 * 2**20, local_server=False)
    assert message and "20 МБ" in message and "ZIP" in message
    assert file_size_problem(25 * 2**20, local_server=True) is None


def test_real_file_to_report_then_rescale_and_own_criteria() -> None:
    data = (SHARED_DATA / "online_retail_sample_semicolon.csv").read_bytes()
    outcome = run_analysis(data, AnalysisRequest("f", "online_retail_sample_semicolon.csv"))
    assert outcome.report is not None and outcome.report.kind == "rfm"
    five = run_analysis(data, outcome.request.with_scale(5))
    assert five.report is not None and "1–5" in five.report.text_plain
    own = run_analysis(data, outcome.request.with_thresholds("Д 30 90; Ч 2 5; С 1000 5000"))
    assert own.report is not None
    bad = run_analysis(data, outcome.request.with_thresholds("как-нибудь"))
    assert bad.error and bad.keep_request


def test_broken_file_is_an_error_not_kept() -> None:
    outcome = run_analysis(b"%PDF-1.4 binary", AnalysisRequest("f", "report.csv"))
    assert outcome.error and not outcome.keep_request


def test_a_stale_answer_is_refused_and_a_live_one_settles_the_request() -> None:
    live = AnalysisRequest("f", "x.csv", pending=Pending("kind", ["rfm", "funnel"])).to_state()
    assert answered(live, 1).kind == "funnel"
    with pytest.raises(Refusal, match="неактуален"):
        answered(live, 2)
    with pytest.raises(Refusal, match="неактуален"):
        answered(None, 0)
    with pytest.raises(Refusal, match="кнопкой"):
        typed_order(live, "Лид, Оплата")
    order = AnalysisRequest("f", "x.csv", pending=Pending("stage_order", ["confirm"], kind="funnel")).to_state()
    assert typed_order(order, "Лид, Оплата").stage_order == ["Лид", "Оплата"]
    with pytest.raises(Refusal, match="устарел"):
        last_rfm(None)
    request = last_rfm(AnalysisRequest("f", "x.csv", kind="rfm").to_state())
    assert request.other_scale == 5 and request.with_scale(5).other_scale == 3


def test_the_size_limit_in_the_text_is_the_one_in_the_code(monkeypatch) -> None:
    monkeypatch.setattr(session, "TELEGRAM_DOWNLOAD_LIMIT", 10 * session.MB)
    message = file_size_problem(15 * session.MB, local_server=False)
    assert message and "не больше 10 МБ" in message and "лимит 2000 МБ" in message
    with pytest.raises(Refusal, match="не больше 10 МБ"):
        require_downloadable(15 * session.MB, local_server=False)
    require_downloadable(15 * session.MB, local_server=True)
    assert f"от {MIN_MONTHS} месяцев" in prompt()


def test_a_kept_file_travels_in_the_request_and_old_states_still_load() -> None:
    request = AnalysisRequest.for_kept("tg", "deals.csv", 7, "seasonality")
    assert AnalysisRequest.from_state(json.loads(json.dumps(request.to_state()))) == request
    old = {key: value for key, value in AnalysisRequest("f", "x.csv").to_state().items() if key != "kept"}
    restored = AnalysisRequest.from_state(old)  # type: ignore[arg-type]  # saved before files were kept
    assert restored is not None and restored.kept is None


def test_a_size_telegram_did_not_say_gets_the_same_advice() -> None:
    message = session.too_big_to_download(local_server=False)
    assert message.startswith("Файл больше 20 МБ, а Telegram позволяет боту скачать не больше 20 МБ.")
    assert message.split("\n")[1:] == (file_size_problem(25 * 2**20, local_server=False) or "").split("\n")[1:]


def test_the_per_file_budget_counts_what_a_zip_unpacks_to() -> None:
    import io
    import zipfile

    table = b"a;b\n" + b"1;2\n" * 300_000  # 1.2 MB of text
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("t.csv", table)
    packed = archive.getvalue()
    assert len(packed) < 100_000 and session.table_size(packed) == len(table)
    assert session.table_size_problem(packed, "t.zip", 2 * session.MB) is None
    problem = session.table_size_problem(packed, "t.zip", session.MB)
    assert problem and "«t.zip» занимает 1,1 МБ без сжатия" in problem and "до 1 МБ" in problem
    assert session.table_size(b"PK\x03\x04 broken") == len(b"PK\x03\x04 broken")


def test_a_report_names_the_other_analyses_the_file_has_columns_for() -> None:
    crm = run_analysis((SHARED_DATA / "crm_sales_pipeline.csv").read_bytes(), AnalysisRequest("f", "crm.csv"))
    assert crm.report is not None and crm.report.kind == "funnel" and crm.report.others == ("rfm", "seasonality")
    retail = run_analysis((SHARED_DATA / "online_retail_sample_semicolon.csv").read_bytes(),
                          AnalysisRequest("f", "retail.csv"))
    assert retail.report is not None and retail.report.others == ("seasonality",), "no stage column: no funnel"
    assert retail.name == "report" and RunOutcome(retail.request, error="x").name == "error"
