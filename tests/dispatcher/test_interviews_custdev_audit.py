"""CustDev interviews and the business audit through the real Dispatcher."""

from __future__ import annotations

import io

import openpyxl
from aiogram.methods import SendDocument, SendVoice
from aiogram.types import Voice
from sqlalchemy import select

from db.models import Interview, InterviewAnswer
from handlers.attestation.callbacks import LearnCallback
from handlers.interviews.callbacks import StepCallback
from services.interviews.engine.content import default_scripts
from tests.dispatcher.conftest import Chatter

CUSTDEV = default_scripts().custdev
AUDIT = default_scripts().audit


async def _latest(session_factory) -> Interview:  # type: ignore[no-untyped-def]
    async with session_factory() as session:
        return (await session.execute(select(Interview).order_by(Interview.id.desc()))).scalars().first()


async def _answers(session_factory, interview_id: int) -> dict[str, InterviewAnswer]:  # type: ignore[no-untyped-def]
    async with session_factory() as session:
        rows = (await session.execute(select(InterviewAnswer).where(
            InterviewAnswer.interview_id == interview_id))).scalars()
        return {row.item_id: row for row in rows}


async def _custdev(chatter: Chatter, respondent: str, value_answer: str) -> None:
    """Answer the first question with a pain and a quote, the second by voice, skip one, then a value; finish."""
    await chatter.send("/custdev")
    await chatter.press(chatter.button_data("Новое интервью"))
    await chatter.send(respondent)
    await chatter.send("Заказы теряются, клиенты <злятся> & уходят")
    await chatter.press(chatter.button_data("боль"))
    await chatter.press(chatter.button_data("цитата"))
    await chatter.press(chatter.button_data("Дальше"))
    await chatter.send_message(voice=Voice(file_id=f"VOICE-{respondent}", file_unique_id="v", duration=12))
    await chatter.press(chatter.button_data("Дальше"))
    await chatter.press(chatter.button_data("Пропустить"))
    await chatter.send(value_answer)
    await chatter.press(chatter.button_data("ценность"))
    await chatter.press(chatter.button_data("Завершить интервью"))


async def test_custdev_interview_with_tags_to_summary_and_insights(alice: Chatter, session_factory) -> None:
    await alice.send("/custdev")
    await alice.press(alice.button_data("Новое интервью"))
    await alice.send("ООО «Ромашка»")
    card = alice.last_text()
    first = CUSTDEV.questions()[0]
    assert f"Вопрос 1 из {len(CUSTDEV.questions())}" in card and "💡" in card and "🤐" in card
    assert CUSTDEV.rule(first.rule).text in card
    await alice.send("Заказы теряются, клиенты <злятся> & уходят")
    assert "«Заказы теряются, клиенты &lt;злятся&gt; &amp; уходят»" in alice.last_text()
    labels = [b.text for row in alice.last_markup().inline_keyboard for b in row]
    assert [f"▫️ {tag.label}" for tag in CUSTDEV.tags] == [label for label in labels if label.startswith("▫️")]
    await alice.press(alice.button_data("боль"))
    assert "Теги: боль" in alice.last_text() and alice.button_data("✅ боль")
    await alice.press(alice.button_data("Дальше"))
    await alice.send_message(voice=Voice(file_id="VOICE-RESPONDENT", file_unique_id="v", duration=12))
    assert "🎤 Голосовой ответ записан." in alice.last_text()
    await alice.press(alice.button_data("Прослушать"))
    assert alice.session.sent(SendVoice)[-1].voice == "VOICE-RESPONDENT"
    await alice.press(alice.button_data("Завершить интервью"))
    summary = alice.last_text()
    assert "Итоги интервью: ООО «Ромашка»" in summary and "боль — 1" in summary
    assert "«Заказы теряются, клиенты &lt;злятся&gt; &amp; уходят»" in summary
    assert "2 ответа" in summary and "Без тегов: 1" in summary  # the untagged voice answer counts

    interview = await _latest(session_factory)
    answers = await _answers(session_factory, interview.id)
    assert answers[first.id].tags == ["pain"] and interview.status == "done"
    assert answers[CUSTDEV.questions()[1].id].voice_file_id == "VOICE-RESPONDENT"

    await alice.press(alice.button_data("Excel"))
    sheet = openpyxl.load_workbook(io.BytesIO(alice.session.sent(SendDocument)[-1].document.data))["Ответы"]
    assert sheet["E2"].value == "Заказы теряются, клиенты <злятся> & уходят"


