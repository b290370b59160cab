"""XLSX exports read back with openpyxl; the scorecard PDF renders Cyrillic without missing glyphs."""

from __future__ import annotations

import io
import warnings

import openpyxl
import pytest

from services.interviews.engine.audit import score_audit
from services.interviews.engine.custdev import AnswerRecord, aggregate, summarize_interview
from services.interviews.engine.export import audit_xlsx, comparison_xlsx, custdev_xlsx, scorecard_xlsx
from services.interviews.engine.export_pdf import scorecard_pdf
from services.interviews.engine.scorecard import build_scorecard, compare

FORMULA = '=HYPERLINK("http://evil","жми")'


def _open(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _rows(sheet) -> list[tuple]:
    return [tuple(cell for cell in row) for row in sheet.iter_rows(values_only=True)]


def _find(sheet, value):
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value == value:
                return cell
    raise AssertionError(f"{value!r} not found")


@pytest.fixture
def card(scripts):
    ratings = {c.id: 3 for c in scripts.hiring.competencies} | {"hiring": None, "crm": 4}
    return build_scorecard(
        scripts.hiring, ratings, {"control": ["own_sales_only"]}, "+7 999 000-00-00", candidate=FORMULA
    )


def test_scorecard_xlsx(card, scripts):
    book = _open(scorecard_xlsx(card))
    sheet = book["Оценка"]
    rows = _rows(sheet)
    assert ("Рекомендация", "Обсудить") in [r[:2] for r in rows]
    crm = next(r for r in rows if r[0] == "Дисциплина в CRM")
    assert crm[2:5] == (2, 4, scripts.hiring.competency("crm").rubric[4])
    hiring = next(r for r in rows if r[0] == "Найм менеджеров")
    assert hiring[3] == "не оценено"
    control = next(r for r in rows if r[0] == "Контроль менеджеров")
    assert control[1] == "да"
    assert "своих личных продажах (критический)" in control[5]
    assert _find(sheet, "Итог (%)").offset(column=1).value == pytest.approx(card.percent / 100)


def test_cells_that_look_like_formulas_stay_text(card):
    sheet = _open(scorecard_xlsx(card))["Оценка"]
    name = _find(sheet, FORMULA)
    assert name.data_type == "s" and name.quotePrefix
    salary = _find(sheet, "+7 999 000-00-00")
    assert salary.data_type == "s" and salary.quotePrefix
    plain = _find(sheet, "Обсудить")
    assert not plain.quotePrefix


def test_comparison_xlsx_puts_candidates_side_by_side(scripts):
    strong = build_scorecard(
        scripts.hiring, {c.id: 4 for c in scripts.hiring.competencies}, {}, "300", candidate="Анна"
    )
    weak = build_scorecard(
        scripts.hiring, {c.id: 2 for c in scripts.hiring.competencies}, {}, None, candidate="Борис"
    )
    sheet = _open(comparison_xlsx(compare([weak, strong])))["Сравнение"]
    rows = _rows(sheet)
    assert rows[0][:5] == ("Компетенция", "Вес", "Ключевая", "Анна", "Борис")  # best first
    control = next(r for r in rows if r[0] == "Контроль менеджеров")
    assert control[1:5] == (3, "да", 4, 2)
    recommendation = next(r for r in rows if r[0] == "Рекомендация")
    assert recommendation[3:5] == ("Нанимать", "Не нанимать")


def test_custdev_xlsx_has_answers_with_tags_and_insights(scripts):
    answers = [
        [
            AnswerRecord("value_choice", "Доставка день в день", ("value", "quote")),
            AnswerRecord("spent_money", "-50 тысяч в месяц", ("cost",)),
        ],
        [
            AnswerRecord("value_choice", "Быстрая доставка", ("value",)),
            AnswerRecord("last_story", "", ("pain",), is_voice=True),
        ],
    ]
    summaries = [
        summarize_interview(a, scripts.custdev, respondent=n)
        for n, a in zip(("Ольга", "Игорь"), answers, strict=True)
    ]
    book = _open(custdev_xlsx(summaries, aggregate(summaries)))
    rows = _rows(book["Ответы"])
    header = rows[0]
    assert header[:6] == ("Интервью", "Респондент", "Раздел", "Вопрос", "Ответ", "Голос")
    value_column = header.index("ценность")
    first = rows[1]
    assert first[1] == "Ольга" and first[4] == "Доставка день в день" and first[value_column] == "✓"
    assert rows[2][header.index("затраты")] == "✓" and rows[2][value_column] is None
    assert _find(book["Ответы"], "-50 тысяч в месяц").quotePrefix
    assert rows[4][5] == "да"  # the voice answer
    totals = _rows(book["Итоги"])
    assert ("ценность", 2, 2) in [r[:3] for r in totals]
    kcv_header = next(i for i, r in enumerate(totals) if r[0] and r[0].startswith("Кандидаты в ККЦ"))
    kcv = totals[kcv_header + 2]
    assert kcv[:3] == ("доставка", 2, 2)
    assert "Ольга" in kcv[3] and "Игорь" in kcv[3]


def test_audit_xlsx_has_items_totals_and_programme(scripts):
    scores = {item.id: 2 for item in scripts.audit.items} | {"crm": 2, "ip_telephony": 0}
    result = score_audit(scripts.audit, scores)
    book = _open(audit_xlsx(result))
    rows = _rows(book["Аудит"])
    crm = next(r for r in rows if r[1] == "CRM")
    assert crm[:4] == ("Отдел продаж", "CRM", 1, 2)
    assert "IP-телефонии" in crm[5]
    total = next(r for r in rows if r[0] == "Итого")
    assert total[1:3] == (result.points, result.max_points)
    assert total[3] == pytest.approx(result.percent / 100)
    programme = _rows(book["Программа обучения"])
    assert [r[2] for r in programme[1:]] == [t.topic_id for t in result.programme]
    assert programme[1][1] == result.programme[0].title


def test_scorecard_pdf_renders_cyrillic_without_missing_glyphs(card):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns «Glyph … missing from font» for unrenderable text
        data = scorecard_pdf(card)
    assert data.startswith(b"%PDF")
    assert b"DejaVuSans" in data


def test_scorecard_pdf_survives_emoji_and_dollars(scripts):
    ratings = {c.id: 4 for c in scripts.hiring.competencies}
    card = build_scorecard(scripts.hiring, ratings, {}, "от $3000 до $4000 💰", candidate="Анна 😀")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        data = scorecard_pdf(card)
    assert data.startswith(b"%PDF") and _page_count(data) >= 1


def test_long_scorecard_pdf_flows_onto_more_pages(scripts):
    ratings = {c.id: 1 for c in scripts.hiring.competencies}
    flags = {c.id: [f.id for f in c.red_flags] for c in scripts.hiring.competencies}
    card = build_scorecard(scripts.hiring, ratings, flags, "много " * 200, candidate="Борис")
    assert _page_count(scorecard_pdf(card)) >= 2


def _page_count(data: bytes) -> int:
    return data.count(b"/Type /Page") - data.count(b"/Type /Pages")
