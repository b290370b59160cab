"""Question instances: one seed, one instance; plain JSON; shuffles that never give the answer away."""

from __future__ import annotations

import json

import pytest

from services.attestation.engine.grading import grade
from services.attestation.engine.instance import QuestionInstance, make_instance
from tests.unit.attestation.engine.builders import right_response, topic_dict


@pytest.fixture
def bank(make_bank):
    return make_bank(topic_dict("alpha"))


def test_same_seed_gives_the_same_instance(bank):
    for question_id in bank.question_ids:
        question = bank.question(question_id)
        assert make_instance(question, 42) == make_instance(question, 42)


def test_json_round_trip_keeps_everything_needed_to_grade(bank):
    for question_id in bank.question_ids:
        inst = make_instance(bank.question(question_id), 7)
        restored = QuestionInstance.from_dict(json.loads(json.dumps(inst.to_dict(), ensure_ascii=False)))
        assert restored == inst
        assert grade(restored, right_response(restored)).correct


def test_instance_knows_its_topic_and_type(bank):
    inst = make_instance(bank.question("alpha_05"), 1)
    assert (inst.question_id, inst.topic_id, inst.type, inst.seed) == ("alpha_05", "alpha", "ordering", 1)


def test_options_are_shuffled_between_attempts(bank):
    question = bank.question("alpha_01")
    positions = {make_instance(question, seed).correct[0] for seed in range(60)}
    assert positions == {0, 1, 2}  # the right option is not always in the same place
    inst = make_instance(question, 5)
    assert [question.options[i].text for i in inst.order] == list(inst.choices)


def test_ordering_is_never_shown_in_the_right_order(make_bank):
    three = topic_dict("beta", questions=[{
        "id": "beta_01", "type": "ordering", "text": "По порядку", "items": ["Первый", "Второй", "Третий"],
        "explanation": "Так."}])
    bank = make_bank(topic_dict("alpha"), three)
    for question_id in ("alpha_05", "beta_01"):
        question = bank.question(question_id)
        orders = {make_instance(question, seed).order for seed in range(500)}
        identity = tuple(range(len(question.items)))
        assert identity not in orders
        assert len(orders) > 3  # still genuinely shuffled


def test_matching_rights_are_never_aligned_with_their_lefts(bank):
    question = bank.question("alpha_06")
    for seed in range(300):
        inst = make_instance(question, seed)
        assert inst.correct != (0, 1, 2)
        assert inst.lefts == ("Hunter", "Closer", "Farmer")


def test_generated_numbers_are_fresh_per_attempt_and_filled_in(bank):
    question = bank.question("alpha_03")
    texts = {make_instance(question, seed).text for seed in range(30)}
    assert len(texts) > 20
    inst = make_instance(question, 9)
    assert "{" not in inst.text and "{" not in inst.explanation
    assert inst.values["in_stage"] in inst.text
    assert inst.tolerance == 0.1 and inst.unit == "%"


def test_fixed_numeric_answer_and_percent_tolerance(make_bank):
    topic = topic_dict("alpha")
    topic["questions"][3].update(answer=900000, tolerance="1%")
    inst = make_instance(make_bank(topic).question("alpha_04"), 1)
    assert inst.answer == 900000 and inst.tolerance == pytest.approx(9000)
    assert inst.values["answer"] == "900\u202f000"
    assert grade(inst, "905 000").correct and not grade(inst, "910 000").correct
