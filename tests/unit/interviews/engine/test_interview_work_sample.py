"""The head-of-sales kit's work sample (a funnel to diagnose), reference check and pay-for-results competency:
they load, their figures add up, each screen shows them to the right person, and broken blocks are refused."""

from __future__ import annotations

import re

import pytest
import yaml

from services.interviews.engine import cards
from services.interviews.engine.content import check_scripts
from services.interviews.engine.script_models import EXHIBIT_MAX_CHARS, EXHIBIT_MAX_LINES

from .conftest import visible_text

NBSP = "\u00a0"
FUNNEL_ROW = re.compile(r"^(?P<name>[^:]+): (?P<counts>\d+(?: → \d+)+)$")


def _edit(directory, change) -> None:
    path = directory / "hiring.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _competency(data: dict, competency_id: str) -> dict:
    return next(c for c in data["competencies"] if c["id"] == competency_id)


def _funnel(exhibit) -> dict[str, list[int]]:
    rows = {}
    for line in exhibit.lines:
        if match := FUNNEL_ROW.match(line):
            rows[match["name"]] = [int(n) for n in match["counts"].split(" → ")]
    return rows


# --- the shipped kit --------------------------------------------------------------------------


def test_work_sample_is_a_key_rated_competency_with_a_funnel_to_show(scripts):
    case = scripts.hiring.competency("funnel_case")
    assert case.key and case.exhibit is not None
    assert any(flag.critical for flag in case.red_flags)
    assert sorted(case.rubric) == [1, 2, 3, 4]


def test_work_sample_figures_add_up_to_what_a_strong_answer_finds(scripts):
    case = scripts.hiring.competency("funnel_case")
    exhibit = "\n".join(case.exhibit.lines)
    rows = _funnel(case.exhibit)
    department = rows.pop("Весь отдел")
    managers = rows
    assert len(managers) == 3
    for counts in [*managers.values(), department]:
        assert counts == sorted(counts, reverse=True), "a funnel never grows"
    assert department == [sum(stage) for stage in zip(*managers.values(), strict=True)]
    plan, fact = map(int, re.search(r"План месяца — (\d+) договоров, факт — (\d+)", exhibit).groups())
    assert fact == department[-1] < plan
    raise_by = int(re.search(rf"бюджет на (\d+){NBSP}%", exhibit).group(1))

    # What listen_for and the rubric claim, recomputed from the exhibit.
    best = max(counts[-1] for counts in managers.values())
    everyone_like_the_best = best * len(managers)
    with_more_leads = round(department[0] * (1 + raise_by / 100) * department[-1] / department[0])
    assert everyone_like_the_best >= plan > with_more_leads
    expected = case.rubric[4] + " ".join(case.listen_for)
    for figure in (best, everyone_like_the_best, plan, with_more_leads):
        assert str(figure) in expected

    def rate(counts: list[int], stage: int) -> int:
        return round(counts[stage + 1] / counts[stage] * 100)

    anna, boris, victor = managers["Анна"], managers["Борис"], managers["Виктор"]
    listen = " ".join(case.listen_for)
    assert f"{rate(victor, 0)}{NBSP}% против {rate(anna, 0)}{NBSP}%" in listen  # Виктор loses on the first contact
    assert f"{rate(boris, 2)}{NBSP}% против {rate(anna, 2)}{NBSP}%" in listen  # Борис loses at the key stage


def test_reference_check_has_questions_for_the_former_manager(scripts):
    references = scripts.hiring.competency("references")
    assert references.referee_questions
    assert any("Взяли бы вы его снова" in q for q in references.referee_questions)
    assert any(flag.critical for flag in references.red_flags)


def test_strong_head_of_sales_at_an_ordinary_price_is_rated_not_only_hinted(scripts):
    hiring = scripts.hiring
    pay = hiring.competency("pay_for_results")
    assert "по цене обычного" in " ".join(pay.listen_for)
    assert pay.title in hiring.salary.hint
    assert hiring.remote_questions()[-1] == (None, hiring.salary)  # the salary itself stays asked, unrated


# --- who sees what ----------------------------------------------------------------------------


