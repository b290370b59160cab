"""«Анализ файла» through the real Dispatcher: the prompt, a question about the file answered by its button,
the RFM report's buttons, refusals of stale buttons and of files too big to download; the other analyses of a
kept file, the line analyses wait in, the per-file budget, and analyses a restart interrupted."""

from __future__ import annotations

import asyncio
import io
import threading
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.exceptions import TelegramBadRequest
from aiogram.methods import (
    AnswerCallbackQuery,
    EditMessageMedia,
    EditMessageReplyMarkup,
    EditMessageText,
    GetFile,
    SendDocument,
    SendMessage,
    SendPhoto,
)
from aiogram.types import Document, File, PhotoSize, User

from bot.analyses import AnalysisKeeper
from bot.settings import Settings
from db.repositories.analyses import AnalysisRepository
from handlers import analysis_markup
from handlers.analytics.callbacks import AnalysisAction, AnalysisCallback
from services.analytics import flow
from services.analytics.files import AnalysisFiles
from services.analytics.flow import Analyses
from services.analytics.runtime import AnalysisRuntime
from services.analytics.session import AnalysisRequest
from services.clock import Clock
from tests.conftest import SHARED_DATA
from tests.dispatcher.conftest import TOKEN, Chatter
from tests.dispatcher.recording_session import RecordingSession
from tests.unit.analytics.helpers import csv_bytes

CRM = SHARED_DATA / "crm_sales_pipeline.csv"
RETAIL = SHARED_DATA / "online_retail_sample_semicolon.csv"

# Two client columns: the bot is unsure what to compute, then which column is the client.
TWO_CLIENT_COLUMNS = [["Номер заказа", "Клиент", "Покупатель", "Дата", "Сумма"]] + [
    [str(100 + i), "ООО Ромашка", ("Борис", "Вера", "Глеб")[i % 3], f"{1 + i:02d}.03.2023", str(100 * (i + 1))]
    for i in range(9)
]


@dataclass
class FileServingSession(RecordingSession):
    """Also serves getFile and the file download, from `files` (file_id -> bytes)."""

    files: dict[str, bytes] = field(default_factory=dict)
    too_big: set[str] = field(default_factory=set)  # getFile answers «file is too big», as Telegram over 20 MB

    async def make_request(self, bot: Bot, method: Any, timeout: int | None = None) -> Any:
        if isinstance(method, GetFile):
            self.requests.append(method)
            if method.file_id in self.too_big:
                self.replies.append(None)
                raise TelegramBadRequest(method=method, message="Bad Request: file is too big")
            file = File(file_id=method.file_id, file_unique_id=method.file_id, file_path=f"docs/{method.file_id}")
            self.replies.append(file)  # requests and replies stay in step
            return file
        return await super().make_request(bot, method, timeout)

    async def stream_content(self, url: str, *args: Any, **kwargs: Any):  # type: ignore[override]
        yield self.files[url.rsplit("/", 1)[-1]]


@pytest.fixture
def settings(database_url: str) -> Settings:
    # One analysis at a time and tables up to 1 MB: the line and the budget show with small files.
    return Settings(bot_token=TOKEN, database_url=database_url, throttle_rate=1000, throttle_burst=1000,  # type: ignore[arg-type]
                    analysis_concurrency=1, analysis_max_table_mb=1)


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
    assert "3 — лучший балл" in alice.last_text()
    assert alice.session.sent(SendPhoto)[-1].caption.startswith("Сегменты RFM: сколько в каждом клиентов")
    assert "каждый клиент с баллами R, F, M" in alice.session.sent(SendDocument)[-1].caption
    assert alice.session.sent(SendDocument)[-1].document.filename == "sales_rfm.xlsx"

    report = report_messages(alice)

    # Redone from its own buttons, the report is edited in place: no copies stack up in the chat.
    sent = len(new_messages(alice))
    await alice.press(alice.button_data("Шкала 1–5"))
    assert "баллы 1–5" in alice.last_text() and "5 — лучший балл" in alice.last_text()
    assert len(new_messages(alice)) == sent, "nothing sent anew"
    assert_report_edited(alice, report, "баллы 1–5")
    assert labels(alice.session.sent(EditMessageText)[-1].reply_markup)[:2] == ["Шкала 1–3", "Свои границы баллов"]

    await alice.press(alice.button_data("Свои границы баллов"))
    assert "Напишите свои границы баллов" in alice.last_text()
    await alice.send("Д 10 20 <b>")
    assert "есть лишнее: «&lt;b&gt;»" in alice.last_text(), "what the user typed is escaped"
    sent = len(new_messages(alice))
    await alice.send("Д 10 20; Ч 2 3; С 500 1000")
    assert "по вашим критериям (Д 10 20; Ч 2 3; С 500 1000)" in alice.last_text()
    assert len(new_messages(alice)) == sent, "the prompt and the typed criteria stay; the report above is edited"
    assert_report_edited(alice, report, "по вашим критериям")


