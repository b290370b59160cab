"""Grading every question type (right, wrong, partial, unusable) and the feedback message."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.attestation.engine.formatting import format_decimal, format_int
from services.attestation.engine.grading import NOT_A_NUMBER, feedback_text, grade
from services.attestation.engine.instance import make_instance
from services.attestation.engine.parsing import parse_number
from services.texts import t
from tests.unit.attestation.engine.builders import right_response, topic_dict, wrong_response


@pytest.fixture
def bank(make_bank):
    return make_bank(topic_dict("alpha"))


def instance(bank, suffix: str, seed: int = 3):
    return make_instance(bank.question(f"alpha_{suffix}"), seed)


def test_single_right_and_wrong(bank):
    inst = instance(bank, "01")
    right = grade(inst, inst.correct[0])
    assert right.correct and right.valid
    assert right.chosen_text == "Этап, после которого клиент решает"
    wrong_index = inst.choices.index("Этап с наибольшим числом лидов")
    wrong = grade(inst, wrong_index)
    assert not wrong.correct and wrong.valid
    assert wrong.correct_answer_text == "Этап, после которого клиент решает"
    assert wrong.whys == ("Число лидов не говорит о решении.",)


def test_single_foreign_index_is_not_graded(bank):
    inst = instance(bank, "01")
    for response in (7, -1, True, "1", None):
        result = grade(inst, response)
        assert not result.valid and not result.correct and result.problem


def test_multiple_right_partial_and_overticked(bank):
    inst = instance(bank, "02")
    assert grade(inst, set(inst.correct)).correct
    assert grade(inst, list(reversed(inst.correct))).correct  # order of ticking does not matter
    partial = grade(inst, {inst.correct[0]})
    assert not partial.correct and (partial.parts_correct, partial.parts_total) == (1, 2)
    wrong_pick = next(k for k in range(3) if k not in inst.correct)
    over = grade(inst, {*inst.correct, wrong_pick})
    assert not over.correct and over.parts_correct == 2
    assert over.whys == ("Переход на старший тариф — это up-sell.",)
    assert "Готово" in (grade(inst, set()).problem or "")


@pytest.mark.parametrize("typed", ["75", "75,0", "75.0", " 75 ", "≈75", "+75"])
def test_numeric_accepts_the_ways_people_type_the_answer(bank, typed):
    assert grade(instance(bank, "04"), typed).correct


def test_numeric_wrong_and_tolerance(bank):
    fixed = instance(bank, "04")
    assert not grade(fixed, "76").correct  # tolerance 0
    generated = instance(bank, "03")
    answer = generated.answer
    assert grade(generated, format_decimal(answer + 0.09, 2)).correct  # within 0.1
    assert not grade(generated, format_decimal(answer + 0.2, 2)).correct
    assert grade(generated, generated.values["answer"] + " %").correct  # the value we show is accepted


@pytest.mark.parametrize("garbage", ["", "   ", "семьдесят пять", "75 или 76", "1e5", "--3", "25 5", "%"])
def test_numeric_garbage_is_not_a_number_rather_than_wrong(bank, garbage):
    result = grade(instance(bank, "04"), garbage)
    assert not result.valid and not result.correct
    assert result.problem == t(NOT_A_NUMBER)
    assert "Не похоже на число" in feedback_text(instance(bank, "04"), result)


def test_ordering_right_partial_incomplete(bank):
    inst = instance(bank, "05")
    assert grade(inst, list(inst.correct)).correct
    swapped = list(inst.correct)
    swapped[2], swapped[3] = swapped[3], swapped[2]
    partial = grade(inst, swapped)
    assert not partial.correct and (partial.parts_correct, partial.parts_total) == (2, 4)
    assert partial.correct_answer_text.splitlines() == ["1. Гипотеза", "2. Действие", "3. Данные", "4. Выводы"]
    assert not grade(inst, list(inst.correct)[:3]).valid  # not every item placed
    assert not grade(inst, [0, 0, 1, 2]).valid  # an item twice


def test_matching_right_partial_incomplete(bank):
    inst = instance(bank, "06")
    assert grade(inst, list(inst.correct)).correct
    first_two_swapped = [inst.correct[1], inst.correct[0], inst.correct[2]]
    partial = grade(inst, first_two_swapped)
    assert not partial.correct and partial.parts_correct == 1
    assert "Hunter — Ищет лидов" in partial.correct_answer_text
    assert not grade(inst, list(inst.correct)[:2]).valid


def test_feedback_starts_with_the_verdict_and_teaches(bank):
    inst = instance(bank, "01")
    good = feedback_text(inst, grade(inst, inst.correct[0]))
    assert good.startswith("✅ ") and "Верно" in good.splitlines()[0]
    assert "КЭВ — этап, после которого клиент принимает решение." in good
    bad = feedback_text(inst, grade(inst, inst.choices.index("Этап с наибольшим числом лидов")))
    assert bad.startswith("❌ ") and "Неверно" in bad.splitlines()[0]
    assert "Правильный ответ: <b>Этап, после которого клиент решает</b>" in bad
    assert "Число лидов не говорит о решении." in bad
    assert bad.index("Правильный ответ") < bad.index("Число лидов") < bad.index("КЭВ — этап")


def test_feedback_fills_placeholders_and_escapes_user_text(bank):
    inst = instance(bank, "03")
    text = feedback_text(inst, grade(inst, inst.values["answer"]))
    assert "{" not in text and inst.values["moved"] in text
    numeric = instance(bank, "04")
    wrong = feedback_text(numeric, grade(numeric, "<b>80</b>"))
    assert "<b>80</b>" not in wrong  # what the user typed never becomes markup


def test_real_content_right_answers_pass_and_wrong_fail(real_bank):
    """For every question of the curriculum the answer we show as right is graded right."""
    for question_id in real_bank.question_ids:
        for seed in (1, 2, 3):
            inst = make_instance(real_bank.question(question_id), seed)
            assert grade(inst, right_response(inst)).correct, question_id
            result = grade(inst, wrong_response(inst))
            assert result.valid and not result.correct, question_id


# What a user may type for a number, generated: Russian formatting, units, signs.
amounts = st.integers(min_value=-10**9, max_value=10**9)


@given(amounts, st.sampled_from(["", " ₽", " %", "%", " руб.", "₽"]))
def test_parse_reads_grouped_integers(value, unit):
    assert parse_number(format_int(value) + unit) == value
    assert parse_number(f"{value}{unit}") == value
    assert parse_number(f"{value:,}".replace(",", " ") + unit) == value


@given(st.integers(min_value=0, max_value=10**7), st.integers(min_value=1, max_value=99))
def test_parse_reads_decimal_comma_and_point(whole, cents):
    expected = whole + cents / 100
    assert parse_number(f"{format_int(whole)},{cents:02d}") == pytest.approx(expected)
    assert parse_number(f"{whole}.{cents:02d}") == pytest.approx(expected)


@given(st.text(alphabet="абвгдxyz!?#@ ", min_size=1, max_size=15))
def test_parse_rejects_words(text):
    assert parse_number(text) is None