async def test_insights_across_interviews_name_key_customer_value_candidates(alice: Chatter) -> None:
    await _custdev(alice, "Анна", "Ценим быструю доставку — привозят за день")
    await _custdev(alice, "Борис", "Главное для нас — доставка в срок")
    await alice.press(alice.button_data("Итоги по всем интервью"))
    insights = alice.last_text()
    assert "Итоги CustDev: 2 интервью" in insights
    assert "боль — 2 ответа в 2 из 2 интервью" in insights
    kcv = insights.split("Кандидаты в ККЦ", 1)[1]
    assert "в 2 из 2 интервью" in kcv and "Ценим быструю доставку" in kcv and "Борис" in kcv
    await alice.press(alice.button_data("Excel"))
    workbook = openpyxl.load_workbook(io.BytesIO(alice.session.sent(SendDocument)[-1].document.data))
    assert workbook["Итоги"]["B1"].value == 2


async def test_custdev_tags_need_an_answer_and_a_repeated_tag_tap_counts_once(alice: Chatter,
                                                                             session_factory) -> None:
    await alice.send("/custdev")
    await alice.press(alice.button_data("Новое интервью"))
    await alice.send("Вера")
    interview = await _latest(session_factory)
    forged = StepCallback(i=interview.id, a="f", p=0, v=0, on=1).pack()  # no tag buttons before an answer
    await alice.press(forged)
    assert await _answers(session_factory, interview.id) == {}
    await alice.send("Долго ищем поставщика")
    tag = alice.button_data("▫️ боль")
    await alice.press(tag)
    await alice.press(tag)
    assert (await _answers(session_factory, interview.id))[CUSTDEV.questions()[0].id].tags == ["pain"]


async def test_audit_skips_dependent_items_and_ends_with_a_programme(alice: Chatter, session_factory) -> None:
    await alice.send("/audit")
    await alice.press(alice.button_data("Начать аудит"))
    await alice.send("ООО «Окна <Север>»")
    total = len(AUDIT.items)
    for position in range(7):
        assert f"Пункт {position + 1} из {total}" in alice.last_text()
        await alice.press(alice.button_data("1 · частично"))
    assert f"Пункт 8 из {total}" in alice.last_text() and "CRM" in alice.last_text()
    await alice.press(alice.button_data("0 · нет"))
    assert f"Пункт 12 из {total}" in alice.last_text(), "no CRM: its hygiene items are not asked"
    await alice.press(alice.button_data("Назад"))
    assert f"Пункт 8 из {total}" in alice.last_text() and "Ваша оценка: <b>0</b>" in alice.last_text()
    await alice.press(alice.button_data("2 · системно"))
    assert f"Пункт 9 из {total}" in alice.last_text()
    for position in range(8, total):
        value = "0 · нет" if AUDIT.items[position].id == "ip_telephony" else "2 · системно"
        await alice.press(alice.button_data(value))
    result = alice.last_text()
    excel = alice.button_data("Excel")
    assert "Аудит системности: 26 из 36 (72\u00a0%)" in result  # hand-checked: 2 + 14 + 10 points
    assert "Маркетинг — 2 из 4" in result and "Отдел продаж — 14 из 22" in result and "Сервис — 10 из 10" in result
    assert "Рекомендуемая программа обучения" in result
    programme = [b.callback_data for row in alice.last_markup().inline_keyboard for b in row
                 if b.text.startswith("📖")]
    assert programme and programme[0] == LearnCallback(action="card", topic="kev").pack()
    await alice.press(programme[0])
    assert "Типичная ошибка" in alice.last_text()

    interview = await _latest(session_factory)
    answers = await _answers(session_factory, interview.id)
    assert answers["crm"].rating == 2 and answers["ip_telephony"].rating == 0 and interview.status == "done"
    await alice.press(excel)
    rows = list(openpyxl.load_workbook(io.BytesIO(alice.session.sent(SendDocument)[-1].document.data))["Аудит"]
                .iter_rows(values_only=True))
    # The seed's cap: without IP telephony there is no real CRM, so its 2 counts as 1.
    assert ("Отдел продаж", "CRM", 1, 2) == rows[8][:4] and "Без IP-телефонии" in rows[8][5]
