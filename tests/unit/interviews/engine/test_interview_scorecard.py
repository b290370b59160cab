"""Scorecard maths and recommendation rules on hand-computed cases, and the candidate comparison."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.interviews.engine.content import HiringScript
from services.interviews.engine.scorecard import Recommendation, build_scorecard, compare


def _competency(cid: str, weight: int, key: bool = False) -> dict:
    return {
        "id": cid,
        "title": f"Компетенция {cid}",
        "weight": weight,
        "key": key,
        "questions": [{"id": f"{cid}_q", "text": "Как вы это делали?"}],
        "follow_ups": ["Пример?"],
        "listen_for": ["Цифры"],
        "rubric": {1: "плохо", 2: "слабо", 3: "хорошо", 4: "отлично"},
        "red_flags": [
            {"id": f"{cid}_crit", "text": f"Критический флаг {cid}", "critical": True},
            {"id": f"{cid}_minor", "text": f"Флаг {cid}"},
        ],
    }


# Weights: k1 = 3 (key), k2 = 2 (key), m1..m7 = 1 each -> total weight 12.
SCRIPT = HiringScript.model_validate(
    {
        "id": "hiring",
        "version": 1,
        "title": "Тест",
        "intro": "Тест",
        "rating_scale": {1: "1", 2: "2", 3: "3", 4: "4"},
        "competencies": [
            _competency("k1", 3, key=True),
            _competency("k2", 2, key=True),
            *(_competency(f"m{i}", 1) for i in range(1, 8)),
        ],
        "salary": {"id": "salary", "text": "Доход?", "hint": "Не оценивается"},
    }
)
IDS = [c.id for c in SCRIPT.competencies]


def _all(rating: int | None, **overrides: int | None) -> dict[str, int | None]:
    return {cid: overrides.get(cid, rating) for cid in IDS}


def test_weighted_total_on_both_scales_and_hire():
    card = build_scorecard(SCRIPT, _all(4, m7=2), {}, "200 000")
    # (3*4 + 2*4 + 6*4 + 1*2) / 12 = 46 / 12
    assert card.total == pytest.approx(46 / 12)
    assert card.percent == pytest.approx((46 / 12 - 1) / 3 * 100)
    assert card.coverage == 1.0
    assert card.recommendation is Recommendation.HIRE
    assert card.confidence == "высокая"
    assert card.weaknesses == ("Компетенция m7",)
    assert card.salary == "200 000"


def test_exactly_the_hire_threshold_hires():
    ratings = _all(4, m2=3, m3=3, m4=3, m5=2, m6=2, m7=2)  # 12 + 8 + 4 + 9 + 6 = 39 -> 3.25 -> 75 %
    card = build_scorecard(SCRIPT, ratings, {}, None)
    assert card.total == pytest.approx(3.25)
    assert card.percent == pytest.approx(75.0)
    assert card.recommendation is Recommendation.HIRE


def test_critical_red_flag_blocks_hire():
    card = build_scorecard(SCRIPT, _all(4), {"k1": ["k1_crit"]}, None)
    assert card.percent == pytest.approx(100.0)
    assert card.recommendation is Recommendation.DISCUSS
    assert any("Критический флаг k1" in reason for reason in card.reasons)
    assert [f.flag_id for f in card.red_flags] == ["k1_crit"]


def test_rating_one_on_a_key_competency_blocks_hire():
    card = build_scorecard(SCRIPT, _all(4, k2=1), {}, None)
    assert card.total == pytest.approx(42 / 12)  # 3.5 -> 83 %, above the hire threshold
    assert card.recommendation is Recommendation.DISCUSS
    assert any("ключевой компетенции" in r and "Компетенция k2" in r for r in card.reasons)


def test_rating_one_on_an_ordinary_competency_does_not_block_hire():
    card = build_scorecard(SCRIPT, _all(4, m1=1), {}, None)
    assert card.recommendation is Recommendation.HIRE


def test_more_than_two_minor_flags_block_hire_but_two_do_not():
    two = build_scorecard(SCRIPT, _all(4), {"m1": ["m1_minor"], "m2": ["m2_minor"]}, None)
    three = build_scorecard(
        SCRIPT, _all(4), {"m1": ["m1_minor"], "m2": ["m2_minor"], "m3": ["m3_minor"]}, None
    )
    assert two.recommendation is Recommendation.HIRE
    assert three.recommendation is Recommendation.DISCUSS


def test_skipped_competencies_lower_confidence_and_are_named():
    card = build_scorecard(SCRIPT, _all(4, k1=None), {}, None)
    assert card.total == pytest.approx(4.0)  # skipped items do not pull the score down
    assert card.coverage == pytest.approx(9 / 12)
    assert card.confidence == "средняя"
    assert card.skipped == ("Компетенция k1",)
    assert card.recommendation is Recommendation.DISCUSS  # 75 % of weight rated < 80 % needed to hire
    assert any("Компетенция k1" in r and "Не оценены" in r for r in card.reasons)


def test_missing_key_in_ratings_counts_as_skipped():
    ratings = _all(3)
    del ratings["m7"]
    card = build_scorecard(SCRIPT, ratings, {}, None)
    assert card.skipped == ("Компетенция m7",)
    assert card.coverage == pytest.approx(11 / 12)


def test_low_score_rejects():
    card = build_scorecard(SCRIPT, _all(2), {}, None)
    assert card.total == pytest.approx(2.0)
    assert card.percent == pytest.approx(100 / 3)
    assert card.recommendation is Recommendation.REJECT


def test_rejected_candidate_still_sees_the_critical_flag_in_reasons():
    card = build_scorecard(SCRIPT, _all(1), {"k2": ["k2_crit"]}, None)
    assert card.recommendation is Recommendation.REJECT
    assert any("Критический флаг k2" in r for r in card.reasons)
    assert any("ключевой компетенции" in r for r in card.reasons)


def test_low_score_on_too_little_evidence_is_discussed_not_rejected():
    card = build_scorecard(SCRIPT, _all(None, m1=1), {}, None)
    assert card.percent == pytest.approx(0.0)
    assert card.confidence == "низкая"
    assert card.recommendation is Recommendation.DISCUSS


def test_nothing_rated():
    card = build_scorecard(SCRIPT, {}, {}, "  ")
    assert card.total is None and card.percent is None
    assert card.recommendation is Recommendation.DISCUSS
    assert card.salary is None
    assert len(card.skipped) == len(IDS)


def test_double_tapped_flag_counts_once():
    card = build_scorecard(SCRIPT, _all(4), {"m1": ["m1_minor", "m1_minor"]}, None)
    assert len(card.red_flags) == 1


@pytest.mark.parametrize(
    ("ratings", "flags"),
    [
        ({"k1": 5}, {}),
        ({"k1": 0}, {}),
        ({"k1": True}, {}),
        ({"k1": "4"}, {}),
        ({"nope": 3}, {}),
        ({}, {"nope": ["x"]}),
        ({}, {"k1": ["m1_minor"]}),
    ],
)
def test_invalid_input_is_rejected(ratings, flags):
    with pytest.raises(ValueError):
        build_scorecard(SCRIPT, ratings, flags, None)


def test_shipped_kit_scores_a_strong_candidate(scripts):
    ratings = {c.id: 4 for c in scripts.hiring.competencies}
    card = build_scorecard(scripts.hiring, ratings, {}, "300 000 ₽", candidate=" Анна ")
    assert card.recommendation is Recommendation.HIRE
    assert card.candidate == "Анна"
    assert card.competencies[0].rubric_text == scripts.hiring.competencies[0].rubric[4]


@settings(max_examples=150, deadline=None)
@given(
    ratings=st.fixed_dictionaries({cid: st.one_of(st.none(), st.integers(1, 4)) for cid in IDS}),
    flags=st.fixed_dictionaries(
        {}, optional={cid: st.lists(st.sampled_from([f"{cid}_crit", f"{cid}_minor"])) for cid in IDS}
    ),
)
def test_scorecard_invariants(ratings, flags):
    card = build_scorecard(SCRIPT, ratings, flags, None)
    assert 0.0 <= card.coverage <= 1.0
    if card.total is not None:
        assert 1.0 <= card.total <= 4.0
        assert 0.0 <= card.percent <= 100.0
    if card.recommendation is Recommendation.HIRE:
        assert card.percent >= 75.0
        assert card.coverage >= 0.8
        assert not any(f.critical for f in card.red_flags)
        assert all(s.rating != 1 for s in card.competencies if s.key)
    if card.recommendation is Recommendation.REJECT:
        assert card.percent < 50.0


# --- comparison -------------------------------------------------------------------------------


def test_compare_ranks_and_aligns_candidates():
    weak = build_scorecard(SCRIPT, _all(2), {}, None, candidate="Борис")
    strong = build_scorecard(SCRIPT, _all(4), {}, "250 000", candidate="Анна")
    flagged = build_scorecard(SCRIPT, _all(4, m1=3), {"k1": ["k1_crit"]}, None)
    comparison = compare([weak, strong, flagged])
    assert comparison.candidates == ("Борис", "Анна", "Кандидат 3")
    assert comparison.ranking == (1, 2, 0)  # hire, discuss (critical flag), reject
    m1 = next(row for row in comparison.rows if row.competency_id == "m1")
    assert m1.ratings == (2, 4, 3)
    assert m1.best == (1,)
    k1 = next(row for row in comparison.rows if row.competency_id == "k1")
    assert k1.best == (1, 2)


def test_compare_same_recommendation_orders_by_total():
    a = build_scorecard(SCRIPT, _all(3), {}, None, candidate="A")
    b = build_scorecard(SCRIPT, _all(3, k1=4), {}, None, candidate="B")
    assert compare([a, b]).ranking == (1, 0)


def test_compare_refuses_mixed_scripts():
    other = HiringScript.model_validate({**SCRIPT.model_dump(), "id": "other"})
    with pytest.raises(ValueError):
        compare([build_scorecard(SCRIPT, {}, {}, None), build_scorecard(other, {}, {}, None)])


def test_compare_nothing():
    comparison = compare([])
    assert comparison.candidates == () and comparison.ranking == ()
