"""Attempt results: the result line, the pass mark, per-topic breakdown, weakest topics, mastery."""

from __future__ import annotations

import re

import pytest

from services.attestation.engine.exam import PASS_MARK, percent_of
from services.attestation.engine.grading import feedback_text, grade
from services.attestation.engine.instance import make_instance
from services.attestation.engine.results import mastery, render_mastery, render_summary, summarize
from tests.unit.attestation.engine.builders import right_response, topic_dict, wrong_response

RESULT_LINE = re.compile(r"^Результат: (\d+) из (\d+) \((\d+) %\)$")


@pytest.fixture
def bank(make_bank):
    return make_bank(topic_dict("alpha", order=10), topic_dict("beta", order=20), topic_dict("gamma", order=30))


def test_pass_mark_is_80_percent():
    assert PASS_MARK == 0.8
    passed = summarize([("alpha", True)] * 80 + [("alpha", False)] * 20, "exam")
    failed = summarize([("alpha", True)] * 79 + [("alpha", False)] * 21, "exam")
    assert (passed.percent, passed.passed) == (80, True)
    assert (failed.percent, failed.passed) == (79, False)
    assert summarize([("alpha", True)] * 16 + [("alpha", False)] * 4, "exam").passed
    assert not summarize([("alpha", True)] * 15 + [("alpha", False)] * 5, "exam").passed
    assert summarize([("alpha", True)] * 20, "practice").passed is None


def test_percent_rounds_half_up():
    assert [percent_of(c, t) for c, t in [(1, 8), (2, 3), (1, 3), (159, 200), (0, 0)]] == [13, 67, 33, 80, 0]


def test_result_line_is_exact_and_first(bank):
    summary = summarize([("alpha", True), ("beta", False), ("beta", True), ("gamma", True)], "exam")
    text = render_summary(summary, bank)
    first = text.splitlines()[0]
    assert first == "Результат: 3 из 4 (75 %)"
    assert RESULT_LINE.match(first)
    assert "✅" not in text and "❌" not in text  # those marks count answers in feedback only
    assert "не пройдена" in text


def test_breakdown_and_weakest_topics(bank):
    items = [("gamma", False), ("gamma", False), ("alpha", True), ("alpha", False),
             ("beta", True), ("beta", True), ("alpha", True)]
    summary = summarize(items, "practice")
    assert [(s.topic_id, s.correct, s.total, s.percent) for s in summary.per_topic] == [
        ("gamma", 0, 2, 0), ("alpha", 2, 3, 67), ("beta", 2, 2, 100)]
    assert summary.weakest == ("gamma", "alpha")  # worst first; a perfect topic is not weak
    text = render_summary(summary, bank)
    lines = text.splitlines()
    alpha_line = next(line for line in lines if "Тема alpha" in line)
    assert "2 из 3 (67 %)" in alpha_line
    assert lines.index(alpha_line) < lines.index(next(line for line in lines if "Тема gamma" in line))
    assert text.index("Стоит повторить") < text.rindex("Тема gamma")


def test_weakest_holds_at_most_three(bank):
    items = [(t, False) for t in ("a", "b", "c", "d")] + [("e", True)]
    assert len(summarize(items, "exam").weakest) == 3


def test_checkmarks_in_feedback_equal_the_score(bank):
    """A whole practice round: the ✅ a user saw add up to X in «Результат: X из Y»."""
    ticks, items = 0, []
    for n, question_id in enumerate(bank.question_ids):
        inst = make_instance(bank.question(question_id), n)
        response = right_response(inst) if n % 3 else wrong_response(inst)
        result = grade(inst, response)
        ticks += feedback_text(inst, result).count("✅")
        items.append((inst.topic_id, result.correct))
    first = render_summary(summarize(items, "practice"), bank).splitlines()[0]
    correct, total, _ = (int(g) for g in RESULT_LINE.match(first).groups())
    assert (correct, total) == (ticks, len(bank.question_ids))
    assert 0 < ticks < total


def test_mastery_counts_the_latest_answer_per_question(bank):
    rows = [("alpha", "alpha_01", False), ("alpha", "alpha_01", True), ("alpha", "alpha_02", True),
            ("alpha", "alpha_03", True), ("beta", "beta_01", False), ("beta", "beta_02", False)]
    result = {m.topic_id: m for m in mastery(rows, bank)}
    assert [m.topic_id for m in mastery(rows, bank)] == ["alpha", "beta", "gamma"]
    assert (result["alpha"].answered, result["alpha"].correct, result["alpha"].percent) == (3, 3, 100)
    assert result["alpha"].level == "освоено"
    assert result["beta"].level == "слабое место"
    assert result["gamma"].level == "не начато"
    text = render_mastery(mastery(rows, bank), bank)
    assert "Тема gamma — не начато" in text and "3 из 6 вопросов" in text
