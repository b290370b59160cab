"""A team's own questions through the real Dispatcher: the chat editor (every type, by button labels), editing
into a new version, hiding, the topic in a member's /quiz, forged buttons, an import with a preview."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.methods import AnswerCallbackQuery, GetFile, SendDocument
from aiogram.types import Document, File
from aiogram.types import User as TgUser
from sqlalchemy import func, select

from db.models import Attempt, OwnQuestion, OwnQuestionVersion, OwnTopic
from handlers.bank.callbacks import BankAction, BankCallback, DraftAction, DraftCallback, FileAction, FileCallback
from tests.dispatcher.conftest import TOKEN, Chatter, button_data
from tests.dispatcher.quiz_player import answer_current
from tests.dispatcher.recording_session import RecordingSession

TAPS: dict[str, int] = {}  # the way in → taps it took (read by the report)


@dataclass
class FileServingSession(RecordingSession):
    """Also serves getFile and the download of files users sent (file_id -> bytes)."""

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


def person(dispatcher: Dispatcher, bot: Bot, recording: RecordingSession, user_id: int, name: str) -> Chatter:
    return Chatter(dispatcher, bot, recording, TgUser(id=user_id, is_bot=False, first_name=name))


@pytest.fixture
def owner(dispatcher, bot, recording) -> Chatter:  # type: ignore[no-untyped-def]
    return person(dispatcher, bot, recording, 5001, "Ольга")


@pytest.fixture
def anna(dispatcher, bot, recording) -> Chatter:  # type: ignore[no-untyped-def]
    return person(dispatcher, bot, recording, 5002, "Анна")


@dataclass
class Tapper:
    """Presses buttons by label on the latest keyboard and counts the taps."""

    who: Chatter
    taps: int = 0
    messages: int = 0

    async def tap(self, label: str) -> None:
        self.taps += 1
        await self.who.press(self.who.button_data(label))

    async def say(self, text: str) -> None:
        self.messages += 1
        await self.who.send(text)

    def last(self) -> str:
        return self.who.last_text()


def toast(recording: RecordingSession) -> str | None:
    return recording.sent(AnswerCallbackQuery)[-1].text


async def count(session_factory, model, *where) -> int:  # type: ignore[no-untyped-def]
    async with session_factory() as session:
        stmt = select(func.count()).select_from(model)
        for condition in where:
            stmt = stmt.where(condition)
        return int((await session.execute(stmt)).scalar_one())


async def make_team(owner: Chatter, name: str = "Продажи") -> str:
    """Creates a team; returns its invite code."""
    await owner.send("/team")
    await owner.press(owner.button_data("Создать команду"))
    await owner.send(name)
    text = owner.last_text()
    return text.split("join_")[1].split()[0].split("<")[0].split('"')[0]


async def join(member: Chatter, code: str) -> None:
    await member.send(f"/start join_{code}")
    await member.press(member.button_data("Вступить"))


async def send_file(chatter: Chatter, data: bytes, name: str) -> None:
    files = chatter.session.files  # type: ignore[attr-defined]
    file_id = f"f{len(files)}"
    files[file_id] = data
    await chatter.send_message(document=Document(file_id=file_id, file_unique_id=file_id, file_name=name,
                                                 file_size=len(data)))


async def test_chat_editor_every_type_edit_hide_and_a_member_practises(owner: Chatter, anna: Chatter,
                                                                       recording: RecordingSession,
                                                                       session_factory) -> None:  # type: ignore[no-untyped-def]
    code = await make_team(owner)
    await join(anna, code)
    me = Tapper(owner)
    await me.say("/bank")
    assert "Вопросы компании — команда «Продажи»" in me.last()
    await me.tap("Новая тема")
    assert "Как назовём тему" in me.last()
    await me.say("Прайс <2025>")
    assert "Тема «Прайс &lt;2025&gt;» создана" in me.last()
    await me.say("Тарифы: Старт — 1 000 ₽, Бизнес — 1 500 ₽.")
    assert "На что ссылается карточка" in me.last()
    await me.say("https://example.com/price.pdf")
    assert "Ссылка сохранена" in me.last()

    # One answer: text, type, options, the right one by its button, an explanation, the preview, save.
    await me.tap("➕ Вопрос")
    assert "шаг 1" in me.last()
    await me.say("Сколько стоит тариф «Бизнес»?")
    await me.tap("Один ответ")
    await me.say("1 000 ₽\n1 500 ₽\n1 800 ₽")
    assert "нажмите правильный вариант" in me.last()
    await me.tap("1 500 ₽")
    await me.say("Бизнес — 1 500 ₽ в месяц.")
    preview = me.last()
    assert "Так вопрос увидят участники" in preview and "Правильный ответ:</b> 1 500 ₽" in preview
    await me.tap("Сохранить")
    assert "Вопрос сохранён. В теме вопросов: 1" in me.last()

    # Several answers marked with «+» in the options message (no marking step), no explanation.
    await me.tap("Ещё вопрос")
    await me.say("Что входит в «Бизнес»?")
    await me.tap("Несколько ответов")
    await me.say("+CRM\nАналитика\n+Телефония")
    assert "Шаг 5" in me.last()
    await me.tap("Без пояснения")
    assert "CRM\nТелефония" in me.last()
    await me.tap("Сохранить")

    # A number with a tolerance; an ordering; a matching.
    await me.tap("Ещё вопрос")
    await me.say("Скидка за год, %?")
    await me.tap("Число")
    await me.say("абв")
    assert "Это не число" in me.last()
    await me.say("15 ± 1")
    await me.tap("Без пояснения")
    assert "Допуск: ± 1" in me.last()
    await me.tap("Сохранить")
    await me.tap("Ещё вопрос")
    await me.say("Этапы звонка по порядку")
    await me.tap("Порядок")
    await me.say("1. Приветствие\n2. Потребности\n3. Презентация")
    await me.tap("Без пояснения")
    await me.tap("Сохранить")
    await me.tap("Ещё вопрос")
    await me.say("Возражение и ответ")
    await me.tap("Соответствие")
    await me.say("Дорого -> Сравним с потерями\nПодумаю — Что именно обдумать?\nЕсть поставщик -> Что улучшить?")
    await me.tap("Без пояснения")
    assert "Дорого — Сравним с потерями" in me.last()
    await me.tap("Сохранить")
    assert "В теме вопросов: 5" in me.last()
    assert await count(session_factory, OwnQuestion) == 5

    # Editing makes version 2; the first version stays.
    await me.tap("К теме")
    await me.tap("1. Сколько стоит")
    assert "Вопрос, версия 1" in me.last()
    await me.tap("Изменить")
    await me.tap("Оставить как есть")  # the text
    await me.tap("Один ответ")  # the same type keeps the options
    await me.tap("Оставить как есть")  # the options
    await me.tap("1 800 ₽")  # another right answer
    await me.tap("Оставить как есть")  # the explanation
    assert "новую версию" in me.last() and "Правильный ответ:</b> 1 800 ₽" in me.last()
    save = owner.button_data("Сохранить")
    await owner.press(save)
    assert "версия 2" in me.last()
    assert await count(session_factory, OwnQuestionVersion) == 6
    await owner.press(save)  # the draft is spent
    assert "устарела" in (toast(recording) or "")
    assert await count(session_factory, OwnQuestionVersion) == 6

    # A hidden question is not drawn; the member practises the topic from /quiz.
    await me.tap("К теме")
    await me.tap("5. Возражение")
    await me.tap("Скрыть")
    assert "Вопрос скрыт" in me.last()
    await anna.send("/quiz")
    await anna.press(anna.button_data("🏢 Прайс <2025>"))
    async with session_factory() as session:
        attempt = (await session.execute(select(Attempt).where(Attempt.user_id == anna.user.id))).scalar_one()
    assert attempt.total == 4 and attempt.topic_id.startswith("ot")
    rng = random.Random(1)
    for position in range(attempt.total):
        await answer_current(anna, session_factory, attempt.id, position, True, rng)
        await anna.press(anna.button_data("Итоги ▶" if position + 1 == attempt.total else "Дальше ▶"))
    assert "Результат: 4 из 4 (100 %)" in anna.last_text()
    TAPS["chat"] = me.taps


async def test_forged_and_foreign_buttons_change_nothing(owner: Chatter, anna: Chatter, recording: RecordingSession,
                                                        session_factory) -> None:  # type: ignore[no-untyped-def]
    code = await make_team(owner)
    await join(anna, code)
    await owner.send("/bank")
    await owner.press(owner.button_data("Новая тема"))
    await owner.send("Книга продаж")
    await owner.press(owner.button_data("Пропустить"))
    await owner.press(owner.button_data("Пропустить"))
    async with session_factory() as session:
        topic = (await session.execute(select(OwnTopic))).scalar_one()
    forged = [BankCallback(a=BankAction.DELETE_TOPIC_YES, t=topic.team_id, x=topic.id),
              BankCallback(a=BankAction.HIDE_TOPIC, t=topic.team_id, x=topic.id),
              BankCallback(a=BankAction.EDITOR, t=topic.team_id, x=anna.user.id),
              DraftCallback(a=DraftAction.NEW, t=topic.team_id, x=topic.id),
              FileCallback(a=FileAction.EXPORT_XLSX, t=topic.team_id),
              FileCallback(a=FileAction.STATS, t=topic.team_id)]
    for data in forged:
        await anna.press(data.pack(), message_id=1)
        assert (toast(recording) or "").startswith("Нет доступа"), data
    await anna.press(DraftCallback(a=DraftAction.SAVE, t=topic.team_id).pack(), message_id=1)
    assert "устарела" in (toast(recording) or "")
    async with session_factory() as session:
        assert (await session.execute(select(OwnTopic.status))).scalar_one() == "active"
    assert await count(session_factory, OwnQuestion) == 0
    assert not [r for r in recording.sent(SendDocument) if r.chat_id == anna.user.id]

    # The owner makes Anna an editor: now she may add a question.
    await owner.send("/bank")
    await owner.press(owner.button_data("Редакторы"))
    await owner.press(owner.button_data("Анна"))
    assert "✅ Анна" in str(owner.last_markup())
    await anna.send("/bank")
    assert "Книга продаж" in str(anna.last_markup())


GIFT = """// Прайс и книга продаж
$CATEGORY: $course$/top/Прайс

