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

from db.models import Attempt, AttemptQuestion, Certificate, OwnQuestion, OwnQuestionVersion, OwnTopic
from handlers.attestation.callbacks import LearnAction, LearnCallback
from handlers.bank.callbacks import BankAction, BankCallback, DraftAction, DraftCallback, FileAction, FileCallback
from services.attestation.own.engine.model import Option
from tests.dispatcher.conftest import TOKEN, Chatter, button_data
from tests.dispatcher.quiz_player import answer_current
from tests.dispatcher.recording_session import RecordingSession


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


def markup_to(recording: RecordingSession, chatter: Chatter) -> Any:
    """The keyboard of the latest message to this user (several users share one recording)."""
    for request in reversed(recording.requests):
        if getattr(request, "chat_id", None) == chatter.user.id and getattr(request, "reply_markup", None):
            return request.reply_markup
    raise AssertionError("no keyboard was sent to this user")


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



async def add_single_choice(owner: Chatter, text: str, options: str) -> None:
    """From a topic's screen: a one-answer question typed in the chat («+» marks the right option), saved."""
    await owner.press(owner.button_data("➕ Вопрос"))
    await owner.send(text)
    await owner.press(owner.button_data("Один ответ"))
    await owner.send(options)
    await owner.press(owner.button_data("Без пояснения"))
    await owner.press(owner.button_data("Сохранить"))

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

    # A stranger never sees the team's topics, and a forged card or practice of one is refused.
    stranger = person(owner.dp, owner.bot, owner.session, 5099, "Мэллори")
    await add_single_choice(owner, "Какой этап первый?", "+Приветствие\nПрезентация")
    await stranger.send("/quiz")
    assert "Книга продаж" not in str([b.text for row in stranger.last_markup().inline_keyboard for b in row
                                      if b.text.startswith("🏢")])
    await stranger.press(LearnCallback(action=LearnAction.CARD, topic=f"ot{topic.id}").pack(), message_id=1)
    assert toast(recording) == "Этой темы больше нет."
    await stranger.press(LearnCallback(action=LearnAction.PRACTICE, topic=f"ot{topic.id}").pack(), message_id=1)
    assert (toast(recording) or "") and await count(session_factory, Attempt) == 0
    await anna.send("/quiz")
    assert anna.button_data("🏢 Книга продаж")

    # The owner makes Anna an editor: now she may add a question.
    await owner.send("/bank")
    await owner.press(owner.button_data("Редакторы"))
    await owner.press(owner.button_data("Анна"))
    assert "✅ Анна" in str(owner.last_markup())
    await anna.send("/bank")
    assert "Книга продаж" in str(anna.last_markup())


