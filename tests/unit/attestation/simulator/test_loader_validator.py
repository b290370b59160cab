"""The loader and the graph check on a good scenario and on scenarios broken one way at a time."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from services.attestation.simulator.engine.loader import ScenarioError, clear_cache, load_library
from services.attestation.simulator.engine.validate import MIN_DECISIONS, check_scenarios, count_paths
from tests.unit.attestation.simulator.builders import reply, scenario_dict, write_content


def only_error(errors: list[str], *parts: str) -> None:
    assert len(errors) == 1, errors
    for part in parts:
        assert part in errors[0], errors[0]


def test_good_scenario_loads_with_its_figures(tmp_path: Path) -> None:
    folder = write_content(tmp_path, scenario_dict("alpha"), scenario_dict("beta", stage="decision"))
    report = check_scenarios(folder)
    assert report.ok, report.errors
    assert (report.scenarios, report.decisions, report.endings) == (2, 14, 6)
    library = load_library(folder)
    assert [s.id for s in library.scenarios] == ["alpha", "beta"]
    assert list(library.by_stage()) == ["contact", "decision"]
    assert load_library(folder) is library  # cached per folder
    assert count_paths(library.scenario("alpha")) == 2 * 3 * 2 ** 4
    clear_cache()


def test_broken_content_raises_with_every_problem(tmp_path: Path) -> None:
    broken = scenario_dict()
    broken["steps"]["s3"]["replies"][0]["score"] = {"charm": 2}
    broken["steps"]["s4"]["topic"] = "astrology"
    with pytest.raises(ScenarioError) as caught:
        load_library(write_content(tmp_path, broken))
    assert len(caught.value.errors) == 2
    assert any("charm" in e for e in caught.value.errors) and any("astrology" in e for e in caught.value.errors)
    clear_cache()


def test_unreachable_step(errors_for, scenario) -> None:
    replies = [reply("Да", {"contact": 2}, "won"), reply("Нет", {"contact": 0}, "gone")]
    scenario["steps"]["lonely"] = {"client": "Меня никто не спросит.", "topic": "warming", "replies": replies}
    only_error(errors_for(scenario), "alpha.yaml", "до шага «lonely» нельзя дойти")


def test_unreachable_ending(errors_for, scenario) -> None:
    scenario["endings"]["secret"] = {"kind": "lost", "title": "Тайна", "text": "Сюда не ведёт ни один ответ."}
    only_error(errors_for(scenario), "до концовки «secret» нельзя дойти")


def test_dead_end(errors_for, scenario) -> None:
    scenario["steps"]["s3"]["replies"][1]["next"] = "nowhere"
    only_error(errors_for(scenario), "ответ s3.2", "тупик", "nowhere")


def test_cycle(errors_for, scenario) -> None:
    scenario["steps"]["s4"]["replies"][1]["next"] = "s2"
    only_error(errors_for(scenario), "по кругу", "s2 → s3 → s4 → s2")


@pytest.mark.parametrize("value", [3, -1])
def test_score_out_of_range(errors_for, scenario, value) -> None:
    scenario["steps"]["s2"]["replies"][1]["score"] = {"contact": value}
    only_error(errors_for(scenario), "ответ s2.2", f"балл {value}", "0–2")


def test_unknown_skill(errors_for, scenario) -> None:
    scenario["steps"]["s5"]["replies"][0]["score"] = {"contact": 1, "charm": 2}
    only_error(errors_for(scenario), "ответ s5.1", "неизвестный навык «charm»")


def test_unknown_card(errors_for, scenario) -> None:
    scenario["topics"] = ["kev", "astrology"]
    only_error(errors_for(scenario), "нет карточки «astrology»")


def test_unknown_stage_and_role(errors_for, scenario) -> None:
    scenario["stage"] = "magic"
    scenario["role"] = "wizard"
    errors = errors_for(scenario)
    assert len(errors) == 2 and "этап «magic»" in errors[0] and "роль «wizard»" in errors[1]


def test_too_long_text(errors_for, scenario) -> None:
    scenario["steps"]["s4"]["client"] = "Очень длинная реплика. " * 50
    only_error(errors_for(scenario), "steps.s4.client", "длиннее 1000 символов")


def test_step_message_too_long_for_telegram(errors_for, scenario) -> None:
    step = scenario["steps"]["s4"]
    step["client"] = "Длинная реплика клиента. " * 35
    step["replies"] = [reply(f"{k}. " + "Длинный ответ менеджера. " * 38, {"contact": k % 3}, "s5") for k in range(4)]
    for item in step["replies"]:
        item["why"] = "Короткое пояснение."
    errors = errors_for(scenario)
    assert any("шаг s4: сообщение" in e and "не больше 4096" in e for e in errors), errors


def test_too_long_title_for_a_button(errors_for, scenario) -> None:
    scenario["title"] = "Название, которое никак не поместится на кнопку списка"
    only_error(errors_for(scenario), "не влезет на кнопку")


def test_reason_must_be_one_line(errors_for, scenario) -> None:
    scenario["steps"]["s1"]["replies"][0]["why"] = "Первая строка.\nВторая строка."
    only_error(errors_for(scenario), "ответ s1.1", "одна строка")


def test_too_long_final_screen(errors_for, scenario) -> None:
    scenario["endings"]["gone"]["text"] = "Длинный эпилог. " * 60
    last = scenario["steps"]["s6"]["replies"][2]
    last["text"] = "Длинный последний ответ. " * 38
    last["reaction"] = "Длинная последняя реакция. " * 35
    scenario["steps"]["s3"]["replies"][0]["text"] = "Длинный лучший ответ. " * 40
    only_error(errors_for(scenario), "итоговый экран")


def test_path_shorter_than_the_minimum(errors_for, scenario) -> None:
    scenario["steps"]["s2"]["replies"][1]["next"] = "s6"
    only_error(errors_for(scenario), "через 3 решения", f"не меньше {MIN_DECISIONS}")


def test_endings_of_one_kind(errors_for, scenario) -> None:
    for ending in scenario["endings"].values():
        ending["kind"] = "lost"
    only_error(errors_for(scenario), "разных видов")


def test_two_best_replies(errors_for, scenario) -> None:
    scenario["steps"]["s3"]["replies"][1]["score"] = {"contact": 1, "closing": 1}
    only_error(errors_for(scenario), "шаг s3", "лучший ответ должен быть один")


@pytest.mark.parametrize("count", [1, 5])
def test_replies_per_step(errors_for, scenario, count) -> None:
    replies = scenario["steps"]["s3"]["replies"]
    scenario["steps"]["s3"]["replies"] = [reply(f"Вариант {k}", {"contact": k % 3}, "s4") for k in range(count)] \
        if count > 1 else replies[:1]
    only_error(errors_for(scenario), "steps.s3.replies", "элементов")


def test_schema_errors_in_plain_words(errors_for, scenario) -> None:
    del scenario["steps"]["s2"]["client"]
    scenario["steps"]["s3"]["mood"] = "grumpy"
    errors = errors_for(scenario)
    assert any("steps.s2.client: нет обязательного поля" in e for e in errors), errors
    assert any("steps.s3.mood: лишнее поле" in e for e in errors), errors


def test_file_name_and_duplicate_keys(errors_for, scenario) -> None:
    duplicated = "id: beta\nid: beta\n"
    errors = errors_for(scenario, raw_files={"beta.yaml": duplicated})
    only_error(errors, "beta.yaml", "неверный YAML")
    other = scenario_dict("gamma")
    errors = errors_for(scenario, raw_files={"delta.yaml": yaml.safe_dump(other, allow_unicode=True)})
    only_error(errors, "delta.yaml", "не совпадает с именем файла")


def test_best_reply_must_be_best_on_every_skill(errors_for, scenario) -> None:
    scenario["steps"]["s6"]["replies"][1]["score"] = {"closing": 0, "contact": 1}
    only_error(errors_for(scenario), "ответ s6.2", "по навыку contact")
