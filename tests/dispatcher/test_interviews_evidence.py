"""Issue 13 for the interviews, played as a person does (buttons pressed by their label):
item 9 — the scorecard in the chat, the Excel and the PDF carry the evidence behind every score (the owner's notes,
the candidate's answers, a voice answer's length, the red flags raised); item 11 — CustDev themes are named by the
respondents' own words, never by a lone vague word."""

from __future__ import annotations

import asyncio
import io
import re
import shutil
import subprocess

import openpyxl
import pytest
from aiogram.methods import SendDocument
from aiogram.types import User as TgUser
from aiogram.types import Voice

from services.interviews.engine.content import default_scripts
from services.interviews.engine.export_pdf import pdf_lines
from services.interviews.flow import results
from tests.dispatcher.conftest import Chatter

SCRIPTS = default_scripts()
HIRING = SCRIPTS.hiring
LINK_RE = re.compile(r"https://t\.me/sales_coach_test_bot\?start=(cand_[A-Za-z0-9_-]+)")
FIRST_ANSWER = "Каждое утро планёрка, по пятницам разбор воронки по каждому менеджеру в CRM"
NOTE = "Про разбор воронки — конкретно, с цифрами"
THEME_RE = re.compile(r"^\d+\. (.+) — в \d+ из \d+ интервью$", re.MULTILINE)


@pytest.fixture
def bob(dispatcher, bot, recording) -> Chatter:  # type: ignore[no-untyped-def]
    return Chatter(dispatcher, bot, recording, TgUser(id=2002, is_bot=False, first_name="Боб"))


async def _remote_interview_rated(alice: Chatter, bob: Chatter) -> None:
    """Bob answers by the link (the second answer by voice, 14 s); Alice rates, notes and flags the first."""
    await alice.send("/interview")
    await alice.press(alice.button_data("Ссылка для кандидата"))
    await alice.send("Борис Кандидатов")
    await bob.send(f"/start {LINK_RE.search(alice.last_text()).group(1)}")
    for index in range(len(HIRING.remote_questions())):
        if index == 0:
            await bob.send(FIRST_ANSWER)
        elif index == 1:
            await bob.send_message(voice=Voice(file_id="VOICE-2", file_unique_id="v2", duration=14))
        else:
            await bob.send(f"Ответ {index}: план выполняли руками отдела, разбирали каждую сделку")
    await alice.press(alice.button_data("Оценить ответы"))
    await alice.press(alice.button_data("3"))
    await alice.press(alice.button_data("⚪ " + HIRING.competencies[0].red_flags[0].text[:20]))
    await alice.send(NOTE)
    for _ in range(len(HIRING.competencies)):
        if "Ваша оценка" not in alice.last_text():
            await alice.press(alice.button_data("4"))
        await alice.press(alice.button_data("Дальше"))
    await alice.press(alice.button_data("Итоги"))


async def test_scorecard_chat_excel_and_pdf_carry_the_evidence(alice: Chatter, bob: Chatter,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    printed: list[list[tuple[str, str]]] = []
    draw = results.scorecard_pdf

    def recording_pdf(card):  # type: ignore[no-untyped-def]
        printed.append(pdf_lines(card))
        return draw(card)

    monkeypatch.setattr(results, "scorecard_pdf", recording_pdf)
    await _remote_interview_rated(alice, bob)
    flag = HIRING.competencies[0].red_flags[0].text

    chat = alice.last_text()
    assert "Оценка кандидата: Борис Кандидатов" in chat
    assert f"💬 Ответ кандидата: «{FIRST_ANSWER}»" in chat
    assert f"📝 Заметки: {NOTE}" in chat
    assert "🎤 Голосовой ответ, 0:14 — прослушать в чате с ботом" in chat
    first = chat.split(f"• {HIRING.competencies[0].title}", 1)[1].split("\n• ", 1)[0]
    assert FIRST_ANSWER in first and NOTE in first and f"🚩 {flag}" in first, "the evidence sits under its score"
    assert "0:14" in chat.split(f"• {HIRING.competencies[1].title}", 1)[1].split("\n• ", 1)[0]

    await alice.press(alice.button_data("Excel"))
    await alice.press(alice.button_data("PDF"))
    xlsx, pdf = (request.document for request in alice.session.sent(SendDocument)[-2:])
    rows = list(openpyxl.load_workbook(io.BytesIO(xlsx.data)).active.iter_rows(values_only=True))
    header = next(row for row in rows if row[0] == "Компетенция")
    answer, notes = header.index("Ответ кандидата"), header.index("Заметки")
    first = next(row for row in rows if row[0] == HIRING.competencies[0].title)
    assert first[answer] == FIRST_ANSWER and first[notes] == NOTE and flag in first[5]
    second = next(row for row in rows if row[0] == HIRING.competencies[1].title)
    assert second[answer] == "Голосовой ответ, 0:14 — прослушать в чате с ботом"

    assert pdf.data.startswith(b"%PDF")
    text = "\n".join(line for _, line in printed[-1])
    assert f"Ответ кандидата: «{FIRST_ANSWER}»" in text and f"Заметки: {NOTE}" in text
    assert "Голосовой ответ, 0:14" in text and f"Красный флаг: {flag}" in text
    if shutil.which("pdftotext"):  # the printed page itself, when poppler is installed
        extracted = await asyncio.to_thread(subprocess.run, ["pdftotext", "-", "-"], input=pdf.data,
                                            capture_output=True, check=True)
        shown = extracted.stdout
        assert "Заметки: Про разбор воронки" in " ".join(shown.decode().split())


async def _custdev(chatter: Chatter, respondent: str, pain: str, value: str) -> None:
    await chatter.send("/custdev")
    await chatter.press(chatter.button_data("Новое интервью"))
    await chatter.send(respondent)
    await chatter.send(pain)
    await chatter.press(chatter.button_data("боль"))
    await chatter.press(chatter.button_data("Дальше"))
    await chatter.send(value)
    await chatter.press(chatter.button_data("ценность"))
    await chatter.press(chatter.button_data("Завершить интервью"))


async def test_custdev_themes_are_named_in_the_respondents_words(alice: Chatter) -> None:
    await _custdev(alice, "Анна", "Заявки теряются, клиент ждёт ответ по три дня",
                   "Быстро отвечают на заявки — за это и выбрали")
    await _custdev(alice, "Борис", "Долго искали, кто ответит на заявку с сайта",
                   "Ответ пришёл быстро, в тот же день")
    await alice.press(alice.button_data("Итоги по всем интервью"))
    insights = alice.last_text()
    themes = THEME_RE.findall(insights)
    assert themes, insights
    for theme in themes:
        assert theme.startswith("«") and " " in theme, f"a theme is a phrase a person recognises: {theme!r}"
        assert theme.strip("«»") not in {"Заявки", "Быстро", "Искали", "Ответ"}
    assert "1. «Заявки теряются» — в 2 из 2 интервью" in insights

    await alice.press(alice.button_data("Excel"))
    workbook = openpyxl.load_workbook(io.BytesIO(alice.session.sent(SendDocument)[-1].document.data))
    rows = list(workbook["Итоги"].iter_rows(values_only=True))
    header = next(row for row in rows if row[0] == "Ключевое слово")
    named = [row[header.index("Тема — словами клиентов")] for row in rows[rows.index(header) + 1:]
             if row[0] and row[1] and row[0] != "Ключевое слово" and isinstance(row[1], int)]
    assert "«Заявки теряются»" in named
