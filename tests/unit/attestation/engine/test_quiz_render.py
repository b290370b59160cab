"""The question message and its buttons."""

from __future__ import annotations

import pytest

from services.attestation.engine.instance import make_instance
from services.attestation.engine.render import LABEL_MAX, button_labels, partial_answer_text, question_text
from tests.unit.attestation.engine.builders import topic_dict

LONG = "Вариант ответа, который заметно длиннее тридцати символов"


@pytest.fixture
def bank(make_bank):
    topic = topic_dict("alpha")
    topic["questions"][0]["options"][2]["text"] = LONG
    topic["questions"][0]["text"] = "Что верно? <важно> & точно"
    return make_bank(topic)


def inst(bank, suffix):
    return make_instance(bank.question(f"alpha_{suffix}"), 11)


def test_header_progress_and_escaped_text(bank):
    text = question_text(inst(bank, "01"), 7, 20, topic_title="КЭВ & Co")
    assert text.startswith("<b>Вопрос 7/20</b>")
    assert "КЭВ &amp; Co" in text
    assert "Что верно? &lt;важно&gt; &amp; точно" in text
    assert "✅" not in text


def test_long_options_go_into_the_text_and_buttons_become_numbers(bank):
    single = inst(bank, "01")
    labels = button_labels(single)
    assert labels == ["1", "2", "3"]
    text = question_text(single, 1, 5)
    number = single.choices.index(LONG) + 1
    assert f"{number}. {LONG}" in text


def test_short_options_are_their_own_buttons(bank):
    multiple = inst(bank, "02")
    assert button_labels(multiple) == list(multiple.choices)
    assert all(len(label) <= LABEL_MAX for label in button_labels(multiple))
    assert "1. " not in question_text(multiple, 1, 5)
    assert "«Готово»" in question_text(multiple, 1, 5)


def test_ticked_options_are_marked(bank):
    multiple = inst(bank, "02")
    labels = button_labels(multiple, picked={1})
    assert labels[1].startswith("☑") and not labels[0].startswith("☑")


def test_numeric_has_no_buttons_and_asks_for_a_number(bank):
    numeric = inst(bank, "03")
    assert button_labels(numeric) == []
    assert "числом в процентах" in question_text(numeric, 2, 5)


def test_ordering_explains_how_to_answer_and_shows_progress(bank):
    ordering = inst(bank, "05")
    text = question_text(ordering, 3, 5)
    assert "по порядку" in text
    first = ordering.correct[0]
    progress = question_text(ordering, 3, 5, picked=[first])
    assert f"1. {ordering.choices[first]}" in progress
    assert "Осталось расставить: 3" in progress


def test_matching_lists_lefts_and_points_at_the_current_one(bank):
    matching = inst(bank, "06")
    text = question_text(matching, 4, 5)
    assert "А. Hunter" in text and "Б. Closer" in text and "В. Farmer" in text
    assert "👉 А. Hunter — ?" in text
    partial = partial_answer_text(matching, [matching.correct[0]])
    assert "А. Hunter — Ищет лидов" in partial
    assert "👉 Б. Closer — ?" in partial
