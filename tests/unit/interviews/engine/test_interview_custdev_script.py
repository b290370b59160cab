"""The CustDev script talks to our own clients about our product, by the Mom Test: past behaviour and specifics,
never a hypothetical — the seed's «со своими клиентами о нашем продукте»."""

from __future__ import annotations

import re

# Ways of asking about an imagined future: the answers are fantasies or politeness, not facts.
HYPOTHETICAL = re.compile(
    r"что будет,? если|если бы|стали бы|купили бы|заплатили бы|было бы|хотели бы|будете|будет ли|представьте",
    re.IGNORECASE,
)
PRODUCT_QUESTIONS = ("value_found_us", "value_choice", "value_almost_stopped", "value_last_use", "value_without_us")


def test_no_question_or_follow_up_is_hypothetical(scripts):
    for question in scripts.custdev.questions():
        for text in (question.text, *question.follow_ups):
            assert not HYPOTHETICAL.search(text), f"{question.id}: {text}"


def test_the_old_what_if_question_now_asks_what_happened_last_time(scripts):
    priority = scripts.custdev.question("ctx_priority")
    assert priority.rule == "past_not_future"
    assert "в последний раз" in priority.text
    assert priority.avoid and "Что будет, если" in priority.avoid  # the old wording, shown as the trap


def test_own_clients_are_asked_about_their_experience_with_our_product(scripts):
    custdev = scripts.custdev
    section = custdev.section_of(PRODUCT_QUESTIONS[0])
    assert section.id == "value" and "нашим продуктом" in section.title
    for question_id in PRODUCT_QUESTIONS:
        question = custdev.question(question_id)
        assert custdev.section_of(question_id) == section
        assert re.search(r"\b(нас|нами|нашим|нашей)\b", question.text), question.text
    # «What would you miss if we vanished» is asked as a real case when we were not there, not as a guess.
    without_us = custdev.question("value_without_us")
    assert without_us.rule == "past_not_future" and "исчезнем" in (without_us.avoid or "")


def test_product_questions_come_after_the_clients_own_task(scripts):
    ids = [q.id for q in scripts.custdev.questions()]
    first_product = min(ids.index(question_id) for question_id in PRODUCT_QUESTIONS)
    for earlier in ("ctx_job", "last_story", "current_how", "spent_money"):
        assert ids.index(earlier) < first_product


def test_every_rule_is_used_by_a_question(scripts):
    used = {q.rule for q in scripts.custdev.questions()}
    assert {rule.id for rule in scripts.custdev.rules} == used