GIFT = """// Прайс и книга продаж
$CATEGORY: $course$/top/Прайс

::Бизнес::Сколько стоит тариф «Бизнес»?{=1 500 руб. ~1 000 руб.#это «Старт» ~1 800 руб.}

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
    assert "вопрос 4, строка 12: вопрос с коротким ответом" in text and "вопрос 5, строка 14: эссе" in text
    assert await count(session_factory, OwnQuestion) == 0
    await send_file(owner, GIFT.encode("utf-8"), "price.gift")
    text = me.last()
    assert "Найдено 3 вопроса в 2 темах: 1 — один ответ, 1 — число, 1 — порядок." in text
    do_import = owner.button_data("Импортировать")
    await owner.press(do_import)
    assert "Загружено 3 вопроса (тем: 2, из них новых: 2)" in me.last()
    assert await count(session_factory, OwnQuestion) == 3 and await count(session_factory, OwnTopic) == 2
    assert button_data(owner.last_markup(), "Прайс (2)") and button_data(owner.last_markup(), "Книга продаж (1)")
    await owner.press(do_import)  # the import is spent: a second tap imports nothing
    assert "устарела" in (toast(recording) or "")
    assert await count(session_factory, OwnQuestion) == 3


PRICE = "$CATEGORY: Прайс\n\n" + "\n\n".join(
    f"Вопрос {k}: сколько стоит тариф {k}?{{={k}00 руб. ~{k}50 руб. ~{k}90 руб.}}" for k in range(1, 7)) + "\n"


async def test_team_exam_from_own_topics_assignment_and_statistics(owner: Chatter, anna: Chatter,
                                                                  recording: RecordingSession,
                                                                  session_factory) -> None:  # type: ignore[no-untyped-def]
    code = await make_team(owner)
    await join(anna, code)
    me = Tapper(owner)
    await me.say("/bank")
    await me.tap("Загрузить файл")
    await send_file(owner, PRICE.encode("utf-8"), "price.txt")
    await me.tap("Импортировать")
    assert "Загружено 6 вопросов" in me.last()

    # The team's exam: 5 own questions and 2 built-in ones, pass mark 85 %, a name for the certificate.
    await me.tap("Экзамен команды")
    assert "Сейчас — стандартный: 20 вопросов" in me.last()
    await me.tap("Режим: по весам")
    for _ in range(4):
        await me.tap("Прайс:")  # 0 → 1 → 2 → 3 → 5
    await me.tap("Программа бота: 1")  # 1 → 2
    await me.tap("Порог: 80 %")
    assert "Прайс — 5 из 6" in me.last() and "Программа бота — 2 из" in me.last()
    await me.tap("Название экзамена")
    await me.say("Аттестация «Ромашка»")
    assert "7 вопросов по числу вопросов из каждой темы, порог 85 %" in me.last()

    await anna.send("/exam")
    async with session_factory() as session:
        attempt = (await session.execute(select(Attempt).where(Attempt.user_id == anna.user.id))).scalar_one()
        rows = (await session.execute(select(AttemptQuestion.question_id).where(
            AttemptQuestion.attempt_id == attempt.id).order_by(AttemptQuestion.position))).scalars().all()
    assert attempt.total == 7 and sum(q.startswith("oq") for q in rows) == 5
    rng = random.Random(2)
    for position in range(attempt.total):
        await answer_current(anna, session_factory, attempt.id, position, position != 0, rng)
    result = anna.last_text()
    assert "Результат: 6 из 7 (86 %)" in result and "порог 85 %" in result and "🏢 Прайс" in result
    async with session_factory() as session:
        certificate = (await session.execute(select(Certificate))).scalar_one()
    await anna.send(f"/verify {certificate.code}")
    assert "«Аттестация «Ромашка»»" in anna.last_text()
    await anna.send("/mistakes")  # the question missed in the exam, own or built-in, comes back
    async with session_factory() as session:
        mistakes = (await session.execute(select(AttemptQuestion.question_id).join(Attempt).where(
            Attempt.kind == "mistakes"))).scalars().all()
    assert mistakes == [rows[0]]

    # The own topic is assigned like a built-in one.
    await owner.send("/team")
    await owner.press(owner.button_data("Продажи"))
    await owner.press(owner.button_data("Назначить задание"))
    await owner.press(owner.button_data("Тренировки по темам"))
    await owner.press(owner.button_data("🏢 Прайс"))
    await owner.press(owner.button_data("Готово"))
    await owner.press(owner.button_data("3 дня"))
    await owner.press(owner.button_data("Всем участникам"))
    assert "Задание назначено: Тренировки: 🏢 Прайс" in owner.last_text()

    # Statistics: the team's answers to own and built-in questions.
    await owner.send("/bank")
    await owner.press(owner.button_data("Статистика вопросов"))
    stats = owner.last_text()
    assert "Статистика вопросов — команда «Продажи»" in stats
    assert "Ответов: 7 на 7 вопросов (своих — 5, из программы — 2); участников: 1." in stats
    await owner.press(owner.button_data("Статистика в Excel"))
    assert recording.sent(SendDocument)[-1].document.filename.startswith("question-stats-")


async def assign_topic(owner: Tapper, topic: str) -> None:
    """The team wizard: the topic to all members with a quick deadline."""
    await owner.say("/team")
    for label in ("Продажи", "Назначить задание", "Тренировки по темам", topic, "Готово", "3 дня", "Всем участникам"):
        await owner.tap(label)
    assert "Задание назначено" in owner.last()


async def test_taps_to_twenty_questions_in_practice(dispatcher, bot, recording, session_factory) -> None:  # type: ignore[no-untyped-def]
    """«From nothing to the team practising 20 own questions» by each way in; the counts go into the report."""
    from services.attestation.own.engine.model import QuestionBody as Body
    from services.attestation.own.engine.xlsx import XlsxTopic, write_xlsx

    counts: dict[str, tuple[int, int, int]] = {}
    for number, way in enumerate(("chat", "xlsx", "gift")):
        owner = person(dispatcher, bot, recording, 6000 + 10 * number, "Ольга")
        member = person(dispatcher, bot, recording, 6001 + 10 * number, "Анна")
        await join(member, await make_team(owner))
        me = Tapper(owner)
        await me.say("/bank")
        if way == "chat":
            await me.tap("Новая тема")
            await me.say("Прайс")
            await me.tap("Пропустить")  # no card now
            await me.tap("Пропустить")  # no document or link
            for k in range(20):
                await me.tap("➕ Вопрос" if k == 0 else "Ещё вопрос")
                await me.say(f"Сколько стоит тариф №{k}?")
                await me.tap("Один ответ")
                await me.say(f"+{k}00 руб.\n{k}50 руб.\n{k}90 руб.")
                await me.tap("Без пояснения")
                await me.tap("Сохранить")
            assert "В теме вопросов: 20" in me.last()
        else:
            bodies = [Body("single", f"Сколько стоит тариф №{k}?", options=(
                Option(f"{k}00 руб.", True), Option(f"{k}50 руб."), Option(f"{k}90 руб."))) for k in range(20)]
            if way == "xlsx":
                await me.tap("Шаблон Excel")  # the owner fills it in Excel
                data, name = write_xlsx([XlsxTopic("Прайс", "", "", bodies)]), "Шаблон вопросов.xlsx"
            else:
                from services.attestation.own.engine.gift import GiftTopic, write_gift

                data, name = write_gift([GiftTopic("Прайс", "", bodies)]).encode("cp1251"), "price.gift"
            await me.tap("Загрузить файл")
            me.messages += 1
            await send_file(owner, data, name)
            assert "Найдено 20 вопросов в 1 теме: 20 — один ответ." in me.last()
            await me.tap("Импортировать")
        in_bank, typed = me.taps, me.messages
        await member.send("/quiz")
        await member.press(member.button_data("🏢 Прайс"))
        assert "Вопрос 1/20" in member.last_text()
        await assign_topic(me, "🏢 Прайс")
        counts[way] = (in_bank, typed, me.taps - in_bank)
    # (taps and messages or files sent until the members can practise the 20 questions in /quiz, taps to assign
    # them with a deadline); the XLSX way also has the owner fill the template in Excel.
    assert counts == {"chat": (83, 42, 7), "xlsx": (3, 2, 7), "gift": (2, 2, 7)}, counts


async def test_limits_refuse_with_a_clear_message(owner: Chatter, recording: RecordingSession, session_factory,  # type: ignore[no-untyped-def]
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("services.attestation.own.flow.files.QUESTIONS_PER_TEAM", 5)
    monkeypatch.setattr("services.attestation.own.flow.context.TOPICS_PER_TEAM", 1)
    await make_team(owner)
    await owner.send("/bank")
    await owner.press(owner.button_data("Загрузить файл"))
    await send_file(owner, PRICE.encode("utf-8"), "price.txt")
    assert "В банке команды может быть не больше 5 вопросов" in owner.last_text()
    assert "Импортировать" not in str(owner.last_markup())
    await owner.press(owner.button_data("Вопросы компании"))
    await owner.press(owner.button_data("Новая тема"))
    await owner.send("Первая")
    await owner.press(owner.button_data("Пропустить"))
    await owner.press(owner.button_data("Пропустить"))
    await owner.press(owner.button_data("Вопросы компании"))
    await owner.press(owner.button_data("Новая тема"))
    assert toast(recording) == "В банке команды может быть не больше 1 темы — удалите ненужные или объедините их."
    assert await count(session_factory, OwnTopic) == 1 and await count(session_factory, OwnQuestion) == 0


async def test_topic_card_document_link_rename_and_delete(owner: Chatter, anna: Chatter, recording: RecordingSession,
                                                         session_factory) -> None:  # type: ignore[no-untyped-def]
    await join(anna, await make_team(owner))
    await owner.send("/bank")
    await owner.press(owner.button_data("Новая тема"))
    await owner.send("Прайс")
    await owner.send("Цены <b>2025</b>: «Старт» — 1 000 руб.")
    await send_file(owner, b"%PDF-1.4 price", "price.pdf")  # the document the card points to
    assert "Документ сохранён" in owner.last_text() and "📎 Документ: price.pdf" in owner.last_text()
    await owner.press(owner.button_data("Название"))
    await owner.send("Прайс 2025")
    assert "Тема переименована" in owner.last_text() and "Тема «Прайс 2025»" in owner.last_text()
    await owner.press(owner.button_data("Карточка"))
    await owner.press(owner.button_data("Пропустить"))  # the card stays
    await owner.send("ftp://nope")
    assert "должна начинаться с http" in owner.last_text()
    await owner.send("https://example.com/price")
    assert "🔗 Ссылка: https://example.com/price" in owner.last_text()
    await add_single_choice(owner, "Цена «Старт»?", "+1 000 руб.\n2 000 руб.")

    await anna.send("/learn")
    await anna.press(anna.button_data("🏢 Прайс 2025"))
    card = anna.last_text()
    assert "Цены &lt;b&gt;2025&lt;/b&gt;" in card and "Вопросов в теме: 1" in card
    labels = [b.text for row in anna.last_markup().inline_keyboard for b in row]
    assert labels == ["🏋️ Потренироваться", "📎 price.pdf", "🔗 Открыть ссылку", "« К темам"]
    await anna.press(anna.button_data("📎 price.pdf"))
    assert recording.sent(SendDocument)[-1].chat_id == anna.user.id

    await owner.press(button_data(markup_to(recording, owner), "К теме"))
    await owner.press(owner.button_data("Удалить тему"))
    assert "Удалить тему «Прайс 2025» и её вопросы (1)?" in owner.last_text()
    await owner.press(owner.button_data("Да, удалить"))
    assert "Тема «Прайс 2025» удалена" in owner.last_text()
    await anna.send("/quiz")
    assert "Прайс" not in str(anna.last_markup())
