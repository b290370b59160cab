"""Loading the bank, and the bar the engine's own four topics must meet."""

from __future__ import annotations

from services.attestation.engine.content import DEFAULT_CONTENT_DIR, QUESTION_TYPES, load_bank
from tests.unit.attestation.engine.builders import topic_dict

ENGINE_TOPICS = ("kev", "conversion", "sales_roles", "hadi")
CURRICULUM = ("kev", "conversion", "warming", "system_check", "cjm", "touch_points", "client_bases", "custdev",
              "seasonality", "sales_book", "product_textbook", "sales_roles", "agile", "hadi", "rfm", "kcv",
              "head_of_sales")


def test_bank_lookups_and_menu_order(make_bank):
    bank = make_bank(topic_dict("late", order=50), topic_dict("early", order=5))
    assert [t.id for t in bank.topics] == ["early", "late"]
    assert bank.topic("late").title == "Тема late"
    question = bank.question("early_03")
    assert question.type == "numeric" and question.topic_id == "early"
    assert [q.id for q in bank.questions_of("late")] == [f"late_0{k}" for k in range(1, 7)]
    assert bank.has_question("late_01") and not bank.has_question("gone_01")


def test_bank_is_cached_per_folder():
    assert load_bank() is load_bank(DEFAULT_CONTENT_DIR)


def test_real_topics_use_curriculum_ids_in_menu_order(real_bank):
    ids = [t.id for t in real_bank.topics]
    assert set(ENGINE_TOPICS) <= set(ids)
    assert set(ids) <= set(CURRICULUM)
    assert ids == sorted(ids, key=CURRICULUM.index)


def test_engine_topics_are_complete(real_bank):
    types = set()
    generators = set()
    for topic_id in ENGINE_TOPICS:
        topic = real_bank.topic(topic_id)
        assert len(topic.questions) >= 10, topic_id
        assert all(q.id.startswith(f"{topic_id}_") for q in topic.questions), topic_id
        types |= {q.type for q in topic.questions}
        generators |= {q.generator for q in topic.questions if q.type == "numeric" and q.generator}
    assert types == set(QUESTION_TYPES)
    assert {"stage_conversion", "funnel_conversion"} <= generators


def test_engine_topics_do_not_give_the_answer_away_by_length(real_bank):
    """A test-wise user picks the longest option; it must not pay off."""
    choice = [q for t in ENGINE_TOPICS for q in real_bank.questions_of(t) if q.type in ("single", "multiple")]
    longest_is_right = [q.id for q in choice
                        if min(len(o.text) for o in q.options if o.correct)
                        > max(len(o.text) for o in q.options if not o.correct)]
    assert len(longest_is_right) <= len(choice) // 5, longest_is_right


def test_engine_topics_explain_every_wrong_option(real_bank):
    for topic_id in ENGINE_TOPICS:
        for q in real_bank.questions_of(topic_id):
            if q.type == "single":
                assert all(o.why for o in q.options if not o.correct), q.id
