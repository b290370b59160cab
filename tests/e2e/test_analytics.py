"""Quick analytics through the real bot process: real files in, summary + PNG + XLSX out; the other analyses of
the same file from the report's buttons; an analysis killed with the process told once after the restart."""

from __future__ import annotations

import asyncio
import io
import zipfile

from openpyxl import load_workbook

from tests.conftest import SHARED_DATA
from tests.databases import query
from tests.e2e.harness import BotProcess
from tests.stubapi import StubBotApi

RFM_COLUMNS = ["Клиент", "Давность, дн", "Частота", "Сумма", "R", "F", "M", "RFM", "Сегмент"]


def _r_scores(workbook_bytes: bytes) -> list[int]:
    sheet = load_workbook(io.BytesIO(workbook_bytes), read_only=True).worksheets[0]
    return [row[4] for row in sheet.iter_rows(min_row=2, values_only=True)]


def _reply_files(stub: StubBotApi, chat_id: int, after: int) -> tuple[list, list]:
    messages = [m for m in stub.bot_messages(chat_id) if m.message_id > after]
    return [m for m in messages if m.photo is not None], [m for m in messages if m.document is not None]


async def test_rfm_from_real_uci_file(stub: StubBotApi, bot_process: BotProcess) -> None:
    anna = stub.user(3001, "Анна")
    data = (SHARED_DATA / "online_retail_uk_2010-12.csv").read_bytes()
    sent = stub.send_document(anna, data, "online_retail_uk_2010-12.csv", "text/csv")
    summary = await stub.wait_message(anna.id, "RFM", timeout=60)
    assert "Пропущено" in summary.shown_text or "пропущ" in summary.shown_text.lower()
    document = await stub.wait_message(anna.id, where=lambda m: m.document is not None, timeout=60)
    photos, _ = _reply_files(stub, anna.id, sent.message_id)
    assert photos, "a chart arrives"
    workbook = load_workbook(io.BytesIO(document.document.data), read_only=True)
    sheet = workbook.worksheets[0]
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    assert header == RFM_COLUMNS
    rows = [r for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert rows and all(str(r[7]) == f"{r[4]}{r[5]}{r[6]}" for r in rows)
    assert all(1 <= r[4] <= 3 for r in rows)
    stub.assert_no_api_errors()


async def test_broken_file_gets_clear_message_and_bot_keeps_working(stub: StubBotApi, bot_process: BotProcess) -> None:
    boris = stub.user(3002, "Борис")
    stub.send_document(boris, b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, "sales.csv", "text/csv")
    reply = await stub.wait_message(boris.id, timeout=30)
    assert "таблиц" in reply.shown_text.lower() or "файл" in reply.shown_text.lower()
    stub.send_document(boris, b"", "empty.csv", "text/csv")
    await stub.wait_message(boris.id, timeout=30)
    stub.send_document(boris, "Клиент;Дата;Сумма\n".encode("cp1251"), "header.csv", "text/csv")
    header_only = await stub.wait_message(boris.id, timeout=30)
    assert "заголов" in header_only.shown_text.lower()
    stub.send_text(boris, "/menu")
    await stub.wait_message(boris.id, "Главное меню")
    stub.assert_no_api_errors()


async def test_russian_amocrm_funnel_in_zip(stub: StubBotApi, bot_process: BotProcess) -> None:
    vera = stub.user(3003, "Вера")
    lines = ["ID;Название сделки;Бюджет ;Ответственный;Дата создания сделки;Дата закрытия;Этап сделки;Воронка"]
    stages = (["Первичный контакт"] * 40 + ["Переговоры"] * 25 + ["Принимают решение"] * 15
              + ["Успешно реализовано"] * 12 + ["Закрыто и не реализовано"] * 8)
    for i, stage in enumerate(stages, start=1):
        manager = "Иванов" if i % 2 else "Петрова"
        closed = "15.03.2024" if stage.startswith(("Успешно", "Закрыто")) else "не закрыта"
        lines.append(f"{i};Сделка {i};{10000 + i * 100},50;{manager};01.02.2024;{closed};{stage};Продажи")
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("deals.csv", "\n".join(lines).encode("cp1251"))
    stub.send_document(vera, archive.getvalue(), "amocrm.zip", "application/zip")
    summary = await stub.wait_message(vera.id, "онверси", timeout=60)
    assert "Переговоры" in summary.shown_text
    await stub.wait_message(vera.id, where=lambda m: m.document is not None, timeout=60)
    stub.assert_no_api_errors()


async def test_crm_pipeline_sample(stub: StubBotApi, bot_process: BotProcess) -> None:
    gleb = stub.user(3004, "Глеб")
    stub.send_text(gleb, "/analyze")
    await stub.wait_message(gleb.id, "Анализ файла")
    data = (SHARED_DATA / "crm_sales_pipeline.csv").read_bytes()
    stub.send_document(gleb, data, "crm_sales_pipeline.csv", "text/csv")
    reply = await stub.wait_message(gleb.id, timeout=60)
    # Either the funnel straight away, or a question with buttons first; answer until the report arrives.
    for _ in range(4):
        if reply.inline_buttons() and "онверси" not in reply.shown_text:
            stub.press(gleb, reply, reply.button_labels()[0])
            reply = await stub.wait_message(gleb.id, timeout=60)
            continue
        break
    assert "онверси" in reply.shown_text, reply.shown_text
    await stub.wait_message(gleb.id, where=lambda m: m.document is not None, timeout=60)
    stub.assert_no_api_errors()


async def test_the_report_offers_the_other_analyses_of_the_same_file(stub: StubBotApi,
                                                                       bot_process: BotProcess) -> None:
    dina = stub.user(3005, "Дина")
    stub.send_document(dina, (SHARED_DATA / "crm_sales_pipeline.csv").read_bytes(), "crm_sales_pipeline.csv",
                       "text/csv")
    report = await stub.wait_message(dina.id, "онверси", timeout=60)
    assert report.button_labels() == ["RFM по клиентам этого файла", "Сезонность по этому файлу"]
    await stub.wait_message(dina.id, where=lambda m: m.document is not None, timeout=60)
    stub.press(dina, report, "Сезонность по этому файлу")
    question = await stub.wait_message(dina.id, "Какой столбец", timeout=60)
    stub.press(dina, question, question.button_labels()[1])  # close_date
    season = await stub.wait_message(dina.id, timeout=60)
    assert "сезонност" in season.shown_text.lower(), season.shown_text
    assert len(stub.calls("getFile")) == 1, "the kept copy is analysed"
    stub.assert_no_api_errors()


async def test_kill9_mid_analysis_then_restart_tells_once_and_reruns_with_one_tap(
        stub: StubBotApi, bot_process: BotProcess) -> None:
    anna, boris = stub.user(3006, "Анна"), stub.user(3007, "Борис")
    # Anna's report is on its way when the process dies; Boris's file is still being fetched.
    stub.delay_next("sendMessage", 600)
    stub.send_document(anna, (SHARED_DATA / "online_retail_sample_semicolon.csv").read_bytes(), "<b>retail</b>.csv",
                       "text/csv")
    await stub.wait_for(lambda: any(c.pending for c in stub.calls("sendMessage")), 60, "the report being sent")
    stub.delay_next("getFile", 600)
    stub.send_document(boris, b"Client;Date;Amount\n", "late.csv", "text/csv")
    await stub.wait_for(lambda: any(c.pending for c in stub.calls("getFile")), 30, "Boris's file being fetched")

    assert await bot_process.kill9() == -9
    await bot_process.start()

    notice = await stub.wait_message(anna.id, "прервался", timeout=30)
    assert "«<b>retail</b>.csv»" in notice.shown_text, "the file name is shown as text"
    assert notice.button_labels() == ["Запустить снова"]
    resend = await stub.wait_message(boris.id, "прервался", timeout=30)
    assert "пришлите его ещё раз" in resend.shown_text and not resend.inline_buttons()

    stub.press(anna, notice, "Запустить снова")
    await stub.wait_message(anna.id, "RFM-анализ клиентов", timeout=60)
    await stub.wait_message(anna.id, where=lambda m: m.document is not None, timeout=60)

    # Restarted once more: nobody hears about it again.
    assert await bot_process.terminate() == 0
    await bot_process.start()
    await asyncio.sleep(3)  # the start-up round of the analyses' keeper
    for user in (anna, boris):
        told = [m for m in stub.bot_messages(user.id) if "прервался" in m.shown_text]
        assert len(told) == 1, [m.shown_text for m in told]
    rows = query(bot_process.database_url, "select outcome from analyses order by id")
    assert [row[0] for row in rows] == ["rerun", "interrupted", "report"]
    stub.assert_no_api_errors()


async def test_a_rescaled_rfm_report_is_edited_in_place_and_a_deleted_piece_is_sent_anew(
        stub: StubBotApi, bot_process: BotProcess) -> None:
    zhenya = stub.user(3008, "Женя")
    stub.send_document(zhenya, (SHARED_DATA / "online_retail_sample_semicolon.csv").read_bytes(), "retail.csv",
                       "text/csv")
    report = await stub.wait_message(zhenya.id, "RFM-анализ клиентов", timeout=60)
    table = await stub.wait_message(zhenya.id, where=lambda m: m.document is not None, timeout=60)
    chart = next(m for m in stub.bot_messages(zhenya.id) if m.photo is not None)
    assert max(_r_scores(table.document.data)) == 3
    count, old_chart, old_table = len(stub.bot_messages(zhenya.id)), chart.photo, table.document

    stub.press(zhenya, report, "Шкала 1–5")
    await stub.wait_edit(zhenya.id, report.message_id, "баллы 1–5", timeout=60)
    await stub.wait_edit(zhenya.id, table.message_id, timeout=60)
    assert len(stub.bot_messages(zhenya.id)) == count, "the report is edited, no copies stack up"
    assert chart.photo is not old_chart and chart.photo.file_name == "retail_rfm.png" and chart.edited
    assert table.document is not old_table and table.document.file_name == "retail_rfm.xlsx"
    assert max(_r_scores(table.document.data)) == 5, "the Excel is the 1–5 one"
    assert report.button_labels()[:2] == ["Шкала 1–3", "Свои границы баллов"]
    stub.assert_no_api_errors()

    # The user deleted the chart: on the next redo it comes anew, the rest is still edited in place.
    stub.delete_for_both(zhenya, chart)
    stub.press(zhenya, report, "Шкала 1–3")
    await stub.wait_edit(zhenya.id, table.message_id, timeout=60)
    assert "баллы 1–3" in report.shown_text and max(_r_scores(table.document.data)) == 3
    new_chart = await stub.wait_message(zhenya.id, where=lambda m: m.photo is not None)
    assert new_chart.photo.file_name == "retail_rfm.png"
    assert len(stub.bot_messages(zhenya.id)) == count
    refused = stub.api_errors()
    assert [(r.method, r.description) for r in refused] == [("editMessageMedia",
                                                             "Bad Request: message to edit not found")]
