"""Which questions an attempt asks: exam coverage and weighting, practice, mistakes."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from services.attestation.engine.content import QuestionBank
from services.attestation.engine.exam import draw_exam, draw_mistakes, draw_practice
from tests.unit.attestation.engine.builders import topic_dict


def topics_covered(bank: QuestionBank, question_ids: list[str]) -> set[str]:
    return {bank.question(q).topic_id for q in question_ids}


@pytest.fixture
def wide_bank(make_bank):
    """10 topics × 6 questions: more topics than a short exam can hold."""
    return make_bank(*(topic_dict(f"t{k}", order=k) for k in range(10)))


def test_exam_has_20_distinct_questions_covering_every_topic(real_bank):
    for seed in range(30):
        drawn = draw_exam(real_bank, {}, 20, random.Random(seed))
        assert len(drawn) == 20 == len(set(drawn))
        if len(real_bank.topics) <= 20:
            assert topics_covered(real_bank, drawn) == {t.id for t in real_bank.topics}


def test_exam_covers_every_topic_with_a_few_topics_too(make_bank):
    bank = make_bank(*(topic_dict(f"t{k}", order=k) for k in range(4)))  # 24 questions
    drawn = draw_exam(bank, {}, 20, random.Random(1))
    assert len(set(drawn)) == 20
    per_topic = Counter(bank.question(q).topic_id for q in drawn)
    assert set(per_topic) == {"t0", "t1", "t2", "t3"}
    assert max(per_topic.values()) - min(per_topic.values()) <= 2  # spread, not piled on one topic


def test_exam_smaller_than_the_bank_asks_for_everything_there_is(make_bank):
    bank = make_bank(topic_dict("solo"))
    assert sorted(draw_exam(bank, {}, 20, random.Random(3))) == sorted(bank.question_ids)


def test_same_rng_seed_same_exam(wide_bank):
    seen = {"t1_01": 2, "t2_03": 1}
    assert draw_exam(wide_bank, seen, 8, random.Random(9)) == draw_exam(wide_bank, seen, 8, random.Random(9))


def test_unseen_topics_are_preferred(wide_bank):
    seen = {q: 3 for t in range(5) for q in wide_bank.question_ids if q.startswith(f"t{t}_")}
    topic_hits = Counter()
    for seed in range(300):
        for question_id in draw_exam(wide_bank, seen, 5, random.Random(seed)):
            topic_hits[wide_bank.question(question_id).topic_id] += 1
    unseen = sum(topic_hits[f"t{k}"] for k in range(5, 10))
    assert unseen / sum(topic_hits.values()) > 0.8


def test_unseen_questions_of_a_topic_are_preferred(wide_bank):
    seen = {f"t0_0{k}": 4 for k in range(1, 6)}  # only t0_06 never shown
    hits = Counter()
    for seed in range(200):
        hits.update(q for q in draw_exam(wide_bank, seen, 10, random.Random(seed)) if q.startswith("t0_"))
    assert hits["t0_06"] > 0.8 * sum(hits.values())


def _attempts_to_cover_everything(bank, weighted: bool, rng: random.Random) -> int:
    seen: Counter[str] = Counter()
    covered: set[str] = set()
    for attempt in range(1, 50):
        drawn = draw_exam(bank, seen if weighted else {}, 3, rng)
        seen.update(drawn)
        covered |= topics_covered(bank, drawn)
        if len(covered) == len(bank.topics):
            return attempt
    return 50


def test_attempts_cover_the_curriculum_faster_thanks_to_the_weighting(wide_bank):
    """A 3-question exam over 10 topics: remembering what was seen covers them much sooner."""
    weighted = [_attempts_to_cover_everything(wide_bank, True, random.Random(s)) for s in range(40)]
    blind = [_attempts_to_cover_everything(wide_bank, False, random.Random(s)) for s in range(40)]
    assert max(weighted) <= 6  # 4 attempts are the minimum for 10 topics
    assert sum(weighted) / len(weighted) < 0.6 * sum(blind) / len(blind)


def test_practice_is_one_topic_shuffled(wide_bank):
    drawn = draw_practice(wide_bank, "t3", random.Random(2))
    assert sorted(drawn) == sorted(q.id for q in wide_bank.questions_of("t3"))
    orders = {tuple(draw_practice(wide_bank, "t3", random.Random(s))) for s in range(10)}
    assert len(orders) > 1
    assert len(draw_practice(wide_bank, "t3", random.Random(2), n=4)) == 4


def test_mistakes_are_distinct_known_and_the_frequent_ones_first(wide_bank):
    wrong = ["t1_01"] * 6 + ["t2_02", "t3_03", "gone_99"]
    drawn = draw_mistakes(wrong, wide_bank, random.Random(4), n=10)
    assert sorted(drawn) == ["t1_01", "t2_02", "t3_03"]  # the removed question is skipped
    firsts = Counter(draw_mistakes(wrong, wide_bank, random.Random(s), n=1)[0] for s in range(200))
    assert firsts["t1_01"] > firsts["t2_02"] + firsts["t3_03"]
    assert draw_mistakes([], wide_bank, random.Random(1)) == []
