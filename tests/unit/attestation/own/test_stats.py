"""Question statistics on hand-checked answers: facility, discrimination (point-biserial against the rest of the
attempt), option shares and the flags."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from services.attestation.own.engine.stats import (
    NEGATIVE,
    TOO_EASY,
    TOO_HARD,
    TRAP,
    UNUSED,
    AnswerRow,
    pearson,
    question_stats,
)
from services.attestation.own.engine.stats_render import render_stats, stats_xlsx

# A single-choice question shown with the options in the order 2, 0, 1 (display index → written index).
INSTANCE = {"type": "single", "text": "Цена «Бизнеса»?", "choices": ["1 800", "1 500", "1 000"],
            "order": [2, 0, 1], "correct": [1]}  # display 1 = written 0 = «1 500»


def row(attempt: int, question: str, correct: bool, value: object = None, instance: dict | None = None) -> AnswerRow:
    return AnswerRow(attempt, question, "ot1", instance or {"type": "numeric", "text": question}, {"value": value},
                     correct)


def test_pearson() -> None:
    assert pearson([(0, 0), (1, 1), (0, 0.2), (1, 0.9)]) > 0.9
    assert pearson([(1, 0), (1, 1)]) is None  # no variance in the item


def test_facility_discrimination_and_negative_flag() -> None:
    rows = []
    # Ten attempts of two questions: the strong (high score on «other») fail «key?»; the weak get it right.
    for attempt in range(10):
        strong = attempt < 5
        rows.append(row(attempt, "other", strong))
        rows.append(row(attempt, "key?", not strong))
    stats = {s.question_id: s for s in question_stats(rows)}
    key = stats["key?"]
    assert key.answers == 10 and key.right == 5 and key.facility == 0.5
    assert key.discrimination is not None and key.discrimination < -0.99
    assert NEGATIVE in key.flags
    assert question_stats(rows)[0].question_id in ("key?", "other")  # the most urgent first


def test_option_shares_in_written_order_and_trap_and_unused_flags() -> None:
    rows = [AnswerRow(a, "oq1_1", "ot1", INSTANCE, {"value": 0}, False) for a in range(6)]  # display 0 = «1 800»
    rows += [AnswerRow(10 + a, "oq1_1", "ot1", INSTANCE, {"value": 1}, True) for a in range(4)]
    (stat,) = question_stats(rows)
    # Written order: 0 «1 500» (right), 1 «1 000», 2 «1 800».
    assert [(o.text, o.correct, o.picks) for o in stat.options] == [("1 500", True, 4), ("1 000", False, 0),
                                                                     ("1 800", False, 6)]
    assert stat.options[2].share == 0.6
    assert TRAP in stat.flags and stat.trap == "1 800"
    assert UNUSED in stat.flags and stat.unused == ("1 000",)


def test_easy_and_hard_need_enough_answers() -> None:
    easy = [row(a, "easy", True) for a in range(5)]
    hard = [row(a, "hard", False) for a in range(5)]
    few = [row(a, "few", False) for a in range(4)]
    stats = {s.question_id: s.flags for s in question_stats(easy + hard + few)}
    assert stats == {"easy": (TOO_EASY,), "hard": (TOO_HARD,), "few": ()}


def test_render_top_problems_and_xlsx() -> None:
    rows = [AnswerRow(a, "oq1_2", "ot1", INSTANCE, {"value": 0}, False) for a in range(6)]
    stats = question_stats(rows)
    text = render_stats("Юг <1>", stats, {"ot1": "🏢 Прайс"}, members=3)
    assert "команда «Юг &lt;1&gt;»" in text and "Ответов: 6 на 1 вопрос (своих — 1, из программы — 0)" in text
    assert "«Цена «Бизнеса»?» — 🏢 Прайс, версия 2" in text and "верно 0 % из 6" in text
    assert "Почти никто не отвечает верно" in text and "точечно-бисериальная" in text
    book = load_workbook(io.BytesIO(stats_xlsx(stats, {"ot1": "=Прайс"})))
    sheet = book.active
    header = [c.value for c in sheet[1]]
    assert header[:7] == ["Тема", "Вопрос", "Версия", "Тип", "Ответов", "Верно, %", "Дискриминация"]
    values = [c.value for c in sheet[2]]
    assert values[0] == "=Прайс" and sheet.cell(2, 1).data_type == "s" and values[2] == 2 and values[4] == 6
    assert values[7] == "✓ 1 500 — 0 %; 1 000 — 0 %; 1 800 — 100 %"