def test_owner_card_shows_the_funnel_to_show_and_the_referee_questions(scripts):
    hiring = scripts.hiring
    case = visible_text(cards.render_competency_card(hiring, "funnel_case", position=12, total=14))
    assert f"Покажите кандидату: {hiring.competency('funnel_case').exhibit.title}" in case
    assert all(line in case for line in hiring.competency("funnel_case").exhibit.lines)
    references = hiring.competency("references")
    live = visible_text(cards.render_competency_card(hiring, "references", position=14, total=14))
    review = visible_text(cards.render_answer_review(hiring, "references", "Иван, +7 900", position=14, total=14))
    for text in (live, review):
        assert "Спросите бывшего руководителя" in text
        assert all(question in text for question in references.referee_questions)
    assert "Спросите бывшего руководителя" not in visible_text(
        cards.render_competency_card(hiring, "control", position=1, total=14))


def test_candidate_sees_the_funnel_but_not_how_it_is_judged(scripts):
    hiring = scripts.hiring
    case = hiring.competency("funnel_case")
    total = len(hiring.remote_questions())
    text = visible_text(cards.render_candidate_question(hiring, case.questions[0].id, position=12, total=total))
    assert case.exhibit.title in text and all(line in text for line in case.exhibit.lines)
    assert text.index(case.exhibit.lines[-1]) < text.index(case.questions[0].text)
    assert "Покажите кандидату" not in text
    for hidden in [*case.listen_for, *case.rubric.values(), *(flag.text for flag in case.red_flags)]:
        assert hidden not in text
    references = hiring.competency("references")
    asked = visible_text(cards.render_candidate_question(hiring, references.questions[0].id, position=14,
                                                         total=total))
    assert not any(question in asked for question in references.referee_questions)
    plain = visible_text(cards.render_candidate_question(hiring, "control_how", position=1, total=total))
    assert "📋" not in plain


# --- broken blocks are refused ----------------------------------------------------------------


def test_intact_work_sample_loads(content_copy):
    assert check_scripts(content_copy) == []


def test_exhibit_without_lines_is_refused(content_copy):
    _edit(content_copy, lambda d: _competency(d, "funnel_case")["exhibit"].__setitem__("lines", []))
    errors = check_scripts(content_copy)
    assert any(e.startswith("hiring.yaml: competencies.") and e.split(": ")[1].endswith(".exhibit.lines")
               for e in errors), errors


def test_exhibit_too_long_for_a_card_is_refused(content_copy):
    def bloat(data):
        _competency(data, "funnel_case")["exhibit"]["lines"] = ["Анна: 200 → 180 → 90 → 36 " + "я" * 500] * 3

    _edit(content_copy, bloat)
    assert any(f"at most {EXHIBIT_MAX_CHARS}" in e for e in check_scripts(content_copy))


def test_exhibit_with_too_many_lines_or_an_unknown_field_is_refused(content_copy):
    def break_exhibit(data):
        exhibit = _competency(data, "funnel_case")["exhibit"]
        exhibit["lines"] = [f"Строка {n}" for n in range(EXHIBIT_MAX_LINES + 1)]
        exhibit["answer"] = "108"

    _edit(content_copy, break_exhibit)
    errors = check_scripts(content_copy)
    assert any(".exhibit.lines" in e and f"at most {EXHIBIT_MAX_LINES} items" in e for e in errors), errors
    assert any(".exhibit.answer" in e for e in errors), errors


def test_referee_questions_repeated_or_not_a_list_are_refused(content_copy):
    def repeat(data):
        questions = _competency(data, "references")["referee_questions"]
        questions.append(questions[0])

    _edit(content_copy, repeat)
    assert any("referee questions of 'references' repeat" in e for e in check_scripts(content_copy))

    _edit(content_copy, lambda d: _competency(d, "references").__setitem__("referee_questions", "Почему ушёл?"))
    assert any(".referee_questions" in e for e in check_scripts(content_copy))


@pytest.mark.parametrize("competency_id", ["funnel_case", "pay_for_results", "references"])
def test_new_competencies_are_required_to_have_a_full_rubric(content_copy, competency_id):
    _edit(content_copy, lambda d: _competency(d, competency_id)["rubric"].pop(2))
    assert any(f"rubric of '{competency_id}'" in e for e in check_scripts(content_copy))
