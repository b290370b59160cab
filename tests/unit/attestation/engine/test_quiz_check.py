"""check-content: each broken-file rule fails with a message naming the file, question and problem."""

from __future__ import annotations

import random
from typing import Any

import pytest

from services.attestation.engine import check as check_module
from services.attestation.engine.check import check_content
from services.attestation.engine.content import ContentError, clear_cache, load_bank
from services.attestation.engine.generators import GENERATORS, Generated, Generator, RangeParam
from tests.unit.attestation.engine.builders import topic_dict, write_content


def errors_for(tmp_path, *topics: dict[str, Any], raw_files: dict[str, str] | None = None) -> list[str]:
    report = check_content(write_content(tmp_path, *topics, raw_files=raw_files))
    assert not report.ok
    return report.errors


def only_error(errors: list[str], *needles: str) -> str:
    matching = [e for e in errors if all(n in e for n in needles)]
    assert matching, f"no error mentions {needles}: {errors}"
    return matching[0]


def test_valid_folder_passes_with_a_summary(tmp_path):
    report = check_content(write_content(tmp_path, topic_dict("alpha"), topic_dict("beta", order=20)))
    assert report.ok and report.errors == []
    assert (report.topics, report.cards, report.questions) == (2, 2, 12)
    assert report.questions_by_type == {"single": 2, "multiple": 2, "numeric": 4, "ordering": 2, "matching": 2}
    text = report.render()
    assert "ошибок нет" in text and "2 темы" in text and "12 вопросов" in text


def test_real_content_passes_check_content():
    report = check_content()
    assert report.ok, report.render()
    assert report.topics >= 4
    assert all(report.questions_by_type[t] > 0 for t in report.questions_by_type)


def test_invalid_yaml(tmp_path):
    errors = errors_for(tmp_path, raw_files={"broken.yaml": "id: broken\nquestions: [\n  - {id: x"})
    only_error(errors, "broken.yaml", "неверный YAML")


def test_duplicate_yaml_key_is_not_silently_dropped(tmp_path):
    text = "id: dup\ntitle: a\ntitle: b\n"
    only_error(errors_for(tmp_path, raw_files={"dup.yaml": text}), "dup.yaml", "title", "повторяется")


def test_unknown_field_and_unknown_type(tmp_path, topic):
    topic["questions"][0]["hint"] = "подсказка"
    topic["questions"][1]["type"] = "essay"
    errors = errors_for(tmp_path, topic)
    only_error(errors, "alpha.yaml", "alpha_01", "лишнее поле", "hint")
    only_error(errors, "alpha_02", "неизвестный тип", "essay")


def test_missing_explanation(tmp_path, topic):
    del topic["questions"][4]["explanation"]
    only_error(errors_for(tmp_path, topic), "alpha.yaml", "alpha_05", "explanation")


@pytest.mark.parametrize("flags", [(False, False, False), (True, True, False)])
def test_single_choice_needs_exactly_one_correct(tmp_path, topic, flags):
    for option, flag in zip(topic["questions"][0]["options"], flags, strict=True):
        option["correct"] = flag
    only_error(errors_for(tmp_path, topic), "alpha_01", "ровно один верный", f"отмечено {sum(flags)}")


def test_multiple_choice_needs_one_correct_and_one_wrong(tmp_path, topic):
    options = topic["questions"][1]["options"]
    options[0]["correct"] = False
    options[1]["correct"] = False
    only_error(errors_for(tmp_path / "a", topic), "alpha_02", "хотя бы один верный")
    for option in options:
        option["correct"] = True
    only_error(errors_for(tmp_path / "b", topic), "alpha_02", "хотя бы один неверный")


def test_duplicate_question_ids_within_and_across_files(tmp_path, topic):
    topic["questions"][1]["id"] = "alpha_01"
    only_error(errors_for(tmp_path / "a", topic), "alpha.yaml", "повторяется id вопроса", "alpha_01")
    other = topic_dict("beta", order=20)
    other["questions"][0]["id"] = "gamma_01"
    third = topic_dict("gamma", order=30)
    only_error(errors_for(tmp_path / "b", other, third), "gamma_01", "уже есть в beta.yaml")


