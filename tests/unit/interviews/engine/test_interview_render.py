"""Telegram messages: hostile text is escaped, markup stays valid, every message fits 4096 characters."""

from __future__ import annotations

import pytest

from services.interviews.engine import cards
from services.interviews.engine.audit import score_audit
from services.interviews.engine.custdev import AnswerRecord, aggregate, summarize_interview
from services.interviews.engine.html_text import MESSAGE_LIMIT, message_length
from services.interviews.engine.render import (
    render_audit,
    render_comparison,
    render_insights,
    render_interview_summary,
    render_scorecard,
)
from services.interviews.engine.scorecard import build_scorecard, compare

from .conftest import HOSTILE, visible_text


def _fits(message: str) -> str:
    assert message_length(message) <= MESSAGE_LIMIT
    return visible_text(message)


def _hostile_card(scripts, name: str = HOSTILE, salary: str = HOSTILE):
    ratings = {c.id: 3 for c in scripts.hiring.competencies}
    flags = {"control": ["own_sales_only"]}
    return build_scorecard(scripts.hiring, ratings, flags, salary, candidate=name)


def test_scorecard_escapes_candidate_name_and_salary(scripts):
    message = render_scorecard(_hostile_card(scripts))
    assert "<script>" not in message and "<b>x</b>" not in message
    text = _fits(message)
    assert text.count(HOSTILE) == 2  # shown literally, as typed
    assert "Рекомендация: Обсудить" in text
    assert "Говорит только о своих личных продажах" in text


def test_comparison_escapes_names_and_fits_many_candidates(scripts):
    many = [_hostile_card(scripts, name=f"{HOSTILE} {i}" * 5, salary="x" * 3000) for i in range(30)]
    message = render_comparison(compare(many))
    assert "<script>" not in message
    text = _fits(message)
    assert "и ещё 24" in text


def test_comparison_of_nobody_says_how_to_start():
    assert "/interview" in render_comparison(compare([]))


def test_audit_message_lists_weak_items_and_programme(scripts):
    scores = {item.id: 1 for item in scripts.audit.items} | {"crm": 0}
    text = _fits(render_audit(score_audit(scripts.audit, scores)))
    assert "Рекомендуемая программа обучения" in text
    assert "CRM — 0 из 2" in text
    assert "проверять нечего" in text


def test_interview_summary_escapes_answers_and_shows_voice(scripts):
    answers = [
        AnswerRecord("ctx_about", HOSTILE, ("pain", "quote")),
        AnswerRecord("last_story", "", ("pain",), is_voice=True),
        AnswerRecord("close_next_step", HOSTILE),
    ]
    message = render_interview_summary(summarize_interview(answers, scripts.custdev, respondent=HOSTILE))
    assert "<script>" not in message
    text = _fits(message)
    assert HOSTILE in text
    assert "голосовой ответ" in text
    assert "Следующий шаг" in text


def test_interview_summary_warns_without_next_step(scripts):
    summary = summarize_interview([AnswerRecord("ctx_about", "Закупщик")], scripts.custdev)
    assert "Следующий шаг не записан" in _fits(render_interview_summary(summary))


def test_huge_interview_still_fits(scripts):
    answers = [
        AnswerRecord(q.id, ("<длинный & ответ> " * 400), ("pain", "value", "quote"))
        for q in scripts.custdev.questions()
    ] * 3
    _fits(render_interview_summary(summarize_interview(answers, scripts.custdev, respondent="x" * 5000)))


def test_insights_escape_quotes_and_show_kcv(scripts):
    summaries = [
        summarize_interview(
            [AnswerRecord("value_choice", f"Доставка {HOSTILE}", ("value",))],
            scripts.custdev,
            respondent=name,
        )
        for name in ("Ольга", HOSTILE)
    ]
    message = render_insights(aggregate(summaries))
    assert "<script>" not in message
    text = _fits(message)
    assert "Кандидаты в ККЦ" in text
    assert "Доставка — в 2 из 2 интервью" in text


def test_insights_without_candidates_explain_why(scripts):
    one = summarize_interview([AnswerRecord("value_choice", "Доставка", ("value",))], scripts.custdev)
    assert "хотя бы в двух интервью" in _fits(render_insights(aggregate([one])))
    assert "/custdev" in render_insights(aggregate([]))


# --- interview screens ------------------------------------------------------------------------


def test_every_screen_of_the_shipped_scripts_fits_and_is_valid(scripts):
    hiring, custdev, audit = scripts.hiring, scripts.custdev, scripts.audit
    for script in (hiring, custdev, audit):
        _fits(cards.render_intro(script))
    for position, competency in enumerate(hiring.competencies, start=1):
        _fits(
            cards.render_competency_card(
                hiring, competency.id, position=position, total=11, rating=4, note="x" * 5000
            )
        )
        _fits(cards.render_answer_review(hiring, competency.id, "y" * 5000, position=position, total=11))
    remote = hiring.remote_questions()
    for position, (_, question) in enumerate(remote, start=1):
        _fits(cards.render_candidate_question(hiring, question.id, position=position, total=len(remote)))
    _fits(cards.render_salary_card(hiring, answer=HOSTILE))
    questions = custdev.questions()
    for position, question in enumerate(questions, start=1):
        _fits(cards.render_custdev_question(custdev, question.id, position=position, total=len(questions)))
    for position, item in enumerate(audit.items, start=1):
        _fits(cards.render_audit_item(audit, item.id, position=position, total=len(audit.items)))


def test_candidate_never_sees_how_he_is_judged(scripts):
    hiring = scripts.hiring
    competency = hiring.competency("control")
    text = _fits(cards.render_candidate_question(hiring, competency.questions[0].id, position=1, total=12))
    assert competency.questions[0].text in text
    for hidden in [
        *competency.rubric.values(),
        *competency.listen_for,
        *(f.text for f in competency.red_flags),
    ]:
        assert hidden not in text
    salary = _fits(cards.render_candidate_question(hiring, "salary", position=12, total=12))
    assert hiring.salary.hint not in salary


def test_candidate_card_refuses_a_question_that_is_not_asked_remotely(scripts):
    with pytest.raises(KeyError):
        cards.render_candidate_question(scripts.hiring, "control_day", position=1, total=12)


def test_owner_sees_the_hostile_answer_escaped_next_to_the_rubric(scripts):
    message = cards.render_answer_review(scripts.hiring, "control", HOSTILE, position=1, total=12)
    assert "<script>" not in message
    text = _fits(message)
    assert HOSTILE in text
    assert scripts.hiring.competency("control").rubric[4] in text


def test_custdev_card_shows_rule_and_anti_pitch(scripts):
    custdev = scripts.custdev
    text = _fits(cards.render_custdev_question(custdev, "spent_money", position=10, total=18))
    assert custdev.rule("money_and_time").text in text
    assert "Не спрашивайте" in text
    assert "Не продавайте" in text


def test_fit_lines_drops_whole_lines_and_keeps_markup_valid():
    from services.interviews.engine.html_text import fit_lines

    lines = [f"<b>Строка {i}</b> — {'😀' * 100}" for i in range(50)]  # emoji count twice in Telegram
    message = fit_lines(lines, "… продолжение в Excel")
    text = _fits(message)
    assert text.endswith("… продолжение в Excel")
    assert "Строка 0" in text and "Строка 49" not in text


def test_clipped_text_never_cuts_an_entity_in_half():
    from services.interviews.engine.html_text import esc

    assert esc("&" * 10, 5) == "&amp;" * 4 + "…"
