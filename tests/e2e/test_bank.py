"""A team's own questions through the real bot process and the stub Bot API (issue 16): the owner imports a GIFT
file (cp1251), assigns its topic, two managers take it from the task's button, and the owner reads the question
statistics in the chat and as XLSX."""

from __future__ import annotations

import io
import random
import re

import openpyxl

from tests.e2e.actions import db_rows, tap
from tests.e2e.conftest import BotEnv
from tests.e2e.harness import BotProcess
from tests.e2e.quiz_player import answer, current_question
from tests.e2e.test_team import assign, create_team, join, settings_for
from tests.stubapi import StubBotApi

RESULT_RE = re.compile(r"Результат: (\d+) из (\d+) \((\d+) %\)")
GIFT = "\n\n".join([
    "// Вопросы компании «Ромашка»: прайс и книга продаж",
    "$CATEGORY: $course$/top/Прайс",
    "Тарифы «Старт», «Бизнес» и «Про»: цены за месяц при оплате за год.",
    *(f"::Тариф {k}::Сколько стоит тариф №{k} в месяц?{{={k}00 руб.#верно ~{k}50 руб.#это без скидки "
      f"~{k}90 руб.####Смотрите прайс, строка {k}.}}" for k in range(1, 7)),
    "Что входит в «Бизнес»?{~%50%CRM ~%50%Телефония ~%-100%Аналитика#отдельная опция}",
    "Скидка при оплате за год, %{#15:1}",
    "Сопоставьте возражение и ответ{=Дорого -> Сравним с потерями =Подумаю -> Что именно обдумать? "
    "=Есть поставщик -> Что в его работе улучшить?}",
    "Этапы звонка по порядку{=1 -> Приветствие =2 -> Потребности =3 -> Презентация}",
]) + "\n"


async def test_owner_imports_gift_assigns_two_managers_take_it_owner_reads_statistics(  # type: ignore[no-untyped-def]
        stub: StubBotApi, bot_factory, bot_env: BotEnv) -> None:
    bot: BotProcess = bot_factory(extra_env=settings_for(bot_env))
    await bot.start()
    olga = stub.user(7201, "Ольга")
    anna = stub.user(7202, "Анна")
    boris = stub.user(7203, "Борис")
    card, code = await create_team(stub, olga, "Ромашка")
    await join(stub, anna, code, "Ромашка", "Ольга")
    await join(stub, boris, code, "Ромашка", "Ольга")

    # The GIFT file, in Windows-1251: a preview first, then everything at once.
    stub.send_text(olga, "/bank")
    home = await stub.wait_message(olga.id, "Вопросы компании — команда «Ромашка»")
    asked = await tap(stub, olga, home, "📥 Загрузить файл", "Пришлите файл")
    stub.send_document(olga, GIFT.encode("cp1251"), "romashka.gift", "text/plain")
    preview = await stub.wait_message(olga.id, "Найдено 10 вопросов в 1 теме")
    assert "6 — один ответ, 1 — несколько, 1 — число, 1 — порядок, 1 — соответствие" in preview.shown_text
    assert db_rows(bot, "select count(*) from own_questions") == [(0,)]
    await tap(stub, olga, preview, "✅ Импортировать", "Загружено 10 вопросов")
    assert asked.message_id != preview.message_id
    assert db_rows(bot, "select count(*) from own_questions") == [(10,)]

    # Assigned like a built-in topic; each manager starts it from the task's button.
    done = await assign(stub, olga, card, "🏢 Прайс", "3 дня")
    assert "Тренировки: 🏢 Прайс" in done.shown_text
    results = {}
    for member, knows in ((anna, 1.0), (boris, 0.5)):
        task = await stub.wait_message(member.id, "Новое задание")
        assert "🏢 Прайс" in task.shown_text
        stub.press(member, task, "🏋️ 🏢 Прайс")
        await stub.wait_message(member.id, "Вопрос 1/10")
        rng = random.Random(member.id)
        for position in range(10):
            q = current_question(bot.database_url, member.id)
            assert q.position == position and q.instance["topic_id"].startswith("ot")
            shown = await answer(stub, member, q, rng.random() < knows, rng)
            await stub.wait_callback_answer(stub.press(member, shown, "Итоги ▶" if position == 9 else "Дальше ▶"))
        result = await stub.wait_for(lambda m=member: next((x for x in reversed(stub.bot_messages(m.id))
                                                            if RESULT_RE.search(x.shown_text)), None))
        results[member.id] = int(RESULT_RE.search(result.shown_text).group(1))
    assert results[anna.id] == 10

    # The owner reads the statistics: in the chat (the urgent problems), and every question in XLSX.
    stub.send_text(olga, "/bank")
    home = await stub.wait_message(olga.id, "Вопросы компании — команда «Ромашка»")
    stub.press(olga, home, "📊 Статистика вопросов")
    stats = await stub.wait_message(olga.id, "Статистика вопросов — команда «Ромашка»")
    assert "Ответов: 20 на 10 вопросов (своих — 10, из программы — 0); участников: 2." in stats.shown_text
    assert "точечно-бисериальная" in stats.shown_text
    pressed = stub.press(olga, stats, "📥 Статистика в Excel")
    document = await stub.wait_message(olga.id, where=lambda m: m.document is not None)
    await stub.wait_callback_answer(pressed)
    sheet = openpyxl.load_workbook(io.BytesIO(document.document.data)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 10 and all(row[4] == 2 for row in rows)
    assert sum(round(row[5] / 50) for row in rows) == results[anna.id] + results[boris.id]
    assert not stub.unanswered_callbacks
    stub.assert_no_api_errors()