def test_duplicate_topic_ids_and_file_name_mismatch(tmp_path):
    twin = topic_dict("alpha")
    twin_text = (write_content(tmp_path / "src", twin) / "topics" / "alpha.yaml").read_text(encoding="utf-8")
    twin_text = twin_text.replace("alpha_0", "twin_0")
    errors = errors_for(tmp_path / "dst", topic_dict("alpha"), raw_files={"zeta.yaml": twin_text})
    only_error(errors, "zeta.yaml", "не совпадает с именем файла")
    only_error(errors, "zeta.yaml", "тема с id «alpha» уже есть в alpha.yaml")


def test_duplicate_option_texts(tmp_path, topic):
    topic["questions"][0]["options"][2]["text"] = "Этап с наибольшим числом лидов"
    only_error(errors_for(tmp_path, topic), "alpha_01", "повторяются варианты")


def test_ordering_needs_three_items(tmp_path, topic):
    topic["questions"][4]["items"] = ["Гипотеза", "Действие"]
    only_error(errors_for(tmp_path, topic), "alpha_05", "от 3 до 6 пунктов")


def test_matching_rights_must_differ(tmp_path, topic):
    topic["questions"][5]["pairs"][2]["right"] = "Ищет лидов"
    only_error(errors_for(tmp_path, topic), "alpha_06", "правая часть", "Ищет лидов")


@pytest.mark.parametrize("field", ["definition", "example", "mistake", "monday"])
def test_card_fields_must_not_be_empty(tmp_path, topic, field):
    topic["card"][field] = "  "
    only_error(errors_for(tmp_path, topic), "alpha.yaml", f"card.{field}", "пустое")


def test_card_is_required(tmp_path, topic):
    del topic["card"]
    only_error(errors_for(tmp_path, topic), "alpha.yaml", "«card»")


def test_placeholder_the_generator_does_not_provide(tmp_path, topic):
    topic["questions"][2]["text"] = "Лидов {leads}, перешли {moved}. Конверсия?"
    only_error(errors_for(tmp_path, topic), "alpha_03", "{leads}")


def test_unknown_generator_and_bad_params(tmp_path, topic):
    topic["questions"][2]["generator"] = "magic"
    only_error(errors_for(tmp_path / "a", topic), "alpha_03", "неизвестный генератор «magic»")
    topic["questions"][2]["generator"] = "stage_conversion"
    topic["questions"][2]["params"] = {"in_stage": [400, 20]}
    only_error(errors_for(tmp_path / "b", topic), "alpha_03", "in_stage", "больше верхней")


def test_numeric_without_answer_or_generator(tmp_path, topic):
    del topic["questions"][3]["answer"]
    only_error(errors_for(tmp_path, topic), "alpha_04", "answer")


def test_tolerance_tighter_than_the_generator_rounding(tmp_path, topic):
    # The plan is rounded to whole roubles, so a zero tolerance fails a user who computed exactly.
    topic["questions"][2].update(generator="seasonal_plan", tolerance=0,
                                 text="План при {k1}, {f1}, {k2}, {f2}, {k3}, {f3} и {k_next}?",
                                 explanation="План — {answer}.")
    only_error(errors_for(tmp_path, topic), "alpha_03", "seasonal_plan", "seed", "допуск")


def test_generator_with_a_wrong_formula_is_caught(tmp_path, topic, monkeypatch):
    def inverted(rng: random.Random, params: Any) -> Generated:
        in_stage, moved = rng.randint(20, 400), rng.randint(2, 19)
        answer = in_stage / moved * 100  # the classic slip: the fraction upside down
        return Generated({"in_stage": str(in_stage), "moved": str(moved), "answer": f"{answer:.1f}"}, answer)

    monkeypatch.setitem(GENERATORS, "inverted_conversion",
                        Generator("inverted_conversion", {"in_stage": RangeParam((20, 400), (2, 10**6), True)},
                                  inverted))
    monkeypatch.setitem(check_module.RECOMPUTE, "inverted_conversion", check_module.RECOMPUTE["stage_conversion"])
    topic["questions"][2]["generator"] = "inverted_conversion"
    only_error(errors_for(tmp_path, topic), "alpha_03", "расходится с пересчётом")


def test_load_bank_collects_every_error_at_once(tmp_path, topic):
    del topic["questions"][0]["explanation"]
    topic["questions"][4]["items"] = ["Один"]
    folder = write_content(tmp_path, topic, raw_files={"bad.yaml": "id: ["})
    clear_cache()
    with pytest.raises(ContentError) as caught:
        load_bank(folder)
    assert len(caught.value.errors) == 3
    assert any("bad.yaml" in e for e in caught.value.errors)
