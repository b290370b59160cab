"""Quick analytics through the real bot process: real files in, summary + PNG + XLSX out."""

from __future__ import annotations

import io
import zipfile

from openpyxl import load_workbook

from tests.conftest import SHARED_DATA
from tests.e2e.harness import BotProcess
from tests.stubapi import StubBotApi

RFM_COLUMNS = ["Клиент", "Давность, дн", "Частота", "Сумма", "R", "F", "M", "RFM", "Сегмент"]


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