def new_messages(chatter: Chatter) -> list[Any]:
    return chatter.session.sent(SendMessage) + chatter.session.sent(SendPhoto) + chatter.session.sent(SendDocument)


def report_messages(chatter: Chatter) -> list[int]:
    """The ids of the last report's text, chart and Excel, as the recording session answered them."""
    ids = {id(request): reply for request, reply in zip(chatter.session.requests, chatter.session.replies,
                                                         strict=False)}
    text = next(r for r in reversed(chatter.session.sent(SendMessage)) if "RFM-анализ клиентов" in r.text)
    return [ids[id(text)].message_id, ids[id(chatter.session.sent(SendPhoto)[-1])].message_id,
            ids[id(chatter.session.sent(SendDocument)[-1])].message_id]


def assert_report_edited(chatter: Chatter, report: list[int], says: str) -> None:
    text = chatter.session.sent(EditMessageText)[-1]
    assert text.message_id == report[0] and says in text.text
    photo, document = chatter.session.sent(EditMessageMedia)[-2:]
    assert (photo.message_id, photo.media.type, photo.media.media.filename) == (report[1], "photo", "sales_rfm.png")
    assert photo.media.caption.startswith("Сегменты RFM: сколько в каждом клиентов")
    assert (document.message_id, document.media.type) == (report[2], "document")
    assert document.media.media.filename == "sales_rfm.xlsx"
    assert "каждый клиент с баллами R, F, M" in document.media.caption


async def test_a_redone_report_whose_messages_are_gone_is_sent_anew(alice: Chatter) -> None:
    await send_file(alice, RETAIL.read_bytes(), "retail.csv")
    assert "RFM-анализ клиентов" in alice.last_text()
    text_id, photo_id, document_id = report_messages(alice)
    alice.session.deleted.update({photo_id, document_id})  # the user deleted the chart and the Excel
    sends = (len(alice.session.sent(SendMessage)), len(alice.session.sent(SendPhoto)),
             len(alice.session.sent(SendDocument)))

    await alice.press(alice.button_data("Шкала 1–5"))
    assert alice.session.sent(EditMessageText)[-1].message_id == text_id, "the text is still edited in place"
    assert "баллы 1–5" in alice.last_text()
    assert [r.message_id for r in alice.session.sent(EditMessageMedia)] == [photo_id, document_id]
    assert (len(alice.session.sent(SendMessage)), len(alice.session.sent(SendPhoto)),
            len(alice.session.sent(SendDocument))) == (sends[0], sends[1] + 1, sends[2] + 1), "the files sent anew"
    assert alice.session.sent(SendDocument)[-1].document.filename == "retail_rfm.xlsx"

    # The next redo edits the new copies.
    new_ids = report_messages(alice)
    await alice.press(alice.button_data("Шкала 1–3"))
    assert [r.message_id for r in alice.session.sent(EditMessageMedia)[-2:]] == new_ids[1:]
    assert "баллы 1–3" in alice.last_text()


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


# ---- issue 14 item 6: the other analyses of the same file, on the kept copy ------------------------------

def chat_texts(chatter: Chatter) -> list[str]:
    return [r.text for r in chatter.session.requests
            if isinstance(r, SendMessage | EditMessageText) and r.chat_id == chatter.user.id]


def labels(markup: Any) -> list[str]:
    return [button.text for row in markup.inline_keyboard for button in row]


