"""The evidence behind each score (issue 13, item 9): in the chat result, the Excel and the PDF's lines."""

from __future__ import annotations

import io

import openpyxl

from services.interviews.engine.evidence import answer_text, voice_line
from services.interviews.engine.export import scorecard_xlsx
from services.interviews.engine.export_pdf import pdf_lines, scorecard_pdf
from services.interviews.engine.formatting import fmt_duration
from services.interviews.engine.render import render_scorecard
from services.interviews.engine.scorecard import Evidence, build_scorecard

from .conftest import HOSTILE, visible_text


def _card(scripts):
    ratings = {c.id: 3 for c in scripts.hiring.competencies}
    evidence = {
        "control": Evidence(note=f"Про планёрки {HOSTILE}\nЗато показал дашборд", answer=f"Каждое утро {HOSTILE}"),
        "dashboard": Evidence(voice=True, voice_seconds=74),
        "crm": Evidence(voice=True),
    }
    return build_scorecard(scripts.hiring, ratings, {"control": ["own_sales_only"]}, None, candidate="Анна",
                           evidence=evidence)


def test_voice_is_a_duration_and_a_pointer_to_the_chat():
    assert fmt_duration(74) == "1:14" and fmt_duration(5) == "0:05"
    assert voice_line(Evidence(voice=True, voice_seconds=74)) == "Голосовой ответ, 1:14 — прослушать в чате с ботом"
    assert voice_line(Evidence(voice=True)) == "Голосовой ответ — прослушать в чате с ботом"
    assert voice_line(Evidence(answer="текст")) is None
    assert answer_text(Evidence(answer="текст", voice=True, voice_seconds=3)).split("\n") == [
        "текст", "Голосовой ответ, 0:03 — прослушать в чате с ботом"]


def test_chat_result_shows_answers_notes_and_flags_under_each_score(scripts):
    message = render_scorecard(_card(scripts))
    assert "<script>" not in message
    text = visible_text(message)
    control = text.split("• Контроль менеджеров", 1)[1].split("\n• ", 1)[0]
    assert f"Ответ кандидата: «Каждое утро {HOSTILE}»" in control
    assert f"Заметки: Про планёрки {HOSTILE} · Зато показал дашборд" in control
    assert "🚩 Говорит только о своих личных продажах (критический)" in control
    assert "Голосовой ответ, 1:14" in text.split("• Дашборд руководителя", 1)[1].split("\n• ", 1)[0]


def test_excel_has_the_candidates_answer_and_the_notes(scripts):
    rows = list(openpyxl.load_workbook(io.BytesIO(scorecard_xlsx(_card(scripts)))).active.iter_rows(values_only=True))
    header = next(row for row in rows if row[0] == "Компетенция")
    assert header[6:8] == ("Ответ кандидата", "Заметки")
    control = next(row for row in rows if row[0] == "Контроль менеджеров")
    assert control[6] == f"Каждое утро {HOSTILE}" and control[7] == f"Про планёрки {HOSTILE}\nЗато показал дашборд"
    dashboard = next(row for row in rows if row[0] == "Дашборд руководителя")
    assert dashboard[6] == "Голосовой ответ, 1:14 — прослушать в чате с ботом" and dashboard[7] is None


def test_pdf_prints_the_evidence_in_full_under_each_competency(scripts):
    card = _card(scripts)
    lines = pdf_lines(card)
    texts = [text for _, text in lines]
    at = next(k for k, text in enumerate(texts) if text.startswith("• Контроль менеджеров"))
    assert texts[at + 1:at + 5] == [f"Ответ кандидата: «Каждое утро {HOSTILE}»", f"Заметки: Про планёрки {HOSTILE}",
                                    "Зато показал дашборд",
                                    "Красный флаг: Говорит только о своих личных продажах — критический"]
    assert {style for style, _ in lines[at + 1:at + 5]} == {"evidence"}
    assert scorecard_pdf(card).startswith(b"%PDF")


def test_a_scorecard_without_evidence_reads_as_before(scripts):
    card = build_scorecard(scripts.hiring, {c.id: 4 for c in scripts.hiring.competencies}, {}, None)
    assert all(score.evidence.empty for score in card.competencies)
    assert "Заметки" not in render_scorecard(card) and "Ответ кандидата" not in render_scorecard(card)
