"""The team's exam: sharing places by weight, counts, the draw over built-in and own topics."""

from __future__ import annotations

import random

from services.attestation.engine.content import load_bank
from services.attestation.own.engine.bank import OwnQuestionData, OwnTopicData, engine_topic, merged_bank
from services.attestation.own.engine.exam_plan import (
    BUILTIN,
    COUNT,
    WEIGHT,
    ExamSettings,
    allocate,
    draw_team_exam,
    next_in,
)
from services.attestation.own.engine.model import SINGLE, Option, QuestionBody


def test_weights_share_places_and_small_sources_give_what_they_have() -> None:
    settings = ExamSettings(size=20, mode=WEIGHT, sources={BUILTIN: 1, "ot1": 1, "ot2": 2})
    assert allocate(settings, {BUILTIN: 200, "ot1": 50, "ot2": 50}) == {BUILTIN: 5, "ot1": 5, "ot2": 10}
    assert allocate(settings, {BUILTIN: 200, "ot1": 50, "ot2": 3}) == {BUILTIN: 9, "ot1": 8, "ot2": 3}
    assert sum(allocate(ExamSettings(size=10, sources={"ot1": 1}), {"ot1": 4}).values()) == 4


def test_counts_take_that_many() -> None:
    settings = ExamSettings(mode=COUNT, sources={BUILTIN: 10, "ot1": 5, "ot2": 0})
    assert allocate(settings, {BUILTIN: 200, "ot1": 3, "ot2": 9}) == {BUILTIN: 10, "ot1": 3}


def test_settings_json_and_cycles() -> None:
    settings = ExamSettings("Ромашка", 25, 85, COUNT, {"ot1": 3})
    assert ExamSettings.from_json(settings.to_json()) == settings
    assert ExamSettings.from_json(None) is None
    assert next_in((10, 15, 20), 20) == 10 and next_in((10, 15, 20), 12) == 15


def test_draw_takes_own_and_built_in_questions() -> None:
    builtin = load_bank()
    options = (Option("да", True), Option("нет"))
    questions = tuple(OwnQuestionData(k, 1, QuestionBody(SINGLE, f"Вопрос {k}", options=options)) for k in range(1, 6))
    topic = engine_topic(OwnTopicData(7, 1, "Прайс", "", 1, questions))
    assert topic is not None and topic.title == "🏢 Прайс" and topic.id == "ot7"
    bank = merged_bank(builtin, [topic])
    settings = ExamSettings(size=10, sources={BUILTIN: 1, "ot7": 1})
    ids = draw_team_exam(settings, builtin, bank, {}, random.Random(3))
    own = [q for q in ids if q.startswith("oq")]
    assert len(ids) == 10 and len(own) == 5 and len(set(ids)) == 10
    assert all(bank.has_question(q) for q in ids)