async def test_a_report_offers_the_other_analyses_of_the_kept_file_until_it_is_deleted(
        alice: Chatter, session_factory) -> None:  # type: ignore[no-untyped-def]
    await send_file(alice, CRM.read_bytes(), "crm_sales_pipeline.csv")
    report = alice.session.sent(SendMessage)[-1]
    assert "онверси" in report.text
    assert labels(report.reply_markup) == ["RFM по клиентам этого файла", "Сезонность по этому файлу"]
    rfm_button = alice.button_data("RFM по клиентам")

    await alice.press(alice.button_data("Сезонность по этому файлу"))
    assert "Какой столбец — «Дата»?" in alice.last_text()
    await alice.press(alice.button_data("close_date"))
    assert "сезонност" in alice.last_text().lower()
    assert len(alice.session.sent(GetFile)) == 1, "the kept copy is analysed, the file is not downloaded again"

    # A day later the kept file is gone: its buttons say so politely, and so does a forged one.
    async with session_factory() as session:
        a_day_later = Clock(real_now=lambda: datetime.now(UTC) + timedelta(days=1, minutes=1))
        assert await AnalysisFiles(AnalysisRepository(session), a_day_later).cleanup() == 1
        await session.commit()
    await alice.press(rfm_button)
    await alice.press("ak:424242:rfm")
    gone = "Этого файла у меня уже нет: я храню файлы 24 часа. Пришлите его ещё раз — и я посчитаю что нужно."
    assert toasts(alice)[-2:] == [gone, gone]


async def test_a_kept_file_is_only_its_senders(alice: Chatter, dispatcher: Dispatcher, bot: Bot,
                                               recording: FileServingSession) -> None:
    await send_file(alice, CRM.read_bytes(), "crm_sales_pipeline.csv")
    foreign = alice.button_data("RFM по клиентам")
    bob = Chatter(dispatcher, bot, recording, User(id=1002, is_bot=False, first_name="Боб"))
    await bob.press(foreign)
    assert toasts(bob)[-1].startswith("Этого файла у меня уже нет")
    assert chat_texts(bob) == []


async def test_a_kept_files_button_inside_another_flow_asks_to_finish_it_first(alice: Chatter) -> None:
    await send_file(alice, CRM.read_bytes(), "crm_sales_pipeline.csv")
    button = alice.button_data("Сезонность по этому файлу")
    await alice.send("/profile")
    asked = len(chat_texts(alice))
    await alice.press(button)
    assert toasts(alice)[-1].startswith("Сначала закончите то, что начали")
    assert len(chat_texts(alice)) == asked, "the profile's step stays the live screen"


# ---- issue 15 item 4: no file_size in the update, and getFile says «file is too big» ---------------------

async def test_a_file_without_a_size_that_telegram_refuses_gets_the_20_mb_message(alice: Chatter) -> None:
    alice.session.too_big.add("huge")  # type: ignore[attr-defined]
    await alice.send_message(document=Document(file_id="huge", file_unique_id="huge", file_name="sales.csv"))
    assert alice.last_text().startswith("Файл больше 20 МБ, а Telegram позволяет боту скачать не больше 20 МБ.")
    assert "ZIP" in alice.last_text()
    assert not any("Что-то пошло не так" in text for text in chat_texts(alice))


# ---- issue 15 item 10: a line for analyses, and a per-file budget ----------------------------------------

async def until(condition: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.02)