::Бизнес::Сколько стоит тариф «Бизнес»?{=1 500 ₽ ~1 000 ₽#это «Старт» ~1 800 ₽}

Скидка за год, %{#15:1}

$CATEGORY: Книга продаж

Этапы звонка{=1 -> Приветствие =2 -> Потребности =3 -> Презентация}
"""


async def test_import_preview_then_all_or_nothing(owner: Chatter, recording: RecordingSession,
                                                 session_factory) -> None:  # type: ignore[no-untyped-def]
    await make_team(owner)
    me = Tapper(owner)
    await me.say("/bank")
    await me.tap("Загрузить файл")
    assert "Пришлите файл" in me.last()
    broken = GIFT + "\nКто там?{=никто}\n\nЭссе{}\n"
    await send_file(owner, broken.encode("cp1251"), "price.gift")
    text = me.last()
    assert "Файл не загружен" in text and "ошибок: 2" in text
    assert "вопрос 4, строка 11: вопрос с коротким ответом" in text and "вопрос 5, строка 13: эссе" in text
    assert await count(session_factory, OwnQuestion) == 0
    await send_file(owner, GIFT.encode("utf-8"), "price.gift")
    text = me.last()
    assert "Найдено 3 вопроса в 2 темах: 1 — один ответ, 1 — число, 1 — порядок." in text
    await me.tap("Импортировать")
    assert "Загружено 3 вопроса" in me.last()
    assert await count(session_factory, OwnQuestion) == 3
    await me.tap("Вопросы компании") if "Вопросы компании" in str(owner.last_markup()) else None
    assert await count(session_factory, OwnTopic) == 2
    await owner.press(FileCallback(a=FileAction.IMPORT_YES, t=1).pack())  # the import is spent
    assert await count(session_factory, OwnQuestion) == 3
    assert button_data(owner.last_markup(), "Прайс")
