"""«Анализ файла» through the real Dispatcher: the prompt, a question about the file answered by its button,
the RFM report's buttons, refusals of stale buttons and of files too big to download."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.methods import AnswerCallbackQuery, EditMessageReplyMarkup, GetFile, SendDocument, SendPhoto
from aiogram.types import Document, File, PhotoSize

from handlers.analytics.callbacks import AnalysisAction, AnalysisCallback
from tests.dispatcher.conftest import TOKEN, Chatter
from tests.dispatcher.recording_session import RecordingSession
from tests.unit.analytics.helpers import csv_bytes

# Two client columns: the bot is unsure what to compute, then which column is the client.
TWO_CLIENT_COLUMNS = [["Номер заказа", "Клиент", "Покупатель", "Дата", "Сумма"]] + [
    [str(100 + i), "ООО Ромашка", ("Борис", "Вера", "Глеб")[i % 3], f"{1 + i:02d}.03.2023", str(100 * (i + 1))]
    for i in range(9)
]


@dataclass
class FileServingSession(RecordingSession):
    """Also serves getFile and the file download, from `files` (file_id -> bytes)."""

    files: dict[str, bytes] = field(default_factory=dict)

    async def make_request(self, bot: Bot, method: Any, timeout: int | None = None) -> Any:
        if isinstance(method, GetFile):
            self.requests.append(method)
            return File(file_id=method.file_id, file_unique_id=method.file_id, file_path=f"docs/{method.file_id}")
        return await super().make_request(bot, method, timeout)

    async def stream_content(self, url: str, *args: Any, **kwargs: Any):  # type: ignore[override]
        yield self.files[url.rsplit("/", 1)[-1]]


@pytest.fixture
def recording() -> FileServingSession:
    return FileServingSession()


@pytest.fixture
def bot(recording: FileServingSession) -> Bot:
    return Bot(TOKEN, session=recording, default=DefaultBotProperties(parse_mode="HTML"))


async def send_file(chatter: Chatter, data: bytes, name: str, size: int | None = None) -> None:
    file_id = f"f{len(chatter.session.files)}"  # type: ignore[attr-defined]
    chatter.session.files[file_id] = data  # type: ignore[attr-defined]
    document = Document(file_id=file_id, file_unique_id=file_id, file_name=name, file_size=size or len(data))
    await chatter.send_message(document=document)


def toasts(chatter: Chatter) -> list[str | None]:
    return [r.text for r in chatter.session.sent(AnswerCallbackQuery)]


async def test_the_prompt_then_a_photo_or_text_instead_of_a_file(alice: Chatter) -> None:
    await alice.send("/menu")
    await alice.press(alice.button_data("Анализ файла"))
    assert "Пришлите CSV или XLSX" in alice.last_text() and "от 12 месяцев" in alice.last_text()
    await alice.send_message(photo=[PhotoSize(file_id="p", file_unique_id="p", width=10, height=10)])
    assert "а не фото" in alice.last_text()
    await alice.send("вот")
    assert "Жду файл CSV или XLSX" in alice.last_text()


async def test_a_question_about_a_column_then_the_rfm_report_and_its_buttons(alice: Chatter) -> None:
    await alice.send("/analyze")
    await send_file(alice, csv_bytes(TWO_CLIENT_COLUMNS), "sales.csv")
    assert "Что посчитать?" in alice.last_text()
    await alice.press(alice.button_data("RFM-сегменты"))
    assert "Подходят несколько" in alice.last_text()
    await alice.press(alice.button_data("Покупатель"))
    assert alice.session.sent(EditMessageReplyMarkup), "the answered question loses its buttons"
    assert "RFM-анализ клиентов" in alice.last_text() and "баллы 1–3" in alice.last_text()
    assert alice.session.sent(SendPhoto)[-1].caption == "График к отчёту"
    assert alice.session.sent(SendDocument)[-1].document.filename == "sales_rfm.xlsx"

    await alice.press(alice.button_data("Шкала 1–5"))
    assert "баллы 1–5" in alice.last_text()
    await alice.press(alice.button_data("Свои границы баллов"))
    assert "Напишите свои границы баллов" in alice.last_text()
    await alice.send("Д 10 20 <b>")
    assert "есть лишнее: «&lt;b&gt;»" in alice.last_text(), "what the user typed is escaped"
    await alice.send("Д 10 20; Ч 2 3; С 500 1000")
    assert "по вашим критериям (Д 10 20; Ч 2 3; С 500 1000)" in alice.last_text()


async def test_a_broken_file_gets_its_reason_and_ends_the_flow(alice: Chatter) -> None:
    await alice.send("/analyze")
    await send_file(alice, b"%PDF-1.4 binary", "report.csv")
    assert "не похоже на таблицу" in alice.last_text()
    await alice.send("вот")
    assert "Жду файл" not in alice.last_text()


async def test_a_file_over_the_download_limit_is_refused_without_downloading(alice: Chatter) -> None:
    await send_file(alice, b"x", "big.csv", size=25 * 2**20)
    assert "не больше 20 МБ" in alice.last_text()
    assert not alice.session.sent(GetFile)


async def test_forged_and_stale_buttons_get_a_toast(alice: Chatter) -> None:
    # Hand-packed on purpose: these are the wire values buttons already sent carry.
    assert AnalysisCallback(act=AnalysisAction.CHOICE, i=0).pack() == "an:c:0"
    assert AnalysisCallback(act=AnalysisAction.THRESHOLDS).pack() == "an:t:-1"
    await alice.press("an:c:0")
    await alice.press("an:s:5")
    await alice.press("an:t:-1")
    assert toasts(alice) == ["Этот вопрос уже неактуален. Пришлите файл ещё раз.",
                             "Пришлите файл ещё раз — прошлый запрос устарел.",
                             "Пришлите файл ещё раз — прошлый запрос устарел."]