async def test_analyses_beyond_the_limit_wait_in_line_and_see_their_place_move(
        alice: Chatter, dispatcher: Dispatcher, bot: Bot, recording: FileServingSession,
        monkeypatch: pytest.MonkeyPatch) -> None:
    gate = threading.Event()
    real = flow.run_analysis

    def held(*args: Any) -> Any:  # the first analysis holds its place until the test lets it go
        gate.wait(30)
        return real(*args)

    monkeypatch.setattr(flow, "run_analysis", held)
    bob = Chatter(dispatcher, bot, recording, User(id=1002, is_bot=False, first_name="Боб"))
    carol = Chatter(dispatcher, bot, recording, User(id=1003, is_bot=False, first_name="Вера"))
    queue = dispatcher["analysis_runtime"].queue
    data = RETAIL.read_bytes()
    try:
        first = asyncio.create_task(send_file(alice, data, "a.csv"))
        await until(lambda: queue.running == 1)
        second = asyncio.create_task(send_file(bob, data, "<b>.csv"))
        await until(lambda: any("в очереди" in text for text in chat_texts(bob)))
        third = asyncio.create_task(send_file(carol, data, "c.csv"))
        await until(lambda: any("в очереди" in text for text in chat_texts(carol)))
        assert chat_texts(alice) == []
        assert "Ваш «&lt;b&gt;.csv» — 1-й в очереди" in chat_texts(bob)[0], "the file name is escaped"
        assert "Ваш «c.csv» — 2-й в очереди" in chat_texts(carol)[0]
    finally:
        gate.set()
    await asyncio.wait_for(asyncio.gather(first, second, third), 60)

    carol_says = chat_texts(carol)
    assert "2-й в очереди" in carol_says[0] and "1-й в очереди" in carol_says[1], "edited as the line moves"
    assert carol_says[2] == "Очередь дошла — считаю «c.csv»…"
    edits = [r for r in recording.sent(EditMessageText) if r.chat_id == carol.user.id]
    assert len(edits) == 2 and {r.message_id for r in edits} == {edits[0].message_id}, "one message, edited"
    for chatter in (alice, bob, carol):
        assert any("RFM-анализ клиентов" in text for text in chat_texts(chatter))
    assert queue.running == 0 and queue.waiting == 0


async def test_a_table_over_the_per_file_budget_is_refused_with_its_size_and_the_limit(alice: Chatter) -> None:
    rows = [["Клиент", "Дата", "Сумма"]] + [[f"Клиент {i % 500}", "01.03.2023", "100"] for i in range(80_000)]
    table = csv_bytes(rows)
    assert len(table) > 2**20
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("sales.csv", table)
    await send_file(alice, archive.getvalue(), "sales.zip")
    assert alice.last_text().startswith("Таблица в файле «sales.zip» занимает 2,0 МБ без сжатия, а в чате я анализирую "
                                        "таблицы до 1 МБ")


# ---- issue 15 item 11: an analysis the process died in is told once, and runs again with one tap ---------

async def test_an_interrupted_analysis_is_told_once_and_runs_again_with_one_tap(
        alice: Chatter, dispatcher: Dispatcher, bot: Bot, session_factory) -> None:  # type: ignore[no-untyped-def]
    await alice.send("/start")  # the user's row
    previous = AnalysisRuntime.create(slots=1)  # the process that died
    async with session_factory() as session:
        analyses = Analyses(AnalysisRepository(session), previous, Clock())
        request = AnalysisRequest.for_file("old", "<i>sales</i>.csv")
        record = await analyses.begin(alice.user.id, alice.user.id, request)
        await analyses.keep(record, alice.user.id, request, RETAIL.read_bytes())  # … then it died mid-analysis
        await analyses.begin(alice.user.id, alice.user.id, AnalysisRequest.for_file("lost", "lost.csv"))
    before = len(chat_texts(alice))

    keeper = AnalysisKeeper(bot, session_factory, dispatcher["analysis_runtime"], Clock(), analysis_markup)
    assert len(await keeper.round(at_start=True)) == 2
    rerun, resend = alice.session.sent(SendMessage)[-2:]
    assert rerun.text == ("Анализ файла «&lt;i&gt;sales&lt;/i&gt;.csv» прервался: бот перезапускался.\n"
                          "Файл у меня сохранён — запустить анализ снова?")
    assert labels(rerun.reply_markup) == ["Запустить снова"]
    assert resend.text.endswith("Самого файла у меня нет — пришлите его ещё раз, и я посчитаю.")
    assert resend.reply_markup is None

    # Restarted again (another process, another start-up): nobody is told twice.
    again = AnalysisKeeper(bot, session_factory, AnalysisRuntime.create(slots=1), Clock(), analysis_markup)
    assert await again.round(at_start=True) == []
    assert len(chat_texts(alice)) == before + 2

    tap = alice.button_data("Запустить снова")
    await alice.press(tap)
    assert any("RFM-анализ клиентов" in text for text in chat_texts(alice)[before + 2:])
    await alice.press(tap)
    assert toasts(alice)[-1] == "Этот анализ уже запущен снова."
