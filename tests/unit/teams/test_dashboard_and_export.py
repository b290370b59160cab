"""The dashboard on hand-made facts, its chat text and its XLSX."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import openpyxl

from services.attestation.engine.content import load_bank
from services.teams.engine.dashboard import MemberFact, build_dashboard, render_dashboard
from services.teams.engine.export import dashboard_xlsx
from services.teams.engine.status import AssignmentFact, AttemptFact, OpenExam

MSK = ZoneInfo("Europe/Moscow")
BANK = load_bank()
GIVEN = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
DEADLINE = datetime(2026, 3, 4, 20, 59, 59, tzinfo=UTC)
AFTER = datetime(2026, 3, 6, tzinfo=UTC)
ANNA = MemberFact(1, "Анна <Петрова>", "anna", GIVEN)
BORIS = MemberFact(2, "=HYPERLINK(\"http://x\")", None, GIVEN)
EXAM = AssignmentFact(10, 5, "exam", (), DEADLINE, GIVEN, (1, 2))


def answers(topic: str, right: int, wrong: int) -> list[tuple[str, str, bool]]:
    return [(topic, f"{topic}_{i}", i < right) for i in range(right + wrong)]


def board():  # type: ignore[no-untyped-def]
    attempts = {
        1: [AttemptFact("exam", None, 60, False, datetime(2026, 3, 2, tzinfo=UTC)),
            AttemptFact("exam", None, 90, True, datetime(2026, 3, 3, tzinfo=UTC))],
        2: [],
    }
    per_user = {
        1: answers("kev", 1, 3) + answers("rfm", 4, 0) + answers("cjm", 3, 1),  # 25 %, 100 %, 75 %
        2: answers("kev", 3, 1) + answers("cjm", 1, 1),  # 75 %, 50 %
    }
    return build_dashboard(5, "Отдел & Co", [ANNA, BORIS], [EXAM], attempts, per_user, BANK, AFTER)


def test_members_show_status_best_score_and_weakest_topics() -> None:
    anna, boris = board().members
    assert (anna.best_exam, anna.passed, anna.exams_taken, anna.weakest) == (90, True, 2, ("kev", "cjm"))
    assert anna.assignments[0].status.label == "✅ выполнено (90 %)"
    assert (boris.best_exam, boris.passed, boris.weakest) == (None, False, ("cjm", "kev"))
    assert boris.assignments[0].status.label == "⛔ просрочено"


def test_team_topics_average_over_members_and_pick_the_three_weakest() -> None:
    result = board()
    by_topic = {t.topic_id: (t.percent, t.members, t.answers) for t in result.topics}
    assert by_topic == {"kev": (50, 2, 8), "cjm": (62, 2, 6), "rfm": (100, 1, 4)}  # (25+75)/2, (75+50)/2
    assert [t.topic_id for t in result.weakest] == ["kev", "cjm"]  # a topic at 100 % is not weak


def test_rendered_dashboard_escapes_names_and_fits_one_message() -> None:
    text = render_dashboard(board(), BANK, MSK)
    assert "Дашборд команды «Отдел &amp; Co»" in text
    assert "Анна &lt;Петрова&gt; (@anna)" in text and "<Петрова>" not in text
    assert "• Экзамен (до 04.03.2026): ✅ выполнено (90 %)" in text
    assert "Экзамен: лучший результат 90 % — сдан ✅" in text
    assert "<b>Три самые слабые темы:</b> КЭВ — ключевой этап воронки — 50 %, CJM — карта пути клиента — 62 %" in text

    crowd = [MemberFact(100 + i, f"Менеджер номер {i} с длинной фамилией", f"user{i}", GIVEN) for i in range(200)]
    big = build_dashboard(5, "Большая", crowd, [EXAM], {}, {}, BANK, AFTER)
    big_text = render_dashboard(big, BANK, MSK)
    assert len(big_text.encode("utf-16-le")) // 2 <= 4096
    assert big_text.endswith("Полная версия — в выгрузке Excel.")


def test_xlsx_has_a_sheet_per_view_and_keeps_formulas_as_text() -> None:
    book = openpyxl.load_workbook(io.BytesIO(dashboard_xlsx(board(), BANK, MSK)))
    assert book.sheetnames == ["Участники", "Задания", "Темы"]
    members = list(book["Участники"].iter_rows(values_only=True))
    assert members[1] == ("Анна <Петрова>", "@anna", 90, "да", 2,
                          "КЭВ — ключевой этап воронки, CJM — карта пути клиента", None,  # no exam being taken
                          0, None)  # no dialogue simulator scenario played
    assert members[2][:5] == ("=HYPERLINK(\"http://x\")", None, None, "нет", 0)
    cell = book["Участники"]["A3"]
    assert cell.data_type == "s" and cell.quotePrefix  # text, and stays text if edited in Excel
    tasks = list(book["Задания"].iter_rows(min_row=2, values_only=True))
    assert tasks == [("Экзамен", "04.03.2026", "Анна <Петрова>", "✅ выполнено", 90, "03.03.2026"),
                     ("Экзамен", "04.03.2026", "=HYPERLINK(\"http://x\")", "⛔ просрочено", None, None)]
    topics = list(book["Темы"].iter_rows(min_row=2, values_only=True))
    assert [(t[0], t[1], t[4]) for t in topics] == [("КЭВ — ключевой этап воронки", 50, "да"),
                                                    ("CJM — карта пути клиента", 62, "да"), ("RFM-анализ", 100, "нет")]


def test_an_exam_being_taken_is_in_progress_in_the_text_and_the_xlsx() -> None:
    """Issue 13, item 7: a member at question 6 of 20 with no finished exam and no finished answers."""
    before_deadline = datetime(2026, 3, 3, tzinfo=UTC)
    taking = {2: OpenExam(6, 20)}
    result = build_dashboard(5, "Отдел", [ANNA, BORIS], [EXAM], {1: [], 2: []}, {}, BANK, before_deadline, taking)
    anna, boris = result.members
    assert (anna.open_exam, anna.assignments[0].status.label) == (None, "⏳ не начато")
    assert boris.open_exam == OpenExam(6, 20) and boris.weakest == ()
    assert boris.assignments[0].status.label == "🔄 в процессе: 6 из 20"
    text = render_dashboard(result, BANK, MSK)
    boris_block = text.split("HYPERLINK")[1]
    assert "Экзамен: в процессе: 6 из 20" in boris_block and "• Экзамен (до 04.03.2026): 🔄 в процессе: 6 из 20" \
        in boris_block
    assert "попыток пока нет" not in boris_block and "не начато" not in boris_block
    assert "Слабые темы" not in text and "По темам пока нет результатов" in text

    book = openpyxl.load_workbook(io.BytesIO(dashboard_xlsx(result, BANK, MSK)))
    header, _, boris_row = list(book["Участники"].iter_rows(values_only=True))
    assert header[6] == "Экзамен сейчас" and boris_row[2:7] == (None, "нет", 0, "", "в процессе: 6 из 20")
    tasks = list(book["Задания"].iter_rows(min_row=2, values_only=True))
    assert [t[3] for t in tasks] == ["⏳ не начато", "🔄 в процессе: 6 из 20"]


def test_a_retake_in_progress_keeps_the_best_finished_score() -> None:
    attempts = {1: [AttemptFact("exam", None, 60, False, datetime(2026, 3, 2, tzinfo=UTC))]}
    result = build_dashboard(5, "Отдел", [ANNA], [EXAM], attempts, {}, BANK, datetime(2026, 3, 3, tzinfo=UTC),
                             {1: OpenExam(3, 20)})
    (anna,) = result.members
    assert anna.assignments[0].status.label == "🔄 в процессе: 3 из 20, лучший результат пока 60 %"
    text = render_dashboard(result, BANK, MSK)
    assert "Экзамен: лучший результат 60 % — не сдан · сейчас в процессе: 3 из 20" in text
    late = build_dashboard(5, "Отдел", [ANNA], [EXAM], attempts, {}, BANK, AFTER, {1: OpenExam(3, 20)})
    assert late.members[0].assignments[0].status.headline == "⛔ просрочено, в процессе: 3 из 20"
